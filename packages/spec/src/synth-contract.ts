/**
 * The contract between the target and each implementation's `synth` script: how the target is
 * chosen, where artifacts go, how a failure is reported, and the summary line the CLI reads.
 *
 * Every implementation exports `synthesize(spec, outDir)`; its `synth` script is
 * `runSynthCommand({ … })`. A bad target stops with the spec's own message and exit code 2 and
 * leaves the previous artifact untouched: output is written to a sibling temporary folder and
 * renamed over the old one only when complete. A folder is only ever replaced when iac-compare
 * wrote it (it holds the marker file, or it is the package's own `out/`) or it is empty.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { isSpecError, SpecError } from './errors.js';
import { defaultTargetPath, loadTarget } from './load.js';
import type { TargetSpec } from './schema.js';

/** One artifact an implementation wrote: implementation id, folder, and how many resources it declares. */
export interface SynthArtifact {
  readonly id: string;
  readonly path: string;
  readonly resources: number;
  /**
   * What `resources` counts when it is not resources: a Terraform configuration is evaluated later
   * (by the harness), so its synth can only count `resource` blocks.
   */
  readonly resourceUnit?: 'resource blocks';
}

export interface SynthResult {
  readonly artifacts: readonly SynthArtifact[];
}

/** Prefix of the one machine-readable line a synth script prints on success. */
export const SYNTH_SUMMARY_PREFIX = 'iac-compare-synth ';

/**
 * Runs `write(temporaryDir)` and then moves the result into `outDir`, replacing it. If `write`
 * throws, `outDir` is left exactly as it was.
 */
export async function replaceDirectoryAtomically<T>(
  outDir: string,
  write: (dir: string) => Promise<T> | T,
): Promise<T> {
  const target = resolve(outDir);
  mkdirSync(dirname(target), { recursive: true });
  const temporary = join(dirname(target), `.${basename(target)}.tmp-${process.pid}-${Date.now()}`);
  mkdirSync(temporary, { recursive: true });
  try {
    const result = await write(temporary);
    const previous = `${temporary}.old`;
    if (existsSync(target)) renameSync(target, previous);
    renameSync(temporary, target);
    rmSync(previous, { recursive: true, force: true });
    return result;
  } catch (error) {
    rmSync(temporary, { recursive: true, force: true });
    throw error;
  }
}

/** The file that marks a folder as written by iac-compare (and so safe for it to replace). */
export const OUTPUT_MARKER = '.iac-compare-output';

function refused(message: string, file: string): SpecError {
  return new SpecError('OUTPUT_REFUSED', [{ path: '', message }], file);
}

/**
 * Refuses, with OUTPUT_REFUSED and before anything is written, a folder iac-compare does not own:
 * it owns one that does not exist, is empty, holds the marker file, or that `alsoOurs`
 * recognises (a package's own `out/`, a baseline written before the marker existed).
 */
export function assertOwnedDirectory(outDir: string, alsoOurs: (dir: string) => boolean = () => false): void {
  const target = resolve(outDir);
  if (!existsSync(target)) return;
  if (!statSync(target).isDirectory()) {
    throw refused('is a file, not a folder: name a new or empty folder', target);
  }
  const entries = readdirSync(target);
  if (entries.length > 0 && !entries.includes(OUTPUT_MARKER) && !alsoOurs(target)) {
    const sample = entries.slice(0, 3).join(', ');
    throw refused(
      `holds files iac-compare did not write (${sample}${entries.length > 3 ? ', …' : ''}); name a new or empty folder, or empty this one yourself`,
      target,
    );
  }
}

/** Marks a folder as iac-compare's: what `kind` of output it is, and that it is replaced whole. */
export function markOwnedDirectory(dir: string, kind: string): void {
  writeFileSync(
    join(dir, OUTPUT_MARKER),
    `${JSON.stringify({ writtenBy: 'iac-compare', kind, note: 'iac-compare replaces this folder whole; keep nothing of yours in it' })}\n`,
  );
}

/** `replaceDirectoryAtomically` for a folder iac-compare owns (see assertOwnedDirectory); the result is marked. */
export async function replaceOwnedDirectory<T>(
  outDir: string,
  kind: string,
  write: (dir: string) => Promise<T> | T,
  alsoOurs?: (dir: string) => boolean,
): Promise<T> {
  assertOwnedDirectory(outDir, alsoOurs);
  return replaceDirectoryAtomically(outDir, async (dir) => {
    const result = await write(dir);
    markOwnedDirectory(dir, kind);
    return result;
  });
}

/** The target file a synth script uses: --spec, else $IAC_COMPARE_SPEC, else the default target. */
export function targetFileForSynth(
  specFlag: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): string {
  return resolve(specFlag ?? (env.IAC_COMPARE_SPEC || defaultTargetPath()));
}

export interface SynthCommand {
  /** Implementation package name, for messages. */
  readonly name: string;
  /** Default output folder (the package's `out/`). */
  readonly defaultOutDir: string;
  readonly synthesize: (spec: TargetSpec, outDir: string) => Promise<SynthResult> | SynthResult;
}

/**
 * The body of every `synth` script: `node dist/bin/synth.js [--spec FILE] [--out DIR]`.
 * Returns the exit code; prints one summary line on success, one error message on failure.
 */
export async function runSynthCommand(
  command: SynthCommand,
  argv: readonly string[] = process.argv.slice(2),
): Promise<number> {
  let values: { spec?: string; out?: string };
  try {
    values = parseArgs({
      args: [...argv],
      options: { spec: { type: 'string' }, out: { type: 'string' } },
      strict: true,
    }).values;
  } catch (error) {
    process.stderr.write(
      `${command.name} synth: ${(error as Error).message}\nusage: synth [--spec FILE] [--out DIR]\n`,
    );
    return 2;
  }
  const started = performance.now();
  try {
    const spec = loadTarget(targetFileForSynth(values.spec));
    const outDir = resolve(values.out ?? command.defaultOutDir);
    const defaultOut = resolve(command.defaultOutDir);
    // Refused before synthesizing: an implementation replaces what it writes in outDir whole.
    assertOwnedDirectory(outDir, (dir) => dir === defaultOut);
    const result = await command.synthesize(spec, outDir);
    markOwnedDirectory(outDir, `${command.name} synth`);
    const ms = Math.round(performance.now() - started);
    process.stdout.write(`${SYNTH_SUMMARY_PREFIX}${JSON.stringify({ ...result, ms })}\n`);
    return 0;
  } catch (error) {
    if (isSpecError(error)) {
      process.stderr.write(`${command.name} synth: ${error.message}\n`);
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`${command.name} synth failed: ${message}\n`);
    if (process.env.IAC_COMPARE_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    return 1;
  }
}
