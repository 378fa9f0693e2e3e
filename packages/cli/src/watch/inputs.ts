/**
 * What an answer reflects, by content: the target file's text and, per implementation package,
 * every file its synth reads (sources, templates, .tf, its config), each as a digest. An answer is
 * printed with the digests it was computed from, and only if the files still hold them when it is
 * about to be printed.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Folders inside a package that its synth does not read: outputs, builds, tests, dependencies. */
export const NOT_INPUTS =
  /(^|\/)(node_modules|out|dist|test|cdk\.out|cdktf\.out|\.turbo|\.iac-compare|\.terraform|coverage)(\/|$)/;

/** Files and folders of iac-compare itself: an edit there restarts the watch on the new build. */
export const OWN_SOURCES = [
  'packages/spec/src',
  'packages/spec/package.json',
  'packages/harness/src',
  'packages/harness/package.json',
  'packages/cli/src',
  'packages/cli/package.json',
  'package-lock.json',
  'tsconfig.base.json',
] as const;

/** Every file under `packageDir` its synth may read (relative to the repository), sorted. */
export function packageInputFiles(repoRoot: string, packageDir: string): string[] {
  const base = join(repoRoot, packageDir);
  let entries: string[];
  try {
    entries = readdirSync(base, { recursive: true, encoding: 'utf8' });
  } catch {
    return [];
  }
  return entries
    .filter((file) => !NOT_INPUTS.test(file) && !/(^|\/)\./.test(file))
    .map((file) => join(packageDir, file))
    .filter((file) => statSync(join(repoRoot, file), { throwIfNoEntry: false })?.isFile() === true)
    .sort();
}

/** Digest of files by name and content (a missing file counts as missing, not as an error). */
export function digestFiles(repoRoot: string, files: readonly string[]): string {
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(`${file}\u0000`);
    try {
      hash.update(readFileSync(join(repoRoot, file)));
    } catch {
      hash.update('\u0000missing\u0000');
    }
    hash.update('\u0000');
  }
  return hash.digest('hex');
}

export interface TargetInput {
  readonly file: string;
  /** The text, as read once for this answer (what it was parsed from). */
  readonly text: string | undefined;
  readonly digest: string;
}

export function readTargetInput(file: string): TargetInput {
  let text: string | undefined;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    text = undefined;
  }
  return {
    file,
    text,
    digest: createHash('sha256')
      .update(text ?? '\u0000missing')
      .digest('hex'),
  };
}

/** One package's inputs now: its files and their digest. */
export function packageDigest(repoRoot: string, packageDir: string): string {
  return digestFiles(repoRoot, packageInputFiles(repoRoot, packageDir));
}

/** Whether a changed path (relative to the repository) is iac-compare's own code. */
export function isOwnSource(path: string): boolean {
  return OWN_SOURCES.some((own) => path === own || path.startsWith(`${own}/`));
}

/** The package a changed path belongs to, among `packageDirs`, if it is one of its inputs. */
export function packageOfPath(path: string, packageDirs: readonly string[]): string | undefined {
  for (const dir of packageDirs) {
    if (!path.startsWith(`${dir}/`)) continue;
    const inside = path.slice(dir.length + 1);
    if (NOT_INPUTS.test(inside) || /(^|\/)\./.test(inside)) return undefined;
    return dir;
  }
  return undefined;
}

export function shortDigest(digest: string): string {
  return digest.slice(0, 8);
}

export function relativeTo(repoRoot: string, file: string): string {
  const path = relative(repoRoot, file);
  return path.startsWith('..') ? file : path;
}
