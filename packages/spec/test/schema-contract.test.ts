/**
 * The JSON Schema is a contract editors and CI read: every field says what it is, every number has
 * the bounds validation really enforces (probed here, not copied), and README lists every field.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { targetJsonSchema } from '../src/json-schema.js';
import { validateTarget } from '../src/validate.js';
import { defaultInput } from './helpers.js';

type Node = Record<string, unknown>;

/** Every property schema with its dotted path (`nodeGroups[].update.maxUnavailable`). */
function fields(schema: Node, path = ''): { path: string; schema: Node }[] {
  const out: { path: string; schema: Node }[] = [];
  const visit = (node: Node, at: string) => {
    for (const variant of (node.anyOf ?? node.oneOf ?? []) as Node[]) visit(variant, at);
    if (node.type === 'array' && node.items) visit(node.items as Node, `${at}[]`);
    for (const [key, child] of Object.entries((node.properties ?? {}) as Record<string, Node>)) {
      const childPath = at ? `${at}.${key}` : key;
      out.push({ path: childPath, schema: child });
      visit(child, childPath);
    }
  };
  visit(schema, path);
  return out;
}

const schema = targetJsonSchema() as Node;

describe('target.schema.json as a contract', () => {
  it('describes every field', () => {
    const undescribed = fields(schema)
      .filter(({ path, schema: node }) => !path.endsWith('.type') && typeof node.description !== 'string')
      .map(({ path }) => path);
    expect(undescribed).toEqual([]);
  });

  it('bounds every whole number, never with the safe-integer defaults', () => {
    const integers = fields(schema).filter(({ schema: node }) => node.type === 'integer');
    expect(integers.length).toBeGreaterThanOrEqual(8);
    for (const { path, schema: node } of integers) {
      expect(node.minimum, path).toBeGreaterThan(-1_000_000);
      expect(node.maximum, path).toBeLessThan(1_000_000);
    }
  });

  // Each bounded field: how to set it in the default target, probed at its bounds and one past them.
  const PROBES: [string, (input: any, value: number) => void][] = [
    [
      'nodeGroups[].diskSize',
      (t, v) => {
        t.nodeGroups[0].diskSize = v;
      },
    ],
    [
      'nodeGroups[].maxSize',
      (t, v) => {
        Object.assign(t.nodeGroups[0], { minSize: 1, desiredSize: 1, maxSize: v });
      },
    ],
    [
      'nodeGroups[].minSize',
      (t, v) => {
        Object.assign(t.nodeGroups[0], { minSize: v, desiredSize: v, maxSize: Math.max(1, v) });
      },
    ],
    [
      'cluster.secretsEncryption.keyDeletionWindowDays',
      (t, v) => {
        t.cluster.secretsEncryption.keyDeletionWindowDays = v;
      },
    ],
    [
      'nodeGroups[].update.maxUnavailablePercentage',
      (t, v) => {
        t.nodeGroups[0].update = { maxUnavailablePercentage: v };
      },
    ],
    [
      'nodeGroups[].update.maxUnavailable',
      (t, v) => {
        Object.assign(t.nodeGroups[0], { maxSize: 100, update: { maxUnavailable: v } });
      },
    ],
  ];
  it.each(PROBES)('%s: the schema bounds are the ones validation enforces', (path, set) => {
    const node = fields(schema).find((field) => field.path === path)?.schema;
    expect(node, path).toBeDefined();
    const { minimum, maximum } = node as { minimum: number; maximum: number };
    const valid = (value: number) => {
      const input = defaultInput();
      set(input, value);
      return validateTarget(input).ok;
    };
    expect([valid(minimum - 1), valid(minimum), valid(maximum), valid(maximum + 1)]).toEqual([
      false,
      true,
      true,
      false,
    ]);
  });

  it('README lists every field of the schema', () => {
    const readme = readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8');
    const missing = fields(schema)
      .map(({ path }) => path)
      .filter((path) => path !== '$schema' && !path.endsWith('.type') && !readme.includes(`\`${path}\``));
    expect(missing).toEqual([]);
  });
});
