/**
 * Progress of side-by-side synth: one line per implementation (waiting / running with elapsed time /
 * done with resource count and time / cached / failed with the first line of its error). In a
 * terminal the lines are redrawn in place; otherwise each change is printed once, as plain text.
 */
import type { Io } from './io.js';

export type SynthState =
  | { readonly state: 'waiting' }
  | { readonly state: 'building'; readonly why: string }
  | { readonly state: 'running'; readonly since: number }
  | { readonly state: 'done'; readonly declares: string; readonly ms: number }
  | { readonly state: 'cached'; readonly declares: string }
  | { readonly state: 'skipped'; readonly why: string }
  | { readonly state: 'failed'; readonly why: string };

export class SynthProgress {
  private readonly states = new Map<string, SynthState>();
  private drawn = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly io: Io,
    private readonly ids: readonly string[],
  ) {
    for (const id of ids) this.states.set(id, { state: 'waiting' });
    if (io.isTty) {
      this.draw();
      this.timer = setInterval(() => this.draw(), 100);
      this.timer.unref();
    }
  }

  update(id: string, state: SynthState): void {
    this.states.set(id, state);
    if (this.io.isTty) this.draw();
    // Without a terminal to redraw, only what a reader of a log needs: no running timers.
    else if (state.state !== 'waiting' && state.state !== 'running')
      this.io.err(`synth ${this.line(id, state)}\n`);
  }

  finish(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.io.isTty) this.draw();
  }

  private line(id: string, state: SynthState): string {
    const name = id.padEnd(16);
    switch (state.state) {
      case 'waiting':
        return `${name}waiting`;
      case 'building':
        return `${name}building (${state.why})`;
      case 'running':
        return `${name}running ${((Date.now() - state.since) / 1000).toFixed(1)} s`;
      case 'done':
        return `${name}done: ${state.declares} in ${state.ms} ms`;
      case 'cached':
        return `${name}cached: unchanged since the last synth (${state.declares})`;
      case 'skipped':
        return `${name}skipped: ${state.why}`;
      case 'failed':
        return `${name}FAILED: ${state.why}`;
    }
  }

  private draw(): void {
    const colors: Record<SynthState['state'], number> = {
      waiting: 2,
      building: 36,
      running: 36,
      done: 32,
      cached: 32,
      skipped: 33,
      failed: 31,
    };
    const lines = this.ids.map((id) => {
      const state = this.states.get(id)!;
      return `\u001b[${colors[state.state]}m${this.line(id, state)}\u001b[0m`;
    });
    const up = this.drawn > 0 ? `\u001b[${this.drawn}A` : '';
    this.io.err(`${up}${lines.map((line) => `\u001b[2K${line}`).join('\n')}\n`);
    this.drawn = lines.length;
  }
}
