/** `iac-compare synth [--only IDS] [--spec FILE] [--force]` */
import { join } from 'node:path';
import type { ImplementationInfo } from '@iac-compare/harness';
import { checkEnvelope, loadEnvelope, loadTarget } from '@iac-compare/spec';
import type { Io } from '../io.js';
import { repoRootFor } from '../repo.js';
import { selectImplementations } from '../select.js';
import { runSynth } from '../synth-runner.js';
import { targetFileFrom } from '../target.js';

export interface SynthOptions {
  readonly spec?: string;
  readonly only?: string;
  readonly force?: boolean;
}

/** Ids outside their declared envelope for this target, with why. */
export function envelopeSkips(
  repoRoot: string,
  spec: ReturnType<typeof loadTarget>,
  implementations: readonly ImplementationInfo[],
) {
  const skip = new Map<string, string>();
  for (const info of implementations) {
    const violations = checkEnvelope(spec, loadEnvelope(join(repoRoot, info.envelopeFile)));
    if (violations.length > 0)
      skip.set(
        info.id,
        `outside its envelope (${violations.map((v) => `${v.path}: ${v.message}`).join('; ')})`,
      );
  }
  return skip;
}

export async function runSynthCommand(options: SynthOptions, io: Io): Promise<number> {
  const repoRoot = repoRootFor(io.env);
  const specFile = targetFileFrom(options.spec, io);
  const spec = loadTarget(specFile);
  const implementations = selectImplementations(options.only);
  const outcomes = await runSynth({
    repoRoot,
    specFile,
    spec,
    implementations,
    skip: envelopeSkips(repoRoot, spec, implementations),
    force: options.force,
    io,
  });
  const failed = [...outcomes.values()].filter((outcome) => outcome.failure).length;
  const cached = [...outcomes.entries()].filter(([, outcome]) => outcome.cached).map(([id]) => id);
  io.err(
    `${outcomes.size - failed} synthesized${cached.length ? ` (${cached.length} cached: ${cached.join(', ')})` : ''}${failed ? `, ${failed} failed` : ''}\n`,
  );
  return failed > 0 ? 2 : 0;
}
