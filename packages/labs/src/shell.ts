/**
 * One command, run as a learner's terminal would run it — but in its own bash process, so a
 * command that hangs or calls `exit` cannot take the session down. What a terminal carries from
 * one command to the next is carried here through a state folder: the working directory, every
 * shell variable (exported or not, arrays included; bash's own and read-only ones excepted) and
 * every shell function. Shell options (`set -x`) and aliases are not carried.
 *
 * stdout and stderr go to one pipe, in the order they were written, as on a terminal; stdin is
 * empty (a step never waits for input). Each command runs with `set -o pipefail`, so a pipeline
 * whose first command fails fails the step. On a timeout the command's whole process group is
 * stopped (TERM, then KILL).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ShellState {
  /** A folder of the runner's: the carried variables, functions and working directory. */
  readonly dir: string;
}

export interface CommandResult {
  readonly output: string;
  readonly exitCode: number;
  readonly timedOut: boolean;
  readonly durationMs: number;
}

const VARS = 'vars.sh';
const CWD = 'cwd';
const OUTPUT_LIMIT = 16 * 1024 * 1024;

/** Variables bash sets itself, or that describe the process rather than the session. */
const NOT_CARRIED =
  'BASH*|COMP_*|DIRSTACK|EUID|FUNCNAME|GROUPS|HISTCMD|HOSTNAME|HOSTTYPE|LINENO|MACHTYPE|OLDPWD|OPTERR|OPTIND|OSTYPE|PIPESTATUS|PPID|PWD|RANDOM|SECONDS|SHELLOPTS|SHLVL|SRANDOM|UID|EPOCHREALTIME|EPOCHSECONDS|_|__iac_labs_*';

/** A new session: the given working directory, nothing carried yet. */
export function startSession(dir: string, cwd: string): ShellState {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, CWD), cwd);
  writeFileSync(join(dir, VARS), '');
  return { dir };
}

export function workingDirectoryOf(state: ShellState): string {
  return readFileSync(join(state.dir, CWD), 'utf8');
}

/** The script around one command: restore the session, run it, save the session on any exit. */
function scriptFor(state: ShellState, command: string): string {
  const vars = join(state.dir, VARS);
  const cwd = join(state.dir, CWD);
  return [
    'exec 2>&1 </dev/null',
    `__iac_labs_state=${JSON.stringify(state.dir)}`,
    `source ${JSON.stringify(vars)}`,
    `cd "$(cat ${JSON.stringify(cwd)})" || exit 97`,
    '__iac_labs_save() {',
    '  local __iac_labs_rc=$? __iac_labs_name __iac_labs_decl __iac_labs_flags',
    '  {',
    '    for __iac_labs_name in $(compgen -v); do',
    `      case $__iac_labs_name in ${NOT_CARRIED}) continue ;; esac`,
    '      __iac_labs_decl=$(declare -p "$__iac_labs_name" 2>/dev/null) || continue',
    '      __iac_labs_flags=${__iac_labs_decl#declare -}',
    '      __iac_labs_flags=${__iac_labs_flags%% *}',
    '      case $__iac_labs_flags in *r*) continue ;; esac',
    '      printf "%s\\n" "$__iac_labs_decl"',
    '    done',
    '    declare -f | grep -v "^declare -fr" || true',
    '  } > "$__iac_labs_state/vars.next" 2>/dev/null',
    // A function named like ours is the runner's; never carry it.
    '  pwd > "$__iac_labs_state/cwd.next"',
    '  return $__iac_labs_rc',
    '}',
    'trap __iac_labs_save EXIT',
    'set -o pipefail',
    command,
    '',
  ].join('\n');
}

/** Drops the runner's own function from a saved declaration list. */
function withoutRunnerFunctions(text: string): string {
  const start = text.indexOf('__iac_labs_save ()');
  if (start < 0) return text;
  const end = text.indexOf('\n}\n', start);
  return end < 0 ? text.slice(0, start) : text.slice(0, start) + text.slice(end + 3);
}

/**
 * Runs one command in the session; the session moves on only when the command finished (not on a
 * timeout). `carry: false` runs it in the session without changing it (hooks: the variables the
 * runner gives them stay theirs).
 */
export function runCommand(
  state: ShellState,
  command: string,
  options: { timeoutMs: number; env: NodeJS.ProcessEnv; carry?: boolean },
): Promise<CommandResult> {
  const started = Date.now();
  const script = join(state.dir, 'command.sh');
  writeFileSync(script, scriptFor(state, command));
  return new Promise((resolve) => {
    const child = spawn('bash', ['--noprofile', '--norc', script], {
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const chunks: Buffer[] = [];
    let size = 0;
    const collect = (chunk: Buffer) => {
      if (size < OUTPUT_LIMIT) chunks.push(chunk);
      size += chunk.length;
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    let timedOut = false;
    let killTimer: NodeJS.Timeout | undefined;
    const stopGroup = (signal: NodeJS.Signals) => {
      try {
        if (child.pid) process.kill(-child.pid, signal);
      } catch {
        // already gone
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      stopGroup('SIGTERM');
      killTimer = setTimeout(() => stopGroup('SIGKILL'), 5000);
    }, options.timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (killTimer) clearTimeout(killTimer);
      // Whatever the command left running in its group goes with it, as when a terminal closes.
      stopGroup('SIGKILL');
      const next = join(state.dir, 'vars.next');
      if (options.carry !== false && !timedOut && existsSync(next)) {
        writeFileSync(join(state.dir, VARS), withoutRunnerFunctions(readFileSync(next, 'utf8')));
        writeFileSync(join(state.dir, CWD), readFileSync(join(state.dir, 'cwd.next'), 'utf8').trim());
      }
      let output = Buffer.concat(chunks).toString('utf8');
      if (size > OUTPUT_LIMIT) output += `\n[iac-labs: output cut at ${OUTPUT_LIMIT} bytes]\n`;
      resolve({
        output,
        exitCode: code ?? (signal ? 128 + (signalNumber(signal) ?? 0) : 1),
        timedOut,
        durationMs: Date.now() - started,
      });
    });
  });
}

function signalNumber(signal: NodeJS.Signals): number | undefined {
  const numbers: Partial<Record<NodeJS.Signals, number>> = {
    SIGTERM: 15,
    SIGKILL: 9,
    SIGINT: 2,
    SIGPIPE: 13,
  };
  return numbers[signal];
}
