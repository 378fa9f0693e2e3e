export { evaluateScenario, planInvariants } from './evaluate.js';
export * from './model.js';
export { runScenario, specWith } from './run.js';
export { SCENARIOS } from './scenarios.js';
export { CorpusSynthesizer } from './synthesize.js';
