/**
 * docs/comparison.md is generated from the default target; this fails when it is stale. The
 * Markdown report holds no synth times, so the comparison is byte for byte.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const REPO = join(import.meta.dirname, '..', '..', '..');
const DOC = join(REPO, 'docs', 'comparison.md');
// The policy section judges dates (the EKS support calendar, waiver expiry): pinned, so the page
// does not go stale on a calendar day.
const AS_OF = '2026-12-07';
const REGENERATE = `IAC_COMPARE_AS_OF=${AS_OF} npm run compare -- --format markdown --out docs/comparison.md`;

describe('docs/comparison.md', () => {
  it('is what the compare command generates for the default target now', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'comparison-')), 'comparison.md');
    const result = runCli(['compare', '--format', 'markdown', '--out', out], {
      cwd: REPO,
      env: { IAC_COMPARE_AS_OF: AS_OF },
    });
    expect(result.status, result.stderr).toBe(0);
    const fresh = readFileSync(out, 'utf8');
    const committed = readFileSync(DOC, 'utf8');
    expect(committed === fresh, `docs/comparison.md is stale; regenerate it with: ${REGENERATE}`).toBe(true);
    expect(fresh).not.toMatch(/\d+ ms\b/);
  }, 300_000);
});
