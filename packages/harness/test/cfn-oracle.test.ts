/**
 * Our CloudFormation evaluator against AWS's own resolver: @aws/cloudformation-validate's
 * TemplateModel resolves each property as concrete, a reference, or dynamic (unknowable before
 * deploy). On every template of the repository and its fixtures, with no parameter values (so
 * what depends on one is unknown to both), what AWS's resolver calls concrete we must resolve to
 * the same value, and what it calls a reference must be an unknown pointing at that resource.
 */

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateTemplate } from '../src/cloudformation/evaluate.js';
import { parseTemplateText } from '../src/cloudformation/template-file.js';
import { isUnknown, type Value } from '../src/model/value.js';

const REPO = join(import.meta.dirname, '..', '..', '..');
const TEMPLATES = [
  'packages/cloudformation/templates/network.yaml',
  'packages/cloudformation/templates/cluster.yaml',
  'packages/harness/test/fixtures/cloudformation/network-with-language-extensions.yaml',
  'packages/harness/test/fixtures/cdk-nested/Parent.template.json',
  'packages/harness/test/fixtures/cdk-nested/ParentNetwork.nested.template.json',
  'packages/harness/test/fixtures/cdk-eks-v1/Legacy.template.json',
];

interface Resolved {
  readonly Concrete?: { readonly value: unknown };
  readonly Reference?: { readonly target: string; readonly kind: string };
  readonly Dynamic?: { readonly reason: string };
}

const validator = createRequire(createRequire(import.meta.url).resolve('aws-cdk-lib/package.json'))(
  '@aws/cloudformation-validate',
) as {
  TemplateModel: new (
    template: unknown,
  ) => {
    resources(): Record<string, { condition: string | null; properties: Record<string, Resolved> }>;
    free(): void;
  };
  TemplateContent: new (content: string, name: string) => unknown;
};

/** A value as JSON, Unknowns as `<unknown>` (their place is what matters). */
function plain(value: Value | undefined): unknown {
  if (value === undefined) return undefined;
  if (isUnknown(value)) return '<unknown>';
  return JSON.parse(JSON.stringify(value));
}

/**
 * Numbers as strings on both sides: CloudFormation documents that Ref of a Number parameter is a
 * string (which we give, docs/architecture.md), while AWS's resolver hands schema validation the
 * number. The same value either way.
 */
function numbersAsText(value: unknown): string {
  return JSON.stringify(value, (_, item) => (typeof item === 'number' ? String(item) : item));
}

describe('our CloudFormation evaluator against AWS’s TemplateModel', () => {
  for (const path of TEMPLATES) {
    it(`agrees on ${relative(REPO, join(REPO, path))}`, () => {
      const text = readFileSync(join(REPO, path), 'utf8');
      const model = new validator.TemplateModel(new validator.TemplateContent(text, path));
      const theirs = model.resources();
      model.free();
      let stack: ReturnType<typeof evaluateTemplate>;
      try {
        stack = evaluateTemplate(parseTemplateText(path, text), {
          stackName: 'teststack',
          account: '123456789012',
          region: 'us-east-1',
          partition: 'aws',
          urlSuffix: 'amazonaws.com',
        });
      } catch (error) {
        // The old LanguageExtensions network template fails the transform, as the service does.
        expect((error as { code?: string }).code, String(error)).toBe('TRANSFORM_FAILED');
        return;
      }
      const ours = new Map(stack.resources.map((resource) => [resource.logicalId, resource]));
      // Every resource we build is one AWS's resolver sees; those we leave out have a Condition.
      for (const id of ours.keys()) expect(Object.keys(theirs), `${path}: ${id}`).toContain(id);
      for (const [id, resource] of Object.entries(theirs)) {
        if (!ours.has(id)) expect(resource.condition, `${path}: ${id} is missing`).not.toBeNull();
      }
      const disagreements: string[] = [];
      let compared = 0;
      for (const [id, resource] of Object.entries(theirs)) {
        const mine = ours.get(id);
        if (!mine) continue;
        for (const [property, resolved] of Object.entries(resource.properties)) {
          const value = mine.properties[property];
          if (resolved.Concrete) {
            compared++;
            if (numbersAsText(plain(value)) !== numbersAsText(resolved.Concrete.value)) {
              disagreements.push(
                `${id}.${property}: AWS ${JSON.stringify(resolved.Concrete.value)}, ours ${JSON.stringify(plain(value))}`,
              );
            }
          } else if (resolved.Reference) {
            compared++;
            const target = resolved.Reference.target;
            const points =
              isUnknown(value) &&
              value.references.some((reference) => reference.address.endsWith(`/${target}`));
            if (!points)
              disagreements.push(
                `${id}.${property}: AWS a reference to ${target}, ours ${JSON.stringify(plain(value))}`,
              );
          }
        }
      }
      expect(disagreements).toEqual([]);
      expect(compared).toBeGreaterThan(0);
    });
  }
});
