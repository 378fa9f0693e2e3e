/**
 * Writing a file the user named with --out, without ever losing one of theirs: a folder, the
 * target file, or an existing file iac-compare did not write is refused before anything is
 * written; a write is atomic (a temporary file beside it, renamed over it) and leaves no
 * temporary file behind, whatever fails.
 */
import { randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { UsageError } from './errors.js';

/**
 * The first line of every text file iac-compare writes: a comment in Markdown and HTML, a header
 * comment in tfvars, the title line of a terminal table. A README that happens to start with
 * "# iac-compare" is not one of them.
 */
const TEXT_HEADERS = [
  /^<!-- written by iac-compare\b/,
  /^<!doctype html><!-- written by iac-compare\b/i,
  /^iac-compare (plan |policy )?· /,
  /^# Written by iac-compare export\b/,
];

/** The variables of infra-terraform: a tfvars JSON with exactly these keys is an export of ours. */
export const TFVARS_KEYS = ['availability_zones', 'cluster', 'name', 'node_groups', 'region', 'tags', 'vpc'];
/** Optional variables an export may also carry. */
const OPTIONAL_TFVARS_KEYS = ['workloads'];
/** The secrets file export tfvars writes beside the tfvars: exactly this key. */
export const SECRETS_TFVARS_KEYS = ['workload_secrets'];

/** Whether `text` (an existing file's content) is something iac-compare writes, and so may be replaced. */
export function writtenByIacCompare(text: string): boolean {
  const firstLine = text.slice(0, 200).split('\n', 1)[0] ?? '';
  if (TEXT_HEADERS.some((pattern) => pattern.test(firstLine))) return true;
  try {
    const value = JSON.parse(text) as unknown;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
    const object = value as Record<string, unknown>;
    // A compare report or a plan: versioned, with the implementations it covers.
    if (typeof object.schemaVersion === 'number' && Array.isArray(object.implementations)) return true;
    // A policy report, or a SARIF log of iac-compare's policy.
    if (typeof object.policyReportVersion === 'number' && Array.isArray(object.implementations)) return true;
    if (object.version === '2.1.0' && Array.isArray(object.runs))
      return object.runs.every(
        (run: { tool?: { driver?: { name?: unknown } } }) => run?.tool?.driver?.name === 'iac-compare',
      );
    const keys = Object.keys(object).sort();
    if (keys.join() === SECRETS_TFVARS_KEYS.join()) return true;
    const required = keys.filter((key) => !OPTIONAL_TFVARS_KEYS.includes(key));
    return (
      required.length === TFVARS_KEYS.length &&
      required.every((key, index) => key === TFVARS_KEYS[index]) &&
      keys.every((key) => TFVARS_KEYS.includes(key) || OPTIONAL_TFVARS_KEYS.includes(key))
    );
  } catch {
    return false;
  }
}

function display(cwd: string, file: string): string {
  return relative(cwd, file) || file;
}

function sameFile(a: string, b: string): boolean {
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return resolve(a) === resolve(b);
  }
}

export interface OutputGuard {
  readonly cwd: string;
  /** The target file the command read: never overwritten. */
  readonly targetFile?: string;
}

/** Refuses a path that must not be written (before the command does any work). */
export function assertWritableOutput(path: string, guard: OutputGuard): string {
  const file = resolve(guard.cwd, path);
  const shown = display(guard.cwd, file);
  if (existsSync(file) && statSync(file).isDirectory()) {
    throw new UsageError(
      `--out ${shown} is a folder; name a file in it, such as ${join(shown, 'report.md')}`,
    );
  }
  if (guard.targetFile && sameFile(file, guard.targetFile)) {
    throw new UsageError(`--out ${shown} is the target file; name another file for the output`);
  }
  if (existsSync(file) && !writtenByIacCompare(readFileSync(file, 'utf8'))) {
    throw new UsageError(
      `--out ${shown} exists and iac-compare did not write it; name another file, or move this one away first`,
    );
  }
  return file;
}

/** Writes so that a reader never sees half a file and a failure leaves the old one as it was. */
export function writeFileAtomic(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  const temporary = join(
    dirname(file),
    `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
  try {
    writeFileSync(temporary, text);
    renameSync(temporary, file);
  } finally {
    rmSync(temporary, { force: true });
  }
}

/** Checks, then writes atomically; returns the path written. */
export function writeOutput(path: string, text: string, guard: OutputGuard): string {
  const file = assertWritableOutput(path, guard);
  writeFileAtomic(file, text);
  return file;
}

/** Formats by file extension, for --out without --format. */
const EXTENSIONS: Readonly<Record<string, string>> = {
  '.json': 'json',
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.txt': 'table',
  '.sarif': 'sarif',
  '.html': 'html',
  '.htm': 'html',
};

/** The usual file name ending of each format. */
const EXTENSION_OF: Readonly<Record<string, string>> = {
  json: '.json',
  markdown: '.md',
  table: '.txt',
  sarif: '.sarif',
  html: '.html',
};

/** The format: --format if given (it must agree with a known extension), else the extension's, else table. */
export function formatFor(
  format: string | undefined,
  out: string | undefined,
  formats: readonly string[],
): string {
  const extension = out ? /\.[^./\\]+$/.exec(out)?.[0]?.toLowerCase() : undefined;
  const implied = extension ? EXTENSIONS[extension] : undefined;
  if (format !== undefined) {
    if (!formats.includes(format)) {
      throw new UsageError(`--format must be one of ${formats.join(', ')}, not "${format}"`);
    }
    if (implied && implied !== format) {
      throw new UsageError(
        `--format ${format} does not match --out ${out} (a ${implied} file name); drop one`,
      );
    }
    return format;
  }
  if (implied && !formats.includes(implied)) {
    // A .sarif name for compare, say: the command cannot write what the name promises.
    throw new UsageError(
      `--out ${out}: this command writes ${formats.join(', ')}, not ${implied}; name the file ${formats
        .map((name) => EXTENSION_OF[name])
        .filter(Boolean)
        .join(', ')}`,
    );
  }
  if (out !== undefined && extension !== undefined && !implied) {
    throw new UsageError(
      `--out ${out}: no format for "${extension}" files; use .json, .md, .html, .txt (or .sarif for policy), or give --format`,
    );
  }
  return implied ?? 'table';
}
