/**
 * Where a command's time goes, by stage, for the benchmark (bench/ sets IAC_COMPARE_TIMINGS and
 * reads the file the CLI writes). Totals are summed over implementations; stages of different
 * implementations overlap in time, so the totals are work, not wall-clock slices.
 */
const totals = new Map<string, number>();

export function timed<T>(stage: string, run: () => T): T {
  const started = performance.now();
  try {
    return run();
  } finally {
    totals.set(stage, (totals.get(stage) ?? 0) + performance.now() - started);
  }
}

export async function timedAsync<T>(stage: string, run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await run();
  } finally {
    totals.set(stage, (totals.get(stage) ?? 0) + performance.now() - started);
  }
}

/** Milliseconds per stage so far, rounded. */
export function stageTimings(): Record<string, number> {
  return Object.fromEntries([...totals].map(([stage, ms]) => [stage, Math.round(ms)]));
}
