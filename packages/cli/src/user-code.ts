/**
 * Running a user's program (a CDK app, a Pulumi program) for `iac-compare check`: only when asked,
 * in a child process, with a time limit, offline and without credentials, saying first that the
 * user's code is about to run. A program that throws gives its first error line; one that hangs
 * is stopped at the limit, and says so.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { HarnessError } from '@iac-compare/harness';
import type { TargetSpec } from '@iac-compare/spec';
import type { Io } from './io.js';
import { findRepoRoot } from './repo.js';

export interface ProgramRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
}

/** Starts a command, kills its whole process group at the limit. */
export function runWithLimit(
  command: string,
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number; shell?: boolean },
): Promise<ProgramRun> {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
      shell: options.shell ?? false,
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, options.timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ code: null, stdout, stderr: `${stderr}${error.message}`, timedOut });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, timedOut });
    });
  });
}

/** The line of a program's output that says what went wrong (not a stack frame). */
function firstError(run: ProgramRun): string {
  const lines = `${run.stderr}\n${run.stdout}`
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('at ') && !/^node:internal/.test(line));
  return (
    lines.find((line) => /error|Error|failed|cannot/.test(line)) ?? lines[0] ?? `exited with code ${run.code}`
  );
}

function failed(what: string, dir: string, run: ProgramRun, timeoutMs: number): HarnessError {
  return new HarnessError(
    'PROGRAM_FAILED',
    run.timedOut
      ? `${what} did not finish within ${Math.round(timeoutMs / 1000)} s and was stopped (--timeout SECONDS gives it longer)`
      : `${what} failed: ${firstError(run)}`,
    { location: { file: dir } },
  );
}

/** Environment for user code: the target's account and region, nothing that reaches AWS. */
function offlineEnv(spec: TargetSpec, extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  for (const key of Object.keys(env)) if (/^AWS_(ACCESS|SECRET|SESSION|PROFILE)/.test(key)) delete env[key];
  return {
    ...env,
    CDK_DEFAULT_ACCOUNT: spec.account,
    CDK_DEFAULT_REGION: spec.region,
    AWS_REGION: spec.region,
    AWS_EC2_METADATA_DISABLED: 'true',
    FORCE_COLOR: '0',
  };
}

/**
 * A CDK app, run as the CDK CLI runs it: cdk.json's `app` command with CDK_OUTDIR and the context
 * (cdk.json's and cdk.context.json's) in CDK_CONTEXT_JSON. Lookups that need AWS stay missing
 * context, which the assembly reader reports.
 */
export async function runCdkApp(
  dir: string,
  outDir: string,
  spec: TargetSpec,
  timeoutMs: number,
  io: Io,
): Promise<void> {
  const cdkJson = join(dir, 'cdk.json');
  if (!existsSync(cdkJson)) {
    throw new HarnessError('ARTIFACT_MISSING', 'no cdk.json: not a CDK app folder', {
      location: { file: dir },
    });
  }
  const config = JSON.parse(readFileSync(cdkJson, 'utf8')) as {
    app?: string;
    context?: Record<string, unknown>;
  };
  if (!config.app) {
    throw new HarnessError('ARTIFACT_CORRUPT', 'cdk.json has no "app" command', {
      location: { file: cdkJson },
    });
  }
  const context = {
    ...(config.context ?? {}),
    ...(existsSync(join(dir, 'cdk.context.json'))
      ? (JSON.parse(readFileSync(join(dir, 'cdk.context.json'), 'utf8')) as Record<string, unknown>)
      : {}),
  };
  io.err(
    `check: running your CDK app (${config.app}) in ${dir}: this executes your code, offline, for at most ${Math.round(timeoutMs / 1000)} s\n`,
  );
  const run = await runWithLimit(config.app, [], {
    cwd: dir,
    shell: true,
    timeoutMs,
    // Source maps on, so the creation stacks CDK records name the app's TypeScript lines.
    env: offlineEnv(spec, {
      CDK_OUTDIR: outDir,
      CDK_CONTEXT_JSON: JSON.stringify(context),
      NODE_OPTIONS: [process.env.NODE_OPTIONS, '--enable-source-maps'].filter(Boolean).join(' '),
    }),
  });
  if (run.code !== 0 || run.timedOut) throw failed('your CDK app', dir, run, timeoutMs);
}

/** A Pulumi program under the same mocks as the reference program (packages/pulumi run-program). */
export async function runPulumiProgram(
  dir: string,
  outDir: string,
  specFile: string,
  spec: TargetSpec,
  timeoutMs: number,
  io: Io,
  stack?: string,
): Promise<void> {
  const runner = join(findRepoRoot(), 'packages', 'pulumi', 'dist', 'bin', 'run-program.js');
  const tsx = pathToFileURL(createRequire(fileURLToPath(import.meta.url)).resolve('tsx/esm')).href;
  io.err(
    `check: running your Pulumi program in ${dir} under mocks: this executes your code, offline, for at most ${Math.round(timeoutMs / 1000)} s\n`,
  );
  const run = await runWithLimit(
    process.execPath,
    [
      '--import',
      tsx,
      runner,
      '--program',
      dir,
      '--spec',
      specFile,
      '--out',
      outDir,
      ...(stack ? ['--stack', stack] : []),
    ],
    { cwd: dir, timeoutMs, env: offlineEnv(spec, {}) },
  );
  if (run.code !== 0 || run.timedOut) throw failed('your Pulumi program', dir, run, timeoutMs);
}
