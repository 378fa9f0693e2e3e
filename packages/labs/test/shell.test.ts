import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCommand, startSession, workingDirectoryOf } from '../src/shell.js';

const root = mkdtempSync(join(tmpdir(), 'iac-labs-shell-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: root };

describe('a session carries what a terminal carries', () => {
  it('variables (exported or not, arrays), functions and the working directory, from command to command', async () => {
    const session = startSession(join(root, 'state-1'), root);
    const first = await runCommand(
      session,
      'export GREETING=hello; NAME="a b"; LIST=(x y); shout() { echo "${1^^}"; }; mkdir -p sub && cd sub',
      { timeoutMs: 10_000, env },
    );
    expect(first.exitCode).toBe(0);
    const second = await runCommand(
      session,
      'echo "$GREETING|$NAME|${LIST[1]}|$(shout hi)|$(pwd)"; bash -c \'echo "child:$GREETING:$NAME"\'',
      {
        timeoutMs: 10_000,
        env,
      },
    );
    expect(second.output).toBe(`hello|a b|y|HI|${join(root, 'sub')}\nchild:hello:\n`);
    expect(workingDirectoryOf(session)).toBe(join(root, 'sub'));
  });

  it('keeps the exit code of a command that exits, and still carries what it set', async () => {
    const session = startSession(join(root, 'state-2'), root);
    const result = await runCommand(session, 'KEPT=1; exit 3', { timeoutMs: 10_000, env });
    expect(result.exitCode).toBe(3);
    const next = await runCommand(session, 'echo "kept=$KEPT"', { timeoutMs: 10_000, env });
    expect(next.output).toBe('kept=1\n');
  });

  it('merges stderr into the output in order and fails a pipeline whose first command fails', async () => {
    const session = startSession(join(root, 'state-3'), root);
    const result = await runCommand(session, 'echo out; echo err >&2; echo out2', { timeoutMs: 10_000, env });
    expect(result.output).toBe('out\nerr\nout2\n');
    const piped = await runCommand(session, 'false | cat', { timeoutMs: 10_000, env });
    expect(piped.exitCode).toBe(1);
  });

  it('stops a command past its time, with everything it started, and leaves the session as it was', async () => {
    const session = startSession(join(root, 'state-4'), root);
    await runCommand(session, 'BEFORE=yes', { timeoutMs: 10_000, env });
    const marker = join(root, 'child-alive');
    const started = Date.now();
    const result = await runCommand(session, `(sleep 3; touch ${marker}) & BEFORE=no; sleep 30`, {
      timeoutMs: 500,
      env,
    });
    expect(result.timedOut).toBe(true);
    expect(Date.now() - started).toBeLessThan(10_000);
    await new Promise((resolve) => setTimeout(resolve, 3500));
    const check = await runCommand(session, `test -e ${marker} && echo alive || echo gone; echo "$BEFORE"`, {
      timeoutMs: 10_000,
      env,
    });
    expect(check.output).toBe('gone\nyes\n');
  });

  it('runs a command without changing the session when asked (hooks)', async () => {
    const session = startSession(join(root, 'state-5'), root);
    await runCommand(session, 'cd /', { timeoutMs: 10_000, env, carry: false });
    expect(workingDirectoryOf(session)).toBe(root);
  });
});
