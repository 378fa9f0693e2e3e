/**
 * A tool worker: a child process that keeps implementation packages' tool libraries loaded
 * (aws-cdk-lib, cdktf and its providers, @pulumi/*) and synthesizes on request, each time from a
 * fresh copy of the package's own code (module-hooks.ts), with the target it is sent.
 *
 * `node tool-worker.js <repoRoot>`; messages over IPC:
 * - from the parent: `{ type: 'warm', packageDir, modules }` (load the package's code once, so its
 *   libraries load now), `{ type: 'synth', id, packageDir, spec, outDir, modules }`;
 * - to the parent: `{ type: 'ready' }` once warm; `{ type: 'done', id, result, ms }` or
 *   `{ type: 'failed', id, error }` per request.
 * The parent enforces the time limit (it kills the process) and replaces a worker whose state
 * cannot be reset after each use (tool-pool.ts).
 */
import { register } from 'node:module';
import { join } from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import type { SynthResult, TargetSpec } from '@iac-compare/spec';
import { moduleUrl } from './module-hooks.js';

type Request =
  | { readonly type: 'warm'; readonly packageDir: string; readonly modules: Record<string, string> }
  | {
      readonly type: 'synth';
      readonly id: number;
      readonly packageDir: string;
      readonly spec: TargetSpec;
      readonly outDir: string;
      readonly modules: Record<string, string>;
    };

type Synthesize = (spec: TargetSpec, outDir: string) => Promise<SynthResult> | SynthResult;

// The lines CDK and Pulumi record for each resource then name TypeScript lines (as bin/synth.ts).
process.setSourceMapsEnabled(true);
const channel = new MessageChannel();
register(new URL('./module-hooks.js', import.meta.url), {
  data: { port: channel.port2 },
  transferList: [channel.port2],
});

let generation = 0;

async function loadSynthesize(packageDir: string, modules: Record<string, string>): Promise<Synthesize> {
  const current = ++generation;
  // The hooks thread has this generation's code before anything of it is imported.
  channel.port1.postMessage({ generation: current, modules });
  const module = (await import(moduleUrl(join(packageDir, 'src', 'synthesize.ts'), current))) as {
    synthesize?: Synthesize;
  };
  if (typeof module.synthesize !== 'function') {
    throw new Error(`${packageDir}/src/synthesize.ts exports no synthesize(spec, outDir)`);
  }
  return module.synthesize;
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n').find((text) => text.trim() !== '') ?? message;
}

const send = (message: unknown) => process.send?.(message);

process.on('message', (request: Request) => {
  if (request?.type === 'warm') {
    // A package that does not load yet is reported by its first synth.
    loadSynthesize(request.packageDir, request.modules)
      .catch(() => undefined)
      .then(() => send({ type: 'ready' }));
    return;
  }
  if (request?.type !== 'synth') return;
  const started = performance.now();
  loadSynthesize(request.packageDir, request.modules)
    .then((synthesize) => synthesize(request.spec, request.outDir))
    .then(
      (result) => send({ type: 'done', id: request.id, result, ms: Math.round(performance.now() - started) }),
      (error: unknown) => send({ type: 'failed', id: request.id, error: firstLine(error) }),
    );
});
process.on('disconnect', () => process.exit(0));
