import { isUnknown, type Value } from '../model/value.js';

/** Short text for a value in a table cell. */
export function formatValue(value: Value | null | undefined, max = 70): string {
  if (value === undefined) return '—';
  if (isUnknown(value)) return `(${value.describe()})`;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Synth time for a report cell: measured now, or when a cached artifact was last made. */
export function formatSynthTime(synth: { readonly ms: number | null; readonly cached: boolean }): string {
  if (synth.ms === null) return synth.cached ? 'cached' : '—';
  return synth.cached ? `${synth.ms} ms (cached)` : `${synth.ms} ms`;
}

/** Synth time in seconds, one decimal (a table cell that fits); `*` marks a cached artifact's time. */
export function formatSynthSeconds(synth: { readonly ms: number | null; readonly cached: boolean }): string {
  if (synth.ms === null) return synth.cached ? 'cached' : '—';
  const seconds = `${(synth.ms / 1000).toFixed(1)} s`;
  return synth.cached ? `${seconds}*` : seconds;
}
