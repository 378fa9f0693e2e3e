import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SpecError } from '../src/errors.js';
import { targetJsonSchema } from '../src/json-schema.js';
import { defaultTargetPath, loadTarget } from '../src/load.js';

function tempFile(name: string, text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'spec-')), name);
  writeFileSync(file, text);
  return file;
}

function errorOf(action: () => unknown): SpecError {
  try {
    action();
  } catch (error) {
    if (error instanceof SpecError) return error;
    throw error;
  }
  throw new Error('expected a SpecError');
}

describe('loadTarget', () => {
  it('loads the default target', () => {
    expect(loadTarget().name).toBe('iac-compare-demo');
  });

  it('names file, line and column of a JSON syntax error', () => {
    const file = tempFile('broken.json', '{\n  "name": "x",\n  "region": eu-west-1\n}\n');
    const error = errorOf(() => loadTarget(file));
    expect(error.code).toBe('SPEC_NOT_JSON');
    expect(error.message).toMatch(/broken\.json:3:\d+: not valid JSON/);
  });

  it('says when the file does not exist', () => {
    const error = errorOf(() => loadTarget('/nonexistent/target.json'));
    expect(error.code).toBe('SPEC_NOT_FOUND');
    expect(error.message).toContain('no such file');
  });

  it('carries the file name on validation problems', () => {
    const file = tempFile('t.json', JSON.stringify({ name: 'x' }));
    const error = errorOf(() => loadTarget(file));
    expect(error.code).toBe('SPEC_INVALID');
    expect(error.file).toBe(file);
    expect(error.problems.map((p) => p.path)).toEqual(
      expect.arrayContaining(['account', 'region', 'cluster']),
    );
  });
});

describe('target.schema.json', () => {
  it('is generated from the current zod schema (run `npm run schema -w @iac-compare/spec` after changing it)', () => {
    const committed = JSON.parse(readFileSync(join(defaultTargetPath(), '..', 'target.schema.json'), 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(targetJsonSchema())));
  });

  it('is what target.json points at, and lists the node group fields', () => {
    const target = JSON.parse(readFileSync(defaultTargetPath(), 'utf8'));
    expect(target.$schema).toBe('./target.schema.json');
    const schema = targetJsonSchema() as { properties: Record<string, { items?: { properties?: object } }> };
    expect(Object.keys(schema.properties.nodeGroups?.items?.properties ?? {})).toEqual(
      expect.arrayContaining([
        'name',
        'instanceTypes',
        'minSize',
        'desiredSize',
        'maxSize',
        'labels',
        'taints',
      ]),
    );
  });
});

describe('findJsonErrorOffset', () => {
  it.each([
    ['{"a": 1,}', 8],
    ['{"a" 1}', 5],
    ['[1, 2', 5],
    ['{"a": tru}', 9],
    ['{"a": "x\u0001"}', 8],
    ['{"a": 01}', 7],
    ['{} x', 3],
  ])('finds the error in %j at %i', async (text, offset) => {
    const { findJsonErrorOffset } = await import('../src/json-position.js');
    expect(findJsonErrorOffset(text)).toBe(offset);
    expect(() => JSON.parse(text)).toThrow();
  });

  it('accepts what JSON.parse accepts', async () => {
    const { findJsonErrorOffset } = await import('../src/json-position.js');
    for (const text of ['{"a":[1,-2.5e3,true,false,null,"\\u00e9\\n"]}', ' [] ', '"x"', '0']) {
      expect(findJsonErrorOffset(text)).toBeUndefined();
      expect(() => JSON.parse(text)).not.toThrow();
    }
  });
});
