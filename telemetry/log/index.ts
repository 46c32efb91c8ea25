export * from './canonical';
export * from './hash-chain';
export * from './merkle';
export * from './report';
export * from './signing';
