/**
 * What people read, checked as they read it: every Markdown output (compare, check, plan) parsed
 * by a real Markdown parser (micromark's GFM tables, as GitHub renders them) with every table of
 * the shape its header says; and the terminal report at 60, 80 and 120 columns, where no line
 * outgrows the width and no word is cut across lines.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type PlanReport, renderPlanMarkdown } from '@iac-compare/harness';
import type { Root, RootContent } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTable } from 'micromark-extension-gfm-table';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const REPO = join(import.meta.dirname, '..', '..', '..');

function parse(markdown: string): Root {
  return fromMarkdown(markdown, { extensions: [gfmTable()], mdastExtensions: [gfmTableFromMarkdown()] });
}

function nodes(tree: Root | RootContent, type: string): RootContent[] {
  const found: RootContent[] = [];
  const visit = (node: Root | RootContent) => {
    if (node.type === type) found.push(node as RootContent);
    if ('children' in node) for (const child of node.children) visit(child as RootContent);
  };
  visit(tree);
  return found;
}

/** Every table: each row has as many cells as the header; every delimiter row made a table. */
function tableShapes(markdown: string): { tables: number; wrong: string[] } {
  const tree = parse(markdown);
  const tables = nodes(tree, 'table') as Extract<RootContent, { type: 'table' }>[];
  const wrong: string[] = [];
  for (const table of tables) {
    const columns = table.children[0]?.children.length ?? 0;
    table.children.forEach((row, index) => {
      if (row.children.length !== columns)
        wrong.push(`line ${row.position?.start.line}: ${row.children.length} cells under ${columns} headers`);
      if (index === 0 && table.align?.length !== columns)
        wrong.push(`line ${row.position?.start.line}: delimiter`);
    });
  }
  const delimiterRows = markdown
    .split('\n')
    .filter((line) => /^\| (?:-{3,} \| )*-{3,} \|$/.test(line)).length;
  if (delimiterRows !== tables.length)
    wrong.push(`${delimiterRows} delimiter rows, ${tables.length} tables parsed`);
  return { tables: tables.length, wrong };
}

describe('Markdown outputs, parsed', () => {
  it('the compare report (docs/comparison.md is one): tables of the right shape, no emphasis from data', () => {
    const result = runCli(['compare', '--format', 'markdown']);
    expect(result.status, result.stderr).toBe(0);
    const { tables, wrong } = tableShapes(result.stdout);
    expect(wrong).toEqual([]);
    // Implementations, pairwise differences, tool defaults, every fact, warnings, resources by kind, overhead.
    expect(tables).toBeGreaterThanOrEqual(6);
    const implementations = nodes(parse(result.stdout), 'table').find((table) =>
      JSON.stringify(table).includes('"Lines of code"'),
    ) as Extract<RootContent, { type: 'table' }>;
    expect(implementations.children[0]!.children.length).toBe(8);
    // Text from the implementations (Cfn*, k8s/helm/*.values.yaml) never turns into emphasis.
    expect(nodes(parse(result.stdout), 'emphasis')).toEqual([]);
  }, 180_000);

  it('the check report on a user configuration that differs', () => {
    const dir = mkdtempSync(join(tmpdir(), 'check-md-'));
    cpSync(join(REPO, 'infra-terraform'), dir, {
      recursive: true,
      filter: (source) => !/\/(out|node_modules|\.terraform)(\/|$)/.test(source),
    });
    const main = join(dir, 'modules', 'eks', 'main.tf');
    writeFileSync(
      main,
      readFileSync(main, 'utf8').replace(
        'http_tokens                 = "required"',
        'http_tokens = "optional"',
      ),
    );
    expect(runCli(['export', 'tfvars', '--out', join(dir, 'terraform.tfvars')]).status).toBe(0);
    const result = runCli(['check', '--terraform', dir, '--format', 'markdown']);
    expect(result.status, result.stderr).toBe(1);
    // The line to fix is the attribute's own line in the launch template, not the node group.
    const line =
      readFileSync(main, 'utf8')
        .split('\n')
        .findIndex((text) => text.includes('http_tokens = "optional"')) + 1;
    expect(line).toBeGreaterThan(0);
    expect(result.stdout).toContain(
      `nodeGroup[system].launchTemplate.httpTokens: expected \`required\`, found \`optional\` (${main}:${line})`,
    );
    const { tables, wrong } = tableShapes(result.stdout);
    expect(wrong).toEqual([]);
    expect(tables).toBeGreaterThanOrEqual(3);
  }, 180_000);

  it('the plan, with failing changes, machinery and statuses', () => {
    const change = {
      address: 'Cluster',
      displayName: 'Cluster',
      nativeType: 'AWS::EKS::Cluster',
      kind: 'eks-cluster',
      role: 'core' as const,
      action: 'update' as const,
      fails: true as const,
      failure: 'EKS upgrades one minor version | at a time',
      note: 'about 10 minutes',
      changes: [
        {
          path: 'Version',
          before: '1.35',
          after: '1.37',
          replaces: false,
          source: 'cloudformation-spec' as const,
          why: 'updatable',
        },
        {
          path: 'Logging',
          before: ['api'],
          after: ['api', 'audit'],
          replaces: false,
          source: 'cloudformation-spec' as const,
          why: 'updatable',
        },
      ],
    };
    const report: PlanReport = {
      schemaVersion: 2,
      baseline: { source: 'base', target: 't.json' },
      target: { file: 't.json', name: 'demo' },
      implementations: [
        {
          id: 'cloudformation',
          label: 'CloudFormation',
          status: 'planned',
          detail: null,
          counts: { create: 0, update: 1, replace: 0, delete: 0 },
          machineryCounts: { create: 0, update: 0, replace: 0, delete: 0 },
          fails: true,
          changes: [change],
        },
        {
          id: 'pulumi',
          label: 'Pulumi',
          status: 'failed',
          detail: 'synth failed',
          counts: { create: 0, update: 0, replace: 0, delete: 0 },
          machineryCounts: { create: 0, update: 0, replace: 0, delete: 0 },
          changes: [],
        },
      ],
    };
    const { tables, wrong } = tableShapes(renderPlanMarkdown(report));
    expect(wrong).toEqual([]);
    expect(tables).toBe(2);
  });

  it('a real plan', () => {
    const dir = mkdtempSync(join(tmpdir(), 'plan-md-'));
    const saved = runCli(['plan', '--save-baseline', join(dir, 'base'), '--only', 'cloudformation']);
    expect(saved.status, saved.stderr).toBe(0);
    const target = JSON.parse(readFileSync(join(REPO, 'packages', 'spec', 'target.json'), 'utf8'));
    const changed = join(dir, 'changed.json');
    writeFileSync(
      changed,
      JSON.stringify({ ...target, network: { ...target.network, natGateways: 'single' } }),
    );
    const plan = runCli([
      'plan',
      '--baseline',
      join(dir, 'base'),
      '--spec',
      changed,
      '--only',
      'cloudformation',
      '--format',
      'markdown',
    ]);
    expect(plan.status, plan.stderr).toBe(1);
    const { tables, wrong } = tableShapes(plan.stdout);
    expect(wrong).toEqual([]);
    expect(tables).toBe(2);
  }, 180_000);
});

