export * from './topics';
export * from './schema';
export * from './decode';
