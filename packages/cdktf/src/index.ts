export * from './app.js';
export * from './cluster.js';
export * from './network.js';
export * from './stack.js';
export * from './synthesize.js';
