/** Invariants over arbitrary inputs (fast-check). */

import { join } from 'node:path';
import { checkEnvelope, loadEnvelope, resolveTarget } from '@iac-compare/spec';
import { arbitraryTarget } from '@iac-compare/spec/arbitraries';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateTemplate } from '../src/cloudformation/evaluate.js';
import { parseTemplateText } from '../src/cloudformation/template-file.js';
import { compareInfrastructure } from '../src/compare/compare.js';
import { isHarnessError } from '../src/errors.js';
import { observe } from '../src/observe/observe.js';
import { ENV } from './cfn-helpers.js';
import { cloudFormationInventory } from './cfn-target.js';

const NAMES = ['A', 'B', 'Vpc', 'P', 'Q', 'Missing', 'AWS::Region', 'AWS::NoValue', 'C1', 'C2'];
const FUNCTIONS = [
  'Fn::Join',
  'Fn::Sub',
  'Fn::Select',
  'Fn::Split',
  'Fn::If',
  'Fn::GetAtt',
  'Fn::FindInMap',
  'Fn::Base64',
  'Fn::Cidr',
  'Fn::GetAZs',
  'Fn::Equals',
  'Fn::Not',
  'Fn::Length',
  'Fn::Nope',
  'Fn::ImportValue',
];

const expression: fc.Arbitrary<unknown> = fc.letrec<{ node: unknown }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom('x', '', '10.0.0.0/16', '${A}', '${Vpc.CidrBlock}', '${!x}', '${', 1, 0, -2, true, null),
    fc.record({ Ref: fc.constantFrom(...NAMES) }),
    fc
      .tuple(fc.constantFrom(...FUNCTIONS), fc.array(tie('node'), { maxLength: 4 }))
      .map(([name, args]) => ({ [name]: args })),
    fc.tuple(fc.constantFrom(...FUNCTIONS), tie('node')).map(([name, arg]) => ({ [name]: arg })),
    fc.array(tie('node'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom('K', 'L', 'Fn::ForEach::Loop'), tie('node'), { maxKeys: 2 }),
  ),
})).node;

const template = fc.record({
  transform: fc.boolean(),
  parameters: fc.dictionary(
    fc.constantFrom('P', 'Q'),
    fc.record({
      Type: fc.constantFrom('String', 'Number', 'CommaDelimitedList'),
      Default: fc.constantFrom('a', '1', 'a,b'),
    }),
  ),
  conditions: fc.dictionary(fc.constantFrom('C1', 'C2'), expression, { maxKeys: 2 }),
  resources: fc.dictionary(
    fc.constantFrom('A', 'B', 'Vpc'),
    fc.record({
      Type: fc.constantFrom('AWS::EC2::VPC', 'AWS::SNS::Topic', 'AWS::Bogus::Type'),
      Properties: fc.dictionary(fc.constantFrom('CidrBlock', 'DisplayName'), expression, { maxKeys: 2 }),
    }),
    { minKeys: 1, maxKeys: 3 },
  ),
  outputs: fc.dictionary(fc.constantFrom('O1'), fc.record({ Value: expression }), { maxKeys: 1 }),
});

describe('the CloudFormation evaluator on arbitrary templates', () => {
  it('never throws anything but its own coded error', () => {
    fc.assert(
      fc.property(template, (t) => {
        const text = JSON.stringify({
          ...(t.transform ? { Transform: 'AWS::LanguageExtensions' } : {}),
          Parameters: t.parameters,
          Conditions: t.conditions,
          Resources: t.resources,
          Outputs: t.outputs,
        });
        try {
          evaluateTemplate(parseTemplateText('arbitrary.json', text), ENV);
        } catch (error) {
          if (!isHarnessError(error)) throw error;
          expect(error.code).toMatch(/^[A-Z_]+$/);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(template, (t) => {
        const text = JSON.stringify({
          Parameters: t.parameters,
          Conditions: t.conditions,
          Resources: t.resources,
        });
        const run = () => {
          try {
            return JSON.stringify(evaluateTemplate(parseTemplateText('arbitrary.json', text), ENV));
          } catch (error) {
            return (error as Error).message;
          }
        };
        expect(run()).toBe(run());
      }),
      { numRuns: 100 },
    );
  });
});

describe('observe and compare over arbitrary targets (hand-written templates)', () => {
  const envelope = loadEnvelope(join(import.meta.dirname, '..', '..', 'cloudformation', 'envelope.json'));
  const inside = arbitraryTarget.filter((spec) => checkEnvelope(spec, envelope).length === 0);

  it('observes deterministically, compare(x, x) is empty, and the templates conform to the spec', () => {
    fc.assert(
      fc.property(inside, (spec) => {
        const inventory = cloudFormationInventory(spec);
        const observed = observe(inventory);
        expect(JSON.stringify(observe(inventory))).toBe(JSON.stringify(observed));
        // The templates leave workloads out (their envelope says so); the rest must conform.
        const comparison = compareInfrastructure({ ...resolveTarget(spec), workloads: null }, [
          { id: 'a', observed },
          { id: 'b', observed },
        ]);
        expect(comparison.pairwise.a?.b?.differ).toBe(0);
        const notEqual = comparison.rows
          .filter((row) => row.cells.a?.status !== 'equal')
          .map((row) => `${row.key}: ${JSON.stringify(row.cells.a)}`);
        expect(notEqual).toEqual([]);
      }),
      { numRuns: 40 },
    );
  });
});
