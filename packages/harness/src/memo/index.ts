/**
 * `@iac-compare/harness/memo`: what a command needs before it knows whether anything must be
 * computed — the implementations, the harness's errors, the keys and memos, the validator's
 * start, the stage timings — without loading the readers, observe or compare (the whole harness
 * takes several times longer to load). A command whose report memo answers loads only this and
 * the renderers (`@iac-compare/harness/render`).
 */
export { digestArtifact, harnessBuildId, inventoryKey } from '../artifact-key.js';
export { HarnessError, isHarnessError } from '../errors.js';
export * from '../implementations.js';
export { DEFAULT_WAIVER_FILES, today } from '../policy/defaults.js';
export * from '../timings.js';
export { startValidatorWorker, validatorStarted } from '../validate/cloudformation-validate.js';
export * from './report-memo.js';
export { digestOf } from './store.js';
export * from './validation-memo.js';
