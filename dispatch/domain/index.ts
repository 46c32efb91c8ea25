/**
 * Pure domain rules of the dispatch context (no I/O). The context's public
 * face stays `dispatch/index.ts`; this barrel is for its services.
 */
export * from './zoned-time';
export * from './opening-hours';
export * from './fefo';
export * from './sourcing';
export * from './order-schema';
export * from './promise-class';
export * from './holdover';
