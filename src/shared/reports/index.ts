export * from './facts';
export * from './query';
export * from './progress';
export * from './annual';
export * from './suppression';
export * from './csv';
export * from './xlsx';
export * from './public';
