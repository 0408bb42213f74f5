export * from './messages';
export * from './plan';
export * from './dimensions';
export * from './records';
export * from './sync/protocol';
/** Every error the API returns has this body. */
export type { ApiError } from './api/protocol';
export * from './reports';
export * from './sync/engine';
export * from './sync/backoff';
export * from './sync/http-transport';
export * from './sync/memory-store';
export * from './sync/handoff';