/**
 * Pieces of the output that are not whole words of the unwrapped output, nor a word cut after a
 * soft break (/ . - , : ;): a word cut in two.
 */
function cutWords(wrapped: string, whole: string): string[] {
  const words = new Set(whole.split(/\s+/).filter(Boolean));
  const softPrefix = (piece: string) => /[/.\-,:;]$/.test(piece);
  const ok = (piece: string) =>
    words.has(piece) ||
    [...words].some((word) => {
      // A piece of a word starts after a soft break (or at the start) and ends at one (or the end).
      for (let at = word.indexOf(piece); at >= 0; at = word.indexOf(piece, at + 1)) {
        const before = word.slice(0, at);
        const after = word.slice(at + piece.length);
        if ((before === '' || softPrefix(before)) && (after === '' || softPrefix(piece))) return true;
      }
      return false;
    });
  return [...new Set(wrapped.split(/\s+/).filter(Boolean))].filter((piece) => !ok(piece));
}

describe('the compare report in a terminal', () => {
  const run = (columns: number) => {
    const result = runCli(['compare'], { env: { COLUMNS: String(columns) } });
    expect(result.status, result.stderr).toBe(0);
    return result.stdout;
  };
  it('breaks no word at 60, 80 or 120 columns, and fits 80 and 120', () => {
    const whole = run(100_000);
    expect(whole.split('\n').some((line) => line.length > 200)).toBe(true);
    for (const columns of [60, 80, 120]) {
      const text = run(columns);
      expect(cutWords(text, whole), `COLUMNS=${columns}`).toEqual([]);
      if (columns >= 80) {
        const long = text.split('\n').filter((line) => [...line].length > columns);
        expect(long, `COLUMNS=${columns}`).toEqual([]);
      }
    }
    // The detector sees a cut word.
    expect(cutWords('kubernetes_confi\ng_map_v1', 'kubernetes_config_map_v1')).toEqual([
      'kubernetes_confi',
      'g_map_v1',
    ]);
  }, 300_000);

  it('opens with the verdict, then the differences at a glance, then the matrix', () => {
    const text = run(80);
    const lines = text.split('\n');
    expect(lines[3]).toMatch(/^✓ 6 of 6 implementations conform: \d+ facts equal/);
    const glance = lines.indexOf('Differences at a glance');
    expect(glance).toBeGreaterThan(3);
    expect(glance).toBeLessThan(12);
    expect(text.indexOf('Two-phase apply: infra-terraform and cdktf')).toBeGreaterThan(0);
    expect(text.indexOf('Differences at a glance')).toBeLessThan(text.indexOf('Facts: each of the target'));
    // As the README shows it: its sample has the same opening, headings and topics, in this order.
    const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
    const sample = /The first screen\s+of the terminal output, at 80 columns:\s+```\n([\s\S]*?)```/.exec(
      readme,
    )?.[1];
    expect(sample, 'the README has a sample of the first screen').toBeDefined();
    const landmarks = (output: string) =>
      output
        .split('\n')
        .filter((line) => /^(✓|✗|Differences at a glance|Facts:| {2}[A-Z][^:]{2,60}:)/.test(line))
        .map((line) => line.replace(/:.*$/, ':').replace(/\d+/g, 'N'));
    expect(landmarks(sample!)).toEqual(landmarks(text).slice(0, landmarks(sample!).length));
    expect(landmarks(sample!).length).toBeGreaterThan(5);
    // Warnings on the reference implementations: counted, one line each, not listed.
    expect(text).toMatch(/^cloudformation +\d+ +W1028 ×\d+/m);
    expect(text).not.toMatch(/W1028 .*is not reachable/);
    const all = runCli(['compare', '--all-facts'], { env: { COLUMNS: '200' } });
    expect(all.stdout).toMatch(/cloudformation W1028 .*is not reachable/);
  }, 300_000);
});
