/**
 * A long-lived child process that synthesizes the Pulumi program for one target after another:
 * loading @pulumi/aws and @pulumi/kubernetes takes about four seconds, a synth about one, so the
 * plan corpus pays the load once. Each request gets a fresh setMocks (recordRegistrations), and
 * plan-corpus.test.ts checks that a target synthesized after others records exactly what a fresh
 * process records. Messages: { id, spec, outDir } in, { id, error? } out.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { TargetSpec } from '@iac-compare/spec';

const PULUMI_DIST = join(import.meta.dirname, '..', '..', '..', 'pulumi', 'dist');

interface Request {
  readonly id: number;
  readonly spec: TargetSpec;
  readonly outDir: string;
}

process.setSourceMapsEnabled(true);
await import(pathToFileURL(join(PULUMI_DIST, 'lazy-closure-deps.js')).href);
const { synthesize } = (await import(pathToFileURL(join(PULUMI_DIST, 'synthesize.js')).href)) as {
  synthesize(spec: TargetSpec, outDir: string): Promise<unknown>;
};

let chain: Promise<void> = Promise.resolve();
process.on('message', (message: Request) => {
  chain = chain.then(async () => {
    try {
      await synthesize(message.spec, message.outDir);
      process.send?.({ id: message.id });
    } catch (error) {
      process.send?.({ id: message.id, error: (error as Error).stack ?? String(error) });
    }
  });
});
process.send?.({ ready: true });
