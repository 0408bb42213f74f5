export * from './plan';
export * from './dimensions';
export * from './records';
export * from './sync/protocol';
export * from './reports';
