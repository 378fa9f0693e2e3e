/**
 * Terraform's time functions on RFC 3339 timestamps: timeadd with Go durations, timecmp, and
 * formatdate's own format language. Timestamps keep their UTC offset, as Go's time.Time does, and
 * are written back as Go's RFC3339 layout writes them (whole seconds, `Z` for a zero offset).
 */
import { type FunctionDefinition, fail, str } from './function-args.js';

interface Timestamp {
  /** Milliseconds since the epoch (the instant), and the nanoseconds below the millisecond. */
  readonly ms: number;
  readonly offsetMinutes: number;
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

function parseTimestamp(text: string, what = 'timestamp'): Timestamp {
  const match = RFC3339.exec(text);
  if (!match) return fail(`not a valid RFC3339 ${what}: "${text}"`);
  const [, year, month, day, hour, minute, second, fraction, zone] = match;
  const offsetMinutes =
    zone === 'Z' || zone === 'z'
      ? 0
      : (zone!.startsWith('-') ? -1 : 1) * (Number(zone!.slice(1, 3)) * 60 + Number(zone!.slice(4, 6)));
  const utc = Date.UTC(
    Number(year),
    Number(month) - 1,
    Number(day),
    Number(hour),
    Number(minute),
    Number(second),
  );
  const millis = fraction ? Math.floor(Number(`0${fraction}`) * 1000) : 0;
  return { ms: utc - offsetMinutes * 60_000 + millis, offsetMinutes };
}

/** The wall clock of a timestamp in its own offset. */
function wall(timestamp: Timestamp): Date {
  return new Date(timestamp.ms + timestamp.offsetMinutes * 60_000);
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

function offsetText(minutes: number, colon: boolean): string {
  const sign = minutes < 0 ? '-' : '+';
  const absolute = Math.abs(minutes);
  return `${sign}${pad(Math.floor(absolute / 60))}${colon ? ':' : ''}${pad(absolute % 60)}`;
}

function formatRfc3339(timestamp: Timestamp): string {
  const date = wall(timestamp);
  const zone = timestamp.offsetMinutes === 0 ? 'Z' : offsetText(timestamp.offsetMinutes, true);
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}T${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}${zone}`;
}

const UNITS: Readonly<Record<string, number>> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  μs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/** Go's time.ParseDuration, in milliseconds. */
export function parseDuration(text: string): number {
  const match = /^([+-]?)((?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+$/.exec(text);
  if (!match && text !== '0') return fail(`time: invalid duration "${text}"`);
  if (text === '0') return 0;
  const sign = text.startsWith('-') ? -1 : 1;
  let total = 0;
  for (const part of text.replace(/^[+-]/, '').matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g)) {
    total += Number(part[1]) * UNITS[part[2]!]!;
  }
  return sign * total;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** formatdate's format language (the verbs are runs of one letter; '…' is literal text). */
export function formatDate(spec: string, timestamp: Timestamp): string {
  const date = wall(timestamp);
  const hour12 = date.getUTCHours() % 12 === 0 ? 12 : date.getUTCHours() % 12;
  const verbs: Readonly<Record<string, () => string>> = {
    YYYY: () => pad(date.getUTCFullYear(), 4),
    YY: () => pad(date.getUTCFullYear() % 100),
    MMMM: () => MONTHS[date.getUTCMonth()]!,
    MMM: () => MONTHS[date.getUTCMonth()]!.slice(0, 3),
    MM: () => pad(date.getUTCMonth() + 1),
    M: () => String(date.getUTCMonth() + 1),
    DD: () => pad(date.getUTCDate()),
    D: () => String(date.getUTCDate()),
    EEEE: () => DAYS[date.getUTCDay()]!,
    EEE: () => DAYS[date.getUTCDay()]!.slice(0, 3),
    hh: () => pad(date.getUTCHours()),
    h: () => String(date.getUTCHours()),
    HH: () => pad(hour12),
    H: () => String(hour12),
    AA: () => (date.getUTCHours() < 12 ? 'AM' : 'PM'),
    aa: () => (date.getUTCHours() < 12 ? 'am' : 'pm'),
    mm: () => pad(date.getUTCMinutes()),
    m: () => String(date.getUTCMinutes()),
    ss: () => pad(date.getUTCSeconds()),
    s: () => String(date.getUTCSeconds()),
    ZZZZZ: () => offsetText(timestamp.offsetMinutes, true),
    ZZZZ: () => offsetText(timestamp.offsetMinutes, false),
    ZZZ: () => (timestamp.offsetMinutes === 0 ? 'UTC' : offsetText(timestamp.offsetMinutes, false)),
    Z: () => (timestamp.offsetMinutes === 0 ? 'Z' : offsetText(timestamp.offsetMinutes, true)),
  };
  let out = '';
  for (let i = 0; i < spec.length; ) {
    const char = spec[i]!;
    if (char === "'") {
      const close = spec.indexOf("'", i + 1);
      if (close < 0) fail('unterminated literal quote in the format');
      out += close === i + 1 ? "'" : spec.slice(i + 1, close);
      i = close + 1;
      continue;
    }
    if (!/[A-Za-z]/.test(char)) {
      out += char;
      i++;
      continue;
    }
    let run = 1;
    while (spec[i + run] === char) run++;
    const verb = spec.slice(i, i + run);
    const render = verbs[verb];
    if (!render) fail(`invalid date format verb "${verb}"`);
    out += render!();
    i += run;
  }
  return out;
}

export const TIME_FUNCTIONS: Readonly<Record<string, FunctionDefinition>> = {
  timeadd: {
    min: 2,
    max: 2,
    call: ([timestamp, duration]) => {
      const parsed = parseTimestamp(str(timestamp!));
      return formatRfc3339({ ...parsed, ms: parsed.ms + parseDuration(str(duration!)) });
    },
  },
  timecmp: {
    min: 2,
    max: 2,
    call: ([a, b]) => {
      const left = parseTimestamp(str(a!)).ms;
      const right = parseTimestamp(str(b!)).ms;
      return left < right ? -1 : left > right ? 1 : 0;
    },
  },
  formatdate: {
    min: 2,
    max: 2,
    call: ([spec, timestamp]) => formatDate(str(spec!), parseTimestamp(str(timestamp!))),
  },
};
