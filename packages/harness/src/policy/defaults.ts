/**
 * The policy's defaults a command needs before it loads the rules (kept free of imports so that
 * `@iac-compare/harness/memo` can offer them to a compare its memo answers).
 */

/** Where `iac-compare policy` (and compare, check) look when no --waivers is given, in the working directory. */
export const DEFAULT_WAIVER_FILES = [
  'iac-compare-waivers.yaml',
  'iac-compare-waivers.yml',
  'iac-compare-waivers.json',
];

/** Today, UTC, as `YYYY-MM-DD`: the day date-based rules judge on unless told otherwise. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}
