/**
 * Fence annotations, the EKS Workshop's convention (aws-samples/eks-workshop-v2,
 * docs/automated_tests.md) with two additions of ours: a reason is required where a block is not
 * run, and `exitCode=N` states the exact code a failing step must return.
 *
 *   ```bash test=false reason="needs a Kubernetes cluster"
 *   ```bash timeout=300 hook=plan-counts
 *   ```bash expectError=true        (the one command must exit non-zero)
 *   ```bash exitCode=2              (… exactly 2)
 *   ```hcl file=infra-terraform/modules/network/main.tf   (the code is that file's, checked)
 */
import { LabError } from './errors.js';

export interface Annotations {
  /** false: shown, never run (a reason is required). */
  readonly test: boolean;
  readonly reason: string | undefined;
  /** Seconds for the whole block. */
  readonly timeout: number;
  readonly hook: string | undefined;
  readonly hookTimeout: number;
  /** What the block's one command must exit with: 0, a code, or any non-zero ('error'). */
  readonly exit: number | 'error';
  /** A repository file the block's code is taken from. */
  readonly file: string | undefined;
}

export const DEFAULT_TIMEOUT_S = 120;
export const DEFAULT_HOOK_TIMEOUT_S = 300;

const KNOWN = [
  'test',
  'reason',
  'timeout',
  'hook',
  'hookTimeout',
  'expectError',
  'exitCode',
  'file',
] as const;

/** `key=value` and `key="a value"` pairs, in order; anything else is an error. */
export function tokenizeMeta(meta: string): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  const pattern = /\s*([A-Za-z][\w-]*)=(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|([^\s"']+))\s*/y;
  let index = 0;
  const rest = meta.trim();
  while (index < rest.length) {
    pattern.lastIndex = index;
    const match = pattern.exec(rest);
    if (!match) {
      throw new Error(
        `cannot read the annotations from "${rest.slice(index)}": write key=value or key="a value"`,
      );
    }
    const value = match[2] !== undefined ? match[2].replace(/\\(.)/g, '$1') : (match[3] ?? match[4] ?? '');
    pairs.push([match[1] ?? '', value]);
    index = pattern.lastIndex;
  }
  return pairs;
}

function seconds(key: string, value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number <= 0)
    throw new Error(`${key}= takes whole seconds, not "${value}"`);
  return number;
}

/** Reads a fence's annotations; `where` names the block in errors. */
export function parseAnnotations(
  meta: string,
  lang: string | undefined,
  where: { file: string; line: number },
): Annotations {
  const fail = (message: string): never => {
    throw new LabError('LAB_INVALID', message, where);
  };
  let pairs: Array<[string, string]> = [];
  try {
    pairs = tokenizeMeta(meta);
  } catch (error) {
    fail((error as Error).message);
  }
  const seen = new Map<string, string>();
  for (const [key, value] of pairs) {
    if (!(KNOWN as readonly string[]).includes(key)) {
      fail(`unknown annotation ${key}= (known: ${KNOWN.join(', ')})`);
    }
    if (seen.has(key)) fail(`${key}= is given twice`);
    seen.set(key, value);
  }
  const bash = lang === 'bash';
  const test = seen.get('test');
  if (test !== undefined && test !== 'true' && test !== 'false')
    fail(`test= is true or false, not "${test}"`);
  const reason = seen.get('reason');
  if (test === 'false' && (reason === undefined || reason.trim() === '')) {
    fail('test=false needs a reason="…": why this block cannot run here (the runner lists it)');
  }
  if (reason !== undefined && test !== 'false') fail('reason= only goes with test=false');
  const expectError = seen.get('expectError');
  if (expectError !== undefined && expectError !== 'true' && expectError !== 'false') {
    fail(`expectError= is true or false, not "${expectError}"`);
  }
  const exitCode = seen.get('exitCode');
  if (exitCode !== undefined && expectError === 'true') fail('give expectError=true or exitCode=N, not both');
  let exit: number | 'error' = expectError === 'true' ? 'error' : 0;
  if (exitCode !== undefined) {
    const code = Number(exitCode);
    if (!Number.isInteger(code) || code < 0 || code > 255) fail(`exitCode= is 0-255, not "${exitCode}"`);
    exit = code;
  }
  const file = seen.get('file');
  const runnerOnly = ['timeout', 'hook', 'hookTimeout', 'expectError', 'exitCode', 'test'];
  if (!bash) {
    const misplaced = runnerOnly.filter((key) => seen.has(key));
    if (misplaced.length > 0) fail(`${misplaced.join('=, ')}= only apply to bash blocks`);
  }
  if (bash && file !== undefined) fail('file= applies to code shown from the repository, not to bash blocks');
  if (file !== undefined && (file.startsWith('/') || file.split('/').includes('..'))) {
    fail(`file= is a path inside the repository, not "${file}"`);
  }
  const hook = seen.get('hook');
  if (hook !== undefined && !/^[\w-]+$/.test(hook))
    fail(`hook= is a name (tests/hook-NAME.sh), not "${hook}"`);
  let timeout = DEFAULT_TIMEOUT_S;
  let hookTimeout = DEFAULT_HOOK_TIMEOUT_S;
  try {
    if (seen.has('timeout')) timeout = seconds('timeout', seen.get('timeout') ?? '');
    if (seen.has('hookTimeout')) hookTimeout = seconds('hookTimeout', seen.get('hookTimeout') ?? '');
  } catch (error) {
    fail((error as Error).message);
  }
  return {
    test: test !== 'false',
    reason: reason?.trim(),
    timeout,
    hook,
    hookTimeout,
    exit,
    file,
  };
}
