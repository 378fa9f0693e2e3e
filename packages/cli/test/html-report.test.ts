/**
 * The HTML report, written by the command and opened in a real browser (Debian's chromium driven
 * by playwright-core): the pages of compare, plan, policy and check render from file:// with every
 * request but file: and data: aborted and recorded (the test fails on any), the same inputs give
 * the same bytes, and the content is asserted fact by fact — the verdict, a diagram per
 * implementation with the VPC, AZ and subnet nodes, the filters of the fact matrix, a plan's action
 * colours, the policy rule ids. Screenshots go to test-output/html-report (look at them).
 * Without /usr/bin/chromium the browser part is skipped, loudly; .ci/run installs it and sets
 * IAC_COMPARE_REQUIRE_BROWSER=1, so in CI a missing browser fails instead.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BROWSER_REQUIRED,
  type Browser,
  CHROMIUM,
  HAS_CHROMIUM,
  launchBrowser,
  SCREENSHOTS,
} from './browser.js';
import { runCli } from './run-cli.js';

const REPO = join(import.meta.dirname, '..', '..', '..');
const target = JSON.parse(readFileSync(join(REPO, 'packages', 'spec', 'target.json'), 'utf8'));
const ZONES: string[] = target.availabilityZones;
const SIX = ['cdk-l2', 'cdk-l1', 'cdktf', 'infra-terraform', 'pulumi', 'cloudformation'];
const PLANNED = ['cloudformation', 'infra-terraform'];
const AS_OF = '2026-12-01';
const LONG = 600_000;

const dir = mkdtempSync(join(tmpdir(), 'html-report-'));
const page = (name: string) => join(dir, name);

function specFile(name: string, edit: (spec: typeof target) => void = () => {}): string {
  const spec = structuredClone(target);
  delete spec.$schema;
  edit(spec);
  const file = page(name);
  writeFileSync(file, JSON.stringify(spec));
  return file;
}

function ok(result: ReturnType<typeof runCli>, codes: readonly number[] = [0]): void {
  expect(codes, `exit ${result.status}: ${result.stderr}`).toContain(result.status);
}

/** The data the page carries (the report as --format json writes it), read without a browser. */
function pageData(file: string): {
  report: {
    comparison?: { rows: { key: string; group: string; cells: Record<string, { status: string }> }[] };
  };
} {
  const html = readFileSync(file, 'utf8');
  const json = /<script type="application\/json" id="iac-compare-data">([\s\S]*?)<\/script>/.exec(html)![1]!;
  return JSON.parse(json);
}

