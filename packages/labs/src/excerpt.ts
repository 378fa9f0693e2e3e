/**
 * Excerpts: what a lab says you should see, checked against what the command printed.
 *
 * An excerpt is lines of the output, in order. A line that is only `…` (or `...`) stands for any
 * number of lines. Without a leading `…` the excerpt starts at the output's first line; without a
 * trailing `…` it ends at its last — so an excerpt never claims more or less than it shows.
 *
 * Both sides are normalised first, and only in these ways (NORMALISATIONS, each with its reason):
 * colour codes are dropped, trailing blanks are dropped, runs of spaces count as one (a duration
 * one character longer re-aligns a table's columns), and durations read as `<duration>` (they
 * differ run to run and machine to machine). Paths are made stable before: the scratch copy's
 * root prints as `~/iac-compare`, a temporary folder's random suffix as `XXXXXX` (see `stablePaths`).
 */

export const ELLIPSIS = '…';

export interface Normalisation {
  readonly name: string;
  readonly why: string;
  readonly apply: (line: string) => string;
}

export const NORMALISATIONS: readonly Normalisation[] = [
  {
    name: 'colour',
    why: 'ANSI colour codes are not text (the runner also sets NO_COLOR)',
    // biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI escapes are control characters
    apply: (line) => line.replace(/\u001b\[[0-9;]*[A-Za-z]/g, ''),
  },
  {
    name: 'durations',
    why: 'timings differ run to run and machine to machine',
    apply: (line) =>
      line.replace(/(?<![\w.])\d+(?:\.\d+)?\s?(?:ms|s|sec|seconds?|m|min|minutes?)\b\*?/g, '<duration>'),
  },
  {
    name: 'spaces',
    why: 'a duration of another length re-aligns a table; alignment is not content',
    apply: (line) => line.replace(/[ \t]+/g, ' ').trimEnd(),
  },
];

export function normaliseLine(line: string): string {
  return NORMALISATIONS.reduce((text, rule) => rule.apply(text), line);
}

/** Makes paths in real output stable: the scratch root reads `~/iac-compare`, mkdtemp suffixes `XXXXXX`. */
export function stablePaths(text: string, scratchRoot: string | undefined, tmpRoot: string): string {
  let result = text;
  if (scratchRoot) result = result.split(scratchRoot).join('~/iac-compare');
  const escaped = tmpRoot.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return result.replace(new RegExp(`(${escaped}/[\\w.-]*?-)[A-Za-z0-9]{6}(?![\\w])`, 'g'), '$1XXXXXX');
}

export function isEllipsis(line: string): boolean {
  const trimmed = line.trim();
  return trimmed === ELLIPSIS || trimmed === '...';
}

export interface Segment {
  readonly lines: readonly string[];
}

export interface ExcerptShape {
  readonly segments: readonly (readonly string[])[];
  /** The excerpt starts at the output's first line. */
  readonly anchoredStart: boolean;
  /** The excerpt ends at the output's last line. */
  readonly anchoredEnd: boolean;
}

export function shapeOf(excerpt: readonly string[], anchored: boolean): ExcerptShape {
  const segments: string[][] = [[]];
  for (const line of excerpt) {
    if (isEllipsis(line)) segments.push([]);
    else segments.at(-1)?.push(line);
  }
  return {
    segments: segments.filter((segment) => segment.length > 0),
    anchoredStart: anchored && excerpt.length > 0 && !isEllipsis(excerpt[0] ?? ''),
    anchoredEnd: anchored && excerpt.length > 0 && !isEllipsis(excerpt.at(-1) ?? ''),
  };
}

export type MatchResult =
  | { readonly ok: true; readonly starts: readonly number[] }
  | { readonly ok: false; readonly message: string };

/** The output's lines, without the blank lines it ends with. */
export function outputLines(output: string): string[] {
  const lines = output.split('\n');
  while (lines.length > 0 && (lines.at(-1) ?? '').trim() === '') lines.pop();
  return lines;
}

function matchesAt(segment: readonly string[], actual: readonly string[], at: number, same: Same): boolean {
  if (at < 0 || at + segment.length > actual.length) return false;
  return segment.every((line, offset) => same(line, actual[at + offset] ?? ''));
}

type Same = (expected: string, actual: string) => boolean;

const sameNormalised: Same = (expected, actual) => normaliseLine(expected) === normaliseLine(actual);
export const sameExact: Same = (expected, actual) => expected.trimEnd() === actual.trimEnd();

/** Where the closest near-match of a segment is, to say which line differs. */
function explainMiss(
  segment: readonly string[],
  actual: readonly string[],
  from: number,
  same: Same,
): string {
  let best = { at: -1, length: 0 };
  for (let at = from; at < actual.length; at++) {
    let length = 0;
    while (length < segment.length && same(segment[length] ?? '', actual[at + length] ?? '\u0000')) length++;
    if (length > best.length) best = { at, length };
  }
  if (best.at < 0) {
    return `this line is not in the output${from > 0 ? ` (after line ${from})` : ''}:\n    ${segment[0]}`;
  }
  if (best.length === segment.length) {
    return `the lines it shows are at output line ${best.at + 1}, not where the excerpt puts them`;
  }
  const expected = segment[best.length];
  const found = actual[best.at + best.length];
  return [
    `the excerpt parts from the output at output line ${best.at + best.length + 1}:`,
    `    shown: ${expected}`,
    `    real:  ${found === undefined ? '(the output ends)' : found}`,
  ].join('\n');
}

/** Finds the excerpt's segments in the output, in order. */
export function matchExcerpt(
  shape: ExcerptShape,
  actual: readonly string[],
  same: Same = sameNormalised,
): MatchResult {
  const starts: number[] = [];
  let from = 0;
  const count = shape.segments.length;
  for (let index = 0; index < count; index++) {
    const segment = shape.segments[index] ?? [];
    const first = index === 0 && shape.anchoredStart;
    const last = index === count - 1 && shape.anchoredEnd;
    if (first || last) {
      const at = first ? 0 : actual.length - segment.length;
      if (at < from || !matchesAt(segment, actual, at, same)) {
        const where = first ? 'begin with' : 'end with';
        const detail = first
          ? explainMiss(segment, actual, 0, same)
          : explainMiss(segment, actual, Math.max(from, at), same);
        return {
          ok: false,
          message: `the output does not ${where} the excerpt's ${first ? 'first' : 'last'} lines (a ${first ? 'leading' : 'trailing'} "…" would allow more output); ${detail}`,
        };
      }
      if (first && last && segment.length !== actual.length) {
        return {
          ok: false,
          message: `the excerpt shows the whole output (no "…"), but the output has ${actual.length} lines and the excerpt ${segment.length}: a trailing "…" shows only the start`,
        };
      }
      starts.push(at);
      from = at + segment.length;
      continue;
    }
    let found = -1;
    for (let at = from; at + segment.length <= actual.length; at++) {
      if (matchesAt(segment, actual, at, same)) {
        found = at;
        break;
      }
    }
    if (found < 0) return { ok: false, message: explainMiss(segment, actual, from, same) };
    starts.push(found);
    from = found + segment.length;
  }
  return { ok: true, starts };
}

/**
 * Where a segment begins in the output: found by its first line, else by the first of its lines
 * the output still has (the segment then keeps its offset from that line).
 */
function anchorOf(segment: readonly string[], actual: readonly string[], from: number, same: Same): number {
  for (let offset = 0; offset < segment.length; offset++) {
    for (let at = from + offset; at < actual.length; at++) {
      if (same(segment[offset] ?? '', actual[at] ?? '')) return at - offset;
    }
  }
  return -1;
}

export type RegenerateResult =
  | { readonly ok: true; readonly lines: readonly string[] }
  | { readonly ok: false; readonly message: string };

/**
 * The excerpt rewritten from the real output: each segment keeps its length and is found again
 * by its first line still in the output (the whole of a segment anchored at the start or end).
 */
export function regenerateExcerpt(
  excerpt: readonly string[],
  actual: readonly string[],
  anchored: boolean,
  same: Same = sameNormalised,
): RegenerateResult {
  const shape = shapeOf(excerpt, anchored);
  if (shape.segments.length === 0) return { ok: true, lines: excerpt };
  const result: string[] = [];
  if (!shape.anchoredStart) result.push(ELLIPSIS);
  let from = 0;
  const count = shape.segments.length;
  for (let index = 0; index < count; index++) {
    const segment = shape.segments[index] ?? [];
    const first = index === 0 && shape.anchoredStart;
    const last = index === count - 1 && shape.anchoredEnd;
    let start: number;
    let end: number;
    if (first && last) {
      start = 0;
      end = actual.length;
    } else if (first) {
      start = 0;
      end = Math.min(actual.length, segment.length);
    } else {
      start = anchorOf(segment, actual, from, same);
      if (start < 0) {
        return {
          ok: false,
          message: `cannot regenerate: no line of the part that begins "${segment[0]}" is in the output any more; edit it by hand`,
        };
      }
      end = last ? actual.length : Math.min(actual.length, start + segment.length);
    }
    if (index > 0) result.push(ELLIPSIS);
    result.push(...actual.slice(start, end));
    from = end;
  }
  if (!shape.anchoredEnd) result.push(ELLIPSIS);
  return { ok: true, lines: result };
}
