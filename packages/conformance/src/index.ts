export * from './check.js';
export * from './drivers.js';
