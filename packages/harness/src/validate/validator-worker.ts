/** The validator in a worker thread: starts its engines at once, then answers one request at a time. */
import { parentPort } from 'node:worker_threads';
import { runSchemas, runTemplateRules, startEngines, type TemplateConfig } from './validator-engine.js';

export type ValidatorRequest =
  | {
      readonly id: number;
      readonly kind: 'template';
      readonly text: string;
      readonly file: string;
      readonly config: TemplateConfig;
    }
  | {
      readonly id: number;
      readonly kind: 'schemas';
      readonly text: string;
      readonly name: string;
      readonly region: string;
    };

startEngines();
parentPort!.on('message', (request: ValidatorRequest) => {
  try {
    const diagnostics =
      request.kind === 'template'
        ? runTemplateRules(request.text, request.file, request.config)
        : runSchemas(request.text, request.name, request.region);
    parentPort!.postMessage({ id: request.id, diagnostics });
  } catch (error) {
    parentPort!.postMessage({
      id: request.id,
      error: error instanceof Error ? error.message : String(error),
    });
  }
});
