/**
 * Every user-facing text of the server and the shared domain, in Ukrainian and English: API
 * errors, validation and rights reasons, the report documents' words. (The client's screens have
 * their own catalogue, src/client/locales.)
 */
export * from './lang';
export * from './escape';
export * from './validation';
export * from './rights';
export * from './server';
export * from './reports';
export * from './dates';
