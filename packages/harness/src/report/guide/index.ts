export * from './bar-chart.js';
export * from './render-guide.js';