describe('the HTML report, written by each command', () => {
  beforeAll(() => {
    const env = { IAC_COMPARE_AS_OF: AS_OF };
    ok(runCli(['compare', '--format', 'html', '--out', page('compare.html')], { timeout: LONG, env }));
    ok(runCli(['compare', '--out', page('compare-again.html')], { timeout: LONG, env }));
    ok(
      runCli(
        [
          'plan',
          '--save-baseline',
          page('baseline'),
          '--spec',
          specFile('base.json'),
          '--only',
          PLANNED.join(','),
        ],
        { timeout: LONG },
      ),
    );
    const edited = specFile('edited.json', (spec) => {
      spec.nodeGroups[0].instanceTypes = ['m7i.xlarge'];
    });
    ok(
      runCli(
        [
          'plan',
          '--baseline',
          page('baseline'),
          '--spec',
          edited,
          '--only',
          PLANNED.join(','),
          '--format',
          'html',
          '--out',
          page('plan.html'),
        ],
        { timeout: LONG },
      ),
      [0, 1],
    );
    // From the repository root, as a user runs it: the default waivers file there is read.
    ok(
      runCli(['policy', '--format', 'html', '--out', page('policy.html'), '--as-of', AS_OF], {
        timeout: LONG,
        cwd: REPO,
      }),
      [0, 1],
    );
    const copy = mkdtempSync(join(tmpdir(), 'html-check-'));
    for (const entry of ['versions.tf', 'providers.tf', 'variables.tf', 'main.tf', 'outputs.tf', 'modules'])
      cpSync(join(REPO, 'infra-terraform', entry), join(copy, entry), { recursive: true });
    ok(runCli(['export', 'tfvars', '--out', join(copy, 'terraform.tfvars')]));
    ok(
      runCli(['check', '--terraform', copy, '--format', 'html', '--out', page('check.html')], {
        timeout: LONG,
        env,
      }),
      [0, 1],
    );
  }, LONG * 3);

  it('gives the same bytes for the same inputs (.html implies the format)', () => {
    const once = readFileSync(page('compare.html'));
    const again = readFileSync(page('compare-again.html'));
    expect(once.length).toBeGreaterThan(100_000);
    expect(again.equals(once)).toBe(true);
  });

  it('is one file that loads nothing: no src, no stylesheet link, no @import or url()', () => {
    for (const name of ['compare.html', 'plan.html', 'policy.html', 'check.html']) {
      const html = readFileSync(page(name), 'utf8');
      expect(html.split('\n', 1)[0], name).toMatch(
        /^<!-- written by iac-compare (compare|plan|policy|check)/,
      );
      expect(html, name).not.toMatch(/<(script|img|iframe|link|source|video|audio)\b[^>]*\s(src|href)=/i);
      expect(html, name).not.toMatch(/@import|url\(/);
    }
  });

  it('refuses a format the command does not write: one line, exit 2', () => {
    const sarif = runCli(['compare', '--out', page('report.sarif')]);
    expect(sarif.status).toBe(2);
    expect(sarif.stderr.trim().split('\n')).toHaveLength(1);
    expect(sarif.stderr).toContain('this command writes table, markdown, json, html, not sarif');
    const pdf = runCli(['plan', '--format', 'pdf', '--baseline', page('baseline')]);
    expect(pdf.status).toBe(2);
    expect(pdf.stderr).toContain('--format must be one of table, markdown, json, html, not "pdf"');
    const clash = runCli(['policy', '--format', 'html', '--out', page('policy.sarif')]);
    expect(clash.status).toBe(2);
    expect(clash.stderr).toContain('--format html does not match --out');
    expect(`${sarif.stderr}${pdf.stderr}${clash.stderr}`).not.toMatch(/\n\s+at /);
  });
});

if (!HAS_CHROMIUM) {
  const why = `${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium) to run the HTML report's browser tests`;
  console.warn(`SKIPPED: ${why}`);
  if (BROWSER_REQUIRED) it('has a browser in CI', () => expect.fail(why));
  else it.skip(why, () => {});
}

describe.runIf(HAS_CHROMIUM)('the HTML report in a browser', { timeout: 60_000 }, () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    expect(browser.attempted, 'requests that tried to leave the page').toEqual([]);
  });

  async function screenshot(tab: Page, name: string): Promise<void> {
    await tab.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
  }

  it('catches a request that leaves the page (the trap the other tests rely on)', async () => {
    const tab = await browser.context.newPage();
    await tab.goto(`file://${page('compare.html')}`);
    await tab.evaluate(() => fetch('https://example.com/beacon').catch(() => undefined));
    await tab.evaluate(() => new Promise((resolve) => setTimeout(resolve, 200)));
    expect(browser.attempted).toEqual(['https://example.com/beacon']);
    browser.attempted.length = 0;
    await tab.close();
  });

  it('compare: the verdict, a diagram per implementation with the VPC, AZ and subnet nodes, cards', async () => {
    const tab = await browser.open(page('compare.html'));
    await expect.poll(() => tab.textContent('#verdict')).toMatch(/conform/);
    for (const id of SIX) {
      const svg = tab.locator(`#diagram-${id} > .svg > svg`);
      expect(await svg.count(), id).toBe(1);
      const ids = await svg.evaluate((element) =>
        [...element.querySelectorAll('[id]')].map((node) => node.id),
      );
      expect(ids, id).toContain(`${id}~box:vpc`);
      for (const zone of ZONES) {
        expect(ids, id).toContain(`${id}~box:az:${zone}`);
        expect(ids, id).toContain(`${id}~subnet[public/${zone}]`);
        expect(ids, id).toContain(`${id}~subnet[private/${zone}]`);
      }
      expect(ids, id).toContain(`${id}~cluster`);
    }
    // Every implementation's card, with its lines of code.
    const cards = await tab.locator('.card').allTextContents();
    expect(cards).toHaveLength(SIX.length);
    for (const card of cards) expect(card).toMatch(/lines of code\s*\d+ in \d+ files?/);
    await tab.setViewportSize({ width: 1366, height: 768 });
    await screenshot(tab, 'compare-laptop');
    await tab.locator('#diagrams').scrollIntoViewIfNeeded();
    await tab.locator('#diagrams').screenshot({ path: join(SCREENSHOTS, 'compare-diagram.png') });
    await tab.emulateMedia({ media: 'print' });
    await tab.setViewportSize({ width: 1000, height: 1400 });
    await tab.evaluate('window.scrollTo(0, 0)');
    await screenshot(tab, 'compare-print');
    await tab.locator('#diagram-cdktf').scrollIntoViewIfNeeded();
    await screenshot(tab, 'compare-print-diagrams');
    // Printed, every implementation's diagram shows, not only the selected one.
    for (const id of SIX) expect(await tab.locator(`#diagram-${id}`).isVisible(), id).toBe(true);
    await tab.close();
  });

  it('compare: the matrix filters hide rows and columns as asked', async () => {
    const rows = pageData(page('compare.html')).report.comparison!.rows;
    const tab = await browser.open(page('compare.html'));
    const visible = () => tab.locator('#matrix tr.fact:visible').count();
    expect(await visible()).toBe(rows.length);
    // Only the differences: the rows where some implementation's cell is not equal and not outside its envelope.
    const differing = rows.filter((row) =>
      Object.values(row.cells).some((cell) => !['equal', 'outside-envelope'].includes(cell.status)),
    );
    await tab.check('#filter-differences');
    expect(await visible()).toBe(differing.length);
    await tab.uncheck('#filter-differences');
    // One section.
    const group = rows[rows.length - 1]!.group;
    await tab.selectOption('#filter-section', group);
    expect(await visible()).toBe(rows.filter((row) => row.group === group).length);
    expect(await tab.textContent('#matrix-count')).toBe(
      `showing ${rows.filter((row) => row.group === group).length} of ${rows.length} facts`,
    );
    await tab.selectOption('#filter-section', '');
    // A search that matches nothing says so.
    await tab.fill('#filter-text', 'no-such-fact-anywhere');
    expect(await visible()).toBe(0);
    expect(await tab.locator('#matrix-empty').isVisible()).toBe(true);
    await tab.fill('#filter-text', '');
    // A tool unticked: its column goes, the others stay.
    await tab.uncheck('#filter-tool-pulumi');
    expect(await tab.locator('#matrix th[data-impl="pulumi"]').isVisible()).toBe(false);
    expect(await tab.locator('#matrix td[data-impl="pulumi"]:visible').count()).toBe(0);
    expect(await tab.locator('#matrix th[data-impl="cdk-l2"]').isVisible()).toBe(true);
    await tab.close();
  });

  it('plan: the node group is coloured as replaced, the rest unchanged, with the reason on the node', async () => {
    const tab = await browser.open(page('plan.html'));
    expect(await tab.textContent('#verdict')).toMatch(/2 of 2 planned implementations change something/);
    for (const id of PLANNED) {
      const node = tab.locator(`[id="${id}~nodeGroup[system]"]`);
      expect(await node.getAttribute('class'), id).toContain('m-replace');
      expect(await tab.locator(`[id="${id}~cluster"]`).getAttribute('class'), id).toContain('m-unchanged');
      const tip = await node.evaluate(
        (element) => element.querySelector('a')?.getAttribute('xlink:title') ?? element.textContent,
      );
      expect(tip, id).toMatch(/InstanceTypes|instance_types/);
    }
    // The replacement's fill is the legend's replace colour.
    const legend = await tab.locator('.legend li[data-mark="replace"] .swatch').getAttribute('style');
    const fill = /background:(#[0-9a-f]+)/.exec(legend!)![1];
    const drawn = await tab
      .locator(
        `[id="cloudformation~nodeGroup[system]"] path, [id="cloudformation~nodeGroup[system]"] polygon`,
      )
      .first()
      .getAttribute('fill');
    expect(drawn).toBe(fill);
    await tab.setViewportSize({ width: 1366, height: 768 });
    await tab.locator('#diagrams').screenshot({ path: join(SCREENSHOTS, 'plan-diagram.png') });
    await tab.close();
  });

  it('policy: the answer, every rule id with a verdict per implementation, findings with their rule', async () => {
    const tab = await browser.open(page('policy.html'));
    expect(await tab.textContent('#verdict')).toMatch(/^.\s*Policy: \d+ rules over 6 implementations/);
    const rules = await tab.locator('table.policy tbody tr').count();
    expect(rules).toBeGreaterThan(10);
    const ids = await tab.locator('table.policy tbody tr td:first-child code').allTextContents();
    expect(ids).toContain('eks-secrets-encryption');
    expect(ids).toContain('kms-key-rotation');
    expect(await tab.locator('table.policy [data-verdict]').count()).toBe(rules * 6);
    // The repository's waivers are read and shown: the cell says waived, the finding names its waiver.
    expect(await tab.locator('table.policy [data-verdict="waived"]').count()).toBeGreaterThan(0);
    expect(await tab.locator('table.policy-findings .waived').first().textContent()).toMatch(
      /^waived: .+ \(iac-compare-waivers\.yaml:\d+/,
    );
    await tab.setViewportSize({ width: 1366, height: 768 });
    await screenshot(tab, 'policy-laptop');
    await tab.close();
  });

  it('check: your code beside the references, with the policy findings', async () => {
    const tab = await browser.open(page('check.html'));
    expect(await tab.textContent('h1')).toMatch(/^iac-compare check/);
    expect(await tab.locator('#diagram-yours > .svg > svg').count()).toBe(1);
    expect(await tab.locator('[id="yours~box:vpc"]').count()).toBe(1);
    expect(await tab.locator('#policy-headline').textContent()).toMatch(/^Policy: \d+ rules/);
    await tab.close();
  });
});
