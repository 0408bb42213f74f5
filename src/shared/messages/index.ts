export * from './lang';
export * from './escape';
