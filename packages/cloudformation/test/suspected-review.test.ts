/**
 * The suspected-defects review (2026-12-07) in the raw template: S4, no `UpdateConfig: {}`.
 * EKS requires maxUnavailable or maxUnavailablePercentage in an update config (NodegroupUpdateConfig,
 * EKS API Reference); the template's own defaults (both 0) must leave the block out.
 */
import { join } from 'node:path';
import { loadTarget, toCloudFormationParameters } from '@iac-compare/spec';
import { describe, expect, it } from 'vitest';
import { TEMPLATES_DIR } from '../src/synthesize.js';
import { loadTemplate } from './cfn-yaml.js';

const cluster = loadTemplate(join(TEMPLATES_DIR, 'cluster.yaml'));
const NO_VALUE = Symbol('AWS::NoValue');

/**
 * Just enough of CloudFormation's condition and Fn::If evaluation to render one property under given
 * parameter values (Fn::Equals compares as strings, as CloudFormation does with Number parameters).
 */
function render(value: unknown, parameters: Record<string, string>): unknown {
  const condition = (name: string): boolean => Boolean(render(cluster.Conditions[name], parameters));
  if (Array.isArray(value))
    return value.map((item) => render(item, parameters)).filter((v) => v !== NO_VALUE);
  if (value === null || typeof value !== 'object') return value;
  const object = value as Record<string, unknown>;
  const [key] = Object.keys(object);
  const argument = object[key!];
  if (key === 'Ref') {
    if (argument === 'AWS::NoValue') return NO_VALUE;
    const name = String(argument);
    return parameters[name] ?? String(cluster.Parameters[name].Default);
  }
  if (key === 'Condition') return condition(String(argument));
  if (key === 'Fn::If') {
    const [name, then, otherwise] = argument as [string, unknown, unknown];
    return render(condition(name) ? then : otherwise, parameters);
  }
  if (key === 'Fn::Not') return !render((argument as unknown[])[0], parameters);
  if (key === 'Fn::Or') return (argument as unknown[]).some((item) => render(item, parameters));
  if (key === 'Fn::And') return (argument as unknown[]).every((item) => render(item, parameters));
  if (key === 'Fn::Equals') {
    const [a, b] = (argument as unknown[]).map((item) => String(render(item, parameters)));
    return a === b;
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(object)) {
    const rendered = render(v, parameters);
    if (rendered !== NO_VALUE) out[k] = rendered;
  }
  return out;
}

const updateConfigOf = (slot: number, parameters: Record<string, string>) => {
  const properties = cluster.Resources[`NodeGroup${slot}`].Properties;
  const rendered = render({ UpdateConfig: properties.UpdateConfig }, parameters) as Record<string, unknown>;
  return rendered.UpdateConfig;
};

describe('node group update config (review S4)', () => {
  it.each([1, 2, 3])('NodeGroup%i leaves UpdateConfig out under the template’s own defaults', (slot) => {
    expect(cluster.Parameters[`NodeGroup${slot}MaxUnavailable`].Default).toBe(0);
    expect(cluster.Parameters[`NodeGroup${slot}MaxUnavailablePercentage`].Default).toBe(0);
    expect(updateConfigOf(slot, {})).toBeUndefined();
  });

  it.each([1, 2, 3])('NodeGroup%i sends exactly the one limit that is set', (slot) => {
    expect(updateConfigOf(slot, { [`NodeGroup${slot}MaxUnavailable`]: '2' })).toEqual({
      MaxUnavailable: '2',
    });
    expect(updateConfigOf(slot, { [`NodeGroup${slot}MaxUnavailablePercentage`]: '33' })).toEqual({
      MaxUnavailablePercentage: '33',
    });
  });

  it('sends the spec’s limit with the generated parameter file', () => {
    const parameters = toCloudFormationParameters(loadTarget()).cluster;
    expect(updateConfigOf(1, parameters)).toEqual({
      MaxUnavailablePercentage: String(parameters.NodeGroup1MaxUnavailablePercentage),
    });
  });
});
