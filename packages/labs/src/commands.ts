/**
 * A `bash` block as the EKS Workshop writes it: lines that begin with `$ ` are commands (with
 * their `\` continuation lines and here-document bodies); the lines after a command, up to the
 * next one, are what the learner should see — an excerpt the runner checks against the real output.
 *
 *   $ npx iac-compare validate --spec broken.json
 *   …
 *   ✗ network.cidr: …
 */
import { LabError } from './errors.js';

export interface Step {
  readonly command: string;
  /** 1-based line of the `$ ` line in the page. */
  readonly line: number;
  /** The excerpt shown after the command (may be empty: the output is then not checked). */
  readonly expected: readonly string[];
  /** Page lines of the excerpt (first and last, inclusive), when there is one; else where it would go. */
  readonly expectedFrom: number;
  readonly expectedTo: number;
}

const PROMPT = '$ ';

/** The here-document terminators a command line opens (`<<EOF`, `<<-'EOF'`, `<< "EOF"`). */
function heredocTerminators(line: string): Array<{ word: string; stripTabs: boolean }> {
  const found: Array<{ word: string; stripTabs: boolean }> = [];
  const pattern = /<<(-?)\s*(['"]?)([A-Za-z_][\w]*)\2/g;
  for (const match of line.matchAll(pattern)) {
    found.push({ word: match[3] ?? '', stripTabs: match[1] === '-' });
  }
  return found;
}

/**
 * Splits a bash block into steps. `firstLine` is the page line of the block's first content line.
 * Text before the first `$ ` is an error: every line of a runnable block is a command or its output.
 */
export function splitSteps(value: string, where: { file: string; firstLine: number }): Step[] {
  const lines = value.split('\n');
  const steps: Array<{ command: string[]; line: number; expected: string[]; expectedFrom: number }> = [];
  let index = 0;
  while (index < lines.length) {
    const text = lines[index] ?? '';
    const pageLine = where.firstLine + index;
    if (!text.startsWith(PROMPT) && text !== '$') {
      const current = steps.at(-1);
      if (!current) {
        if (text.trim() === '') {
          index++;
          continue;
        }
        throw new LabError(
          'LAB_INVALID',
          'a bash block whose first line is not a `$ ` command: start each command with "$ ", or mark the block test=false with a reason',
          { file: where.file, line: pageLine },
        );
      }
      current.expected.push(text);
      index++;
      continue;
    }
    const command = [text.slice(PROMPT.length)];
    if (command[0]?.trim() === '' || text === '$') {
      throw new LabError('LAB_INVALID', 'an empty `$ ` command', { file: where.file, line: pageLine });
    }
    index++;
    // Continuation lines, then here-document bodies, in the order the shell reads them.
    const pending: Array<{ word: string; stripTabs: boolean }> = [];
    let last = command[0] ?? '';
    pending.push(...heredocTerminators(last));
    while (last.endsWith('\\') && index < lines.length) {
      last = lines[index] ?? '';
      command.push(last);
      pending.push(...heredocTerminators(last));
      index++;
    }
    for (const { word, stripTabs } of pending) {
      let closed = false;
      while (index < lines.length) {
        const body = lines[index] ?? '';
        command.push(body);
        index++;
        if ((stripTabs ? body.replace(/^\t+/, '') : body) === word) {
          closed = true;
          break;
        }
      }
      if (!closed) {
        throw new LabError('LAB_INVALID', `a here-document that never reaches its ${word} line`, {
          file: where.file,
          line: pageLine,
        });
      }
    }
    steps.push({ command, line: pageLine, expected: [], expectedFrom: where.firstLine + index });
  }
  return steps.map((step) => {
    const expected = [...step.expected];
    while (expected.length > 0 && (expected.at(-1) ?? '').trim() === '') expected.pop();
    return {
      command: step.command.join('\n'),
      line: step.line,
      expected,
      expectedFrom: step.expectedFrom,
      expectedTo: step.expectedFrom + expected.length - 1,
    };
  });
}
