/**
 * The native-syntax block parser against hcl2json (Go's own HCL, compiled to WebAssembly): every
 * .tf file in the repository and its fixtures must read as the same configuration. Values are
 * compared as the expressions they mean (parsed, positions dropped): hcl2json re-renders template
 * directives (`%{ if x }` as `%{if x}`) and we keep source text, which reads the same.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse as hcl2json } from '@cdktf/hcl2json';
import { describe, expect, it } from 'vitest';
import { parseNativeSyntax } from '../src/terraform/native-syntax.js';
import { parseTemplate } from '../src/terraform/parser.js';
import { errorOf } from './cfn-helpers.js';

const REPO = join(import.meta.dirname, '..', '..', '..');
const ROOTS = [join(REPO, 'infra-terraform'), join(import.meta.dirname, 'fixtures')];

function tfFiles(): string[] {
  return ROOTS.flatMap((root) =>
    readdirSync(root, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.tf') && !/(^|\/)(out|node_modules|\.terraform)\//.test(file))
      .map((file) => join(root, file)),
  ).filter((file) => !file.includes('broken') && !file.includes('syntax-error'));
}

/** An expression tree without positions, with `"${x}"` and `x` (and a template of one interpolation) alike. */
function meaning(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(meaning);
  if (node === null || typeof node !== 'object') return node;
  const object = node as Record<string, unknown>;
  if (object.type === 'template') {
    const parts = object.parts as { kind: string; expr?: unknown; text?: string }[];
    if (parts.length === 1 && parts[0]!.kind === 'interpolation') return meaning(parts[0]!.expr);
  }
  if (object.type === 'paren') return meaning(object.expr);
  return Object.fromEntries(
    Object.entries(object)
      .filter(([key]) => key !== 'at')
      .map(([key, value]) => [key, meaning(value)]),
  );
}

function normalize(raw: unknown, file: string): unknown {
  if (typeof raw === 'string') return meaning(parseTemplate(raw, { file, line: 1, column: 1 }));
  if (Array.isArray(raw)) return raw.map((item) => normalize(item, file));
  if (raw !== null && typeof raw === 'object') {
    return Object.fromEntries(
      Object.entries(raw as Record<string, unknown>)
        .map(([key, value]) => [JSON.stringify(normalize(key, file)), normalize(value, file)] as const)
        .sort(([a], [b]) => a.localeCompare(b)),
    );
  }
  return raw;
}

describe('the native-syntax block parser', () => {
  const files = tfFiles();

  it('finds the repository’s Terraform files', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it('reads every .tf file as hcl2json does', async () => {
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const ours = normalize(parseNativeSyntax(file, text), file);
      const theirs = normalize(await hcl2json(file, text), file);
      expect(ours, relative(REPO, file)).toEqual(theirs);
    }
  });

  it('names file, line and column of a syntax error, and the one thing wrong', () => {
    const missingBrace = errorOf(() => parseNativeSyntax('main.tf', 'resource "a" "b" {\n  x = 1\n'));
    expect(missingBrace.code).toBe('HCL_SYNTAX');
    expect(missingBrace.message).toContain('expected "}" before the end of the file');
    const twice = errorOf(() => parseNativeSyntax('main.tf', 'locals {\n  a = 1\n  a = 2\n}\n'));
    expect(twice.message).toContain('attribute "a" is already set in this block');
    const sameLine = errorOf(() => parseNativeSyntax('main.tf', 'a = 1 b = 2\n'));
    expect(sameLine.message).toContain('each attribute and block ends its line');
    const interpolatedLabel = errorOf(() => parseNativeSyntax('main.tf', 'resource "a" "${var.x}" {}\n'));
    expect(interpolatedLabel.message).toContain('a block label is a plain string');
  });

  it('keeps escapes: a $${ literal is not read as interpolation', () => {
    const raw = parseNativeSyntax('main.tf', 'a = "$${literal}"\nb = "x\\ny"\nc = -2\n') as Record<
      string,
      unknown
    >;
    expect(meaning(parseTemplate(raw.a as string, { file: 'x', line: 1, column: 1 }))).toEqual({
      type: 'literal',
      value: '${literal}',
    });
    expect(raw.b).toBe('x\ny');
    expect(raw.c).toBe(-2);
  });
});
