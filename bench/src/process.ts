/** Running a command as a separate process: its wall time and, when asked, the peak memory of its tree. */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

export interface ProcessRun {
  readonly ms: number;
  /** Largest total resident memory of the process and its descendants, sampled every 50 ms. */
  readonly peakMiB?: number;
}

const PAGE_BYTES = 4096;

/** Resident memory (bytes) of `root` and every process below it, from /proc. */
function treeRss(root: number): number {
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after the command name (which may contain spaces) start after the last ')'.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const pid = Number(entry);
      const ppid = Number(fields[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), pid]);
      rss.set(pid, Number(fields[21]) * PAGE_BYTES);
    } catch {
      // The process ended while we looked.
    }
  }
  let total = 0;
  const queue = [root];
  for (let pid = queue.shift(); pid !== undefined; pid = queue.shift()) {
    total += rss.get(pid) ?? 0;
    queue.push(...(children.get(pid) ?? []));
  }
  return total;
}

export function runProcess(
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; sampleMemory?: boolean },
): Promise<ProcessRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...options.env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    let peak = 0;
    const sampler = options.sampleMemory
      ? setInterval(() => {
          if (child.pid !== undefined) peak = Math.max(peak, treeRss(child.pid));
        }, 50)
      : undefined;
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - started;
      if (sampler) clearInterval(sampler);
      // Exit 1 from compare or plan means "differences", not failure.
      if (code !== 0 && code !== 1) {
        reject(
          new Error(
            `${command} ${args.join(' ')} exited with ${code}: ${stderr.trim().split('\n').at(-1) ?? ''}`,
          ),
        );
        return;
      }
      resolve({ ms, ...(options.sampleMemory ? { peakMiB: peak / 2 ** 20 } : {}) });
    });
  });
}
