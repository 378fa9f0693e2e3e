export * from './synthesize.js';
