/**
 * docs/comparison.md is generated from the default target; this fails when it is stale. Synth
 * times differ from run to run (and machine to machine), so the Synth column is not compared.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const REPO = join(import.meta.dirname, '..', '..', '..');
const DOC = join(REPO, 'docs', 'comparison.md');
const REGENERATE = 'npm run compare -- --format markdown --out docs/comparison.md';

/** The Implementations table's Synth column (the 7th cell of rows naming an implementation). */
function withoutSynthTimes(markdown: string): string {
  return markdown
    .split('\n')
    .map((line) => {
      if (!line.startsWith('| `')) return line;
      const cells = line.split(' | ');
      if (cells.length >= 8) cells[6] = '<synth time>';
      return cells.join(' | ');
    })
    .join('\n');
}

describe('docs/comparison.md', () => {
  it('is what the compare command generates for the default target now', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'comparison-')), 'comparison.md');
    const result = runCli(['compare', '--format', 'markdown', '--out', out], { cwd: REPO });
    expect(result.status, result.stderr).toBe(0);
    const fresh = withoutSynthTimes(readFileSync(out, 'utf8'));
    const committed = withoutSynthTimes(readFileSync(DOC, 'utf8'));
    expect(committed === fresh, `docs/comparison.md is stale; regenerate it with: ${REGENERATE}`).toBe(true);
  }, 300_000);

  it('ignores only the synth times when checking', () => {
    const row = '| `cdk-l2` AWS CDK | AWS CDK | yes | 58 | 5 | 356 | 1867 ms (cached) | AZs 2–any |';
    expect(withoutSynthTimes(row)).toBe(
      '| `cdk-l2` AWS CDK | AWS CDK | yes | 58 | 5 | 356 | <synth time> | AZs 2–any |',
    );
    expect(withoutSynthTimes(row.replace('58', '59'))).not.toBe(withoutSynthTimes(row));
  });
});
