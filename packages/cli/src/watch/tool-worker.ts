/**
 * A tool worker: a child process that keeps one implementation package's tool libraries loaded
 * (aws-cdk-lib, cdktf and its providers, @pulumi/*) and synthesizes on request, each time from a
 * fresh copy of the package's own code (transpile-hooks.ts), with the target it is sent.
 *
 * `node tool-worker.js <packageDir> <repoRoot>`; messages over IPC:
 * - to the parent: `{ type: 'ready' }` once the libraries are loaded; `{ type: 'done', id, result,
 *   ms }` or `{ type: 'failed', id, error }` per request;
 * - from the parent: `{ type: 'synth', id, spec, outDir }`.
 * The parent enforces the time limit (it kills the process) and replaces a worker whose package
 * state cannot be reset after each use (tool-pool.ts).
 */
import { register } from 'node:module';
import type { SynthResult, TargetSpec } from '@iac-compare/spec';
import { HOOKS_URL, moduleUrl } from './transpile-hooks.js';

interface SynthRequest {
  readonly type: 'synth';
  readonly id: number;
  readonly spec: TargetSpec;
  readonly outDir: string;
}

type Synthesize = (spec: TargetSpec, outDir: string) => Promise<SynthResult> | SynthResult;

const [packageDir, repoRoot] = process.argv.slice(2) as [string, string];
// The lines CDK and Pulumi record for each resource then name TypeScript lines (as bin/synth.ts).
process.setSourceMapsEnabled(true);
register(HOOKS_URL, { parentURL: import.meta.url, data: { packageDir, repoRoot } });

let generation = 0;

async function loadSynthesize(): Promise<Synthesize> {
  const module = (await import(moduleUrl(packageDir, 'synthesize.ts', ++generation))) as {
    synthesize?: Synthesize;
  };
  if (typeof module.synthesize !== 'function') {
    throw new Error(`${packageDir}/src/synthesize.ts exports no synthesize(spec, outDir)`);
  }
  return module.synthesize;
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const line = message.split('\n').find((text) => text.trim() !== '') ?? message;
  if (error instanceof Error && error.name === 'SourceSyntaxError') return `does not compile: ${line}`;
  return line;
}

const send = (message: unknown) => process.send?.(message);

process.on('message', (request: SynthRequest) => {
  if (request?.type !== 'synth') return;
  const started = performance.now();
  loadSynthesize()
    .then((synthesize) => synthesize(request.spec, request.outDir))
    .then(
      (result) => send({ type: 'done', id: request.id, result, ms: Math.round(performance.now() - started) }),
      (error: unknown) => send({ type: 'failed', id: request.id, error: firstLine(error) }),
    );
});
process.on('disconnect', () => process.exit(0));

// Warm: load the package's code once now, which loads its tool's libraries; a package that does
// not load yet (a syntax error) is reported by its first synth.
try {
  await loadSynthesize();
} catch {
  // reported on request
}
send({ type: 'ready' });
