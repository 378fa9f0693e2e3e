/** Output for the commands: stdout/stderr that tests can capture, the terminal's width. */

export interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** Whether stdout is an interactive terminal (colour, live progress). */
  readonly isTty: boolean;
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** Columns a table may use: $COLUMNS, else the terminal's width, else 80 (a file, a pipe, CI). */
  readonly columns: number;
}

/** $COLUMNS when it is a number, else the terminal's width, else 80. */
export function columnsFor(env: NodeJS.ProcessEnv, terminal: number | undefined): number {
  const fromEnv = Number(env.COLUMNS);
  if (Number.isInteger(fromEnv) && fromEnv >= 20) return fromEnv;
  return terminal && terminal >= 20 ? terminal : 80;
}

export function processIo(): Io {
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    isTty: Boolean(process.stdout.isTTY) && process.env.NO_COLOR === undefined,
    cwd: process.cwd(),
    env: process.env,
    columns: columnsFor(process.env, process.stdout.isTTY ? process.stdout.columns : undefined),
  };
}
