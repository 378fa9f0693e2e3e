/**
 * Synthesize the implementations side by side and read each artifact as soon as its synth is done,
 * so evaluating one overlaps with synthesizing the others (the main job's critical path).
 */
import type { ImplementationInfo, Prepared, SynthOutcome } from '@iac-compare/harness';
import type { TargetSpec } from '@iac-compare/spec';
import { envelopeSkips } from './commands/synth.js';
import type { Io } from './io.js';
import { runSynth } from './synth-runner.js';

export interface SynthAndReadOptions {
  readonly repoRoot: string;
  readonly spec: TargetSpec;
  readonly specFile: string;
  readonly implementations: readonly ImplementationInfo[];
  /** Off: synthesize everything and read no cached inventory (--no-cache). */
  readonly cache?: boolean;
  /** Synthesize into and read from this folder instead of the repository. */
  readonly outRoot?: string;
  readonly io: Io;
}

export async function synthesizeAndRead(
  options: SynthAndReadOptions,
): Promise<{ synth: Map<string, SynthOutcome>; prepared: Map<string, Prepared> }> {
  const { synth, read } = await synthesizeThenRead(options);
  return { synth, prepared: await read() };
}

export interface Synthesized {
  readonly synth: Map<string, SynthOutcome>;
  /**
   * Every implementation read (its inventory and findings): those synthesized just now were
   * started as soon as their synth was done; those whose synth was cached are read only when this
   * is called, so a command the report memo answers reads none of them.
   */
  readonly read: () => Promise<Map<string, Prepared>>;
}

/** Synthesizes; reads what was synthesized now at once, and the rest when asked. */
export async function synthesizeThenRead(options: SynthAndReadOptions): Promise<Synthesized> {
  const { repoRoot, spec, specFile, implementations, io } = options;
  const input = (synth: ReadonlyMap<string, SynthOutcome>) => ({
    repoRoot,
    spec,
    specFile,
    implementations,
    synth,
    cache: options.cache !== false,
    ...(options.outRoot ? { artifactRoot: options.outRoot } : {}),
  });
  const reading = new Map<string, Promise<Prepared>>();
  // The pipeline (readers, observe, compare) loads only when something is read: a command the
  // report memo answers never loads it.
  const prepareImplementation = async (
    ...args: Parameters<typeof import('@iac-compare/harness').prepareImplementation>
  ) => (await import('@iac-compare/harness')).prepareImplementation(...args);
  const read = (info: ImplementationInfo, synth: ReadonlyMap<string, SynthOutcome>) =>
    // After the synth loop has started its next process: evaluation is CPU work on this thread.
    new Promise<void>((resolve) => setImmediate(resolve)).then(() =>
      prepareImplementation(info, input(synth)),
    );
  const synth = await runSynth({
    repoRoot,
    specFile,
    spec,
    implementations,
    skip: envelopeSkips(repoRoot, spec, implementations),
    force: options.cache === false,
    validateEverything: options.cache === false,
    ...(options.outRoot ? { outRoot: options.outRoot } : {}),
    onSettled: (id, outcome) => {
      // A cached synth left its artifact as it was: its reading can wait for the report memo.
      if (outcome.cached) return;
      const info = implementations.find((candidate) => candidate.id === id)!;
      reading.set(id, read(info, new Map([[id, outcome]])));
    },
    io,
  });
  return {
    synth,
    read: async () => {
      for (const info of implementations) {
        if (!reading.has(info.id)) reading.set(info.id, prepareImplementation(info, input(synth)));
      }
      const prepared = new Map<string, Prepared>();
      for (const info of implementations) prepared.set(info.id, await reading.get(info.id)!);
      return prepared;
    },
  };
}
