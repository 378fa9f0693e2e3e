/**
 * The suspected-defects review (2026-12-07), in the spec: S1, add-on versions EKS would refuse.
 * The class: a value that EKS matches against a published catalogue must have the catalogue's form,
 * and the random targets must never hand the six implementations a value the spec's rules refuse.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbitraryTarget } from '../src/arbitraries.js';
import { targetJsonSchema } from '../src/json-schema.js';
import { defaultTargetPath, readTargetJson } from '../src/load.js';
import { ADDON_VERSION_PATTERN } from '../src/schema.js';
import { validateTarget } from '../src/validate.js';

const base = () => structuredClone(readTargetJson(defaultTargetPath())) as Record<string, any>;

const problemsForVersion = (name: string, version: string) => {
  const input = base();
  const index = input.cluster.addons.findIndex((addon: { name: string }) => addon.name === name);
  input.cluster.addons[index] = { name, version };
  const result = validateTarget(input);
  return result.ok ? [] : result.problems.map((p) => `${p.path}: ${p.message}`);
};

describe('add-on versions (review S1)', () => {
  it('rejects a version without its -eksbuild.N build, naming the spec path', () => {
    const problems = problemsForVersion('vpc-cni', 'v1.19.2');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^cluster\.addons\[\d\]\.version: "v1\.19\.2" is not an EKS add-on build/);
    expect(problems[0]).toMatch(/describe-addon-versions/);
  });

  it.each(['1.19.2-eksbuild.1', 'v1.19-eksbuild.1', 'v1.19.2-eksbuild', 'v1.19.2-eksbuild.1 ', 'latest'])(
    'rejects %j',
    (version) => {
      expect(problemsForVersion('coredns', version)).toHaveLength(1);
    },
  );

  it('accepts the published forms, including kube-proxy’s minimal builds', () => {
    expect(problemsForVersion('vpc-cni', 'v1.19.2-eksbuild.1')).toEqual([]);
    expect(problemsForVersion('kube-proxy', 'v1.33.0-minimal-eksbuild.2')).toEqual([]);
    expect(problemsForVersion('coredns', 'v1.11.4-eksbuild.14')).toEqual([]);
  });

  it('puts the same pattern in target.schema.json, so editors flag it too', () => {
    const schema = targetJsonSchema() as any;
    const addon = schema.properties.cluster.properties.addons.items;
    expect(addon.properties.version.pattern).toBe(ADDON_VERSION_PATTERN.source);
    const pattern = new RegExp(addon.properties.version.pattern);
    expect(pattern.test('v1.19.2')).toBe(false);
    expect(pattern.test('v1.19.2-eksbuild.1')).toBe(true);
  });
});

describe('the random targets (class check for S1 and any rule the arbitraries drift from)', () => {
  const sample = fc.sample(arbitraryTarget, { numRuns: 120, seed: 2026_12_07 });

  it('all pass the spec’s own rules, so no implementation is tested on a target EKS would refuse', () => {
    const refused = sample
      .map((spec) => validateTarget(structuredClone(spec)))
      .filter((result) => !result.ok)
      .map((result) => result.problems);
    expect(refused).toEqual([]);
  });

  it('pin add-on versions in both published build forms', () => {
    const versions = new Set(
      sample.flatMap((spec) => spec.cluster.addons.map((addon) => addon.version ?? '')),
    );
    expect([...versions].some((v) => /-minimal-eksbuild\.\d+$/.test(v))).toBe(true);
    expect([...versions].some((v) => /\d-eksbuild\.\d+$/.test(v))).toBe(true);
    for (const version of versions) if (version) expect(version).toMatch(ADDON_VERSION_PATTERN);
  });
});
