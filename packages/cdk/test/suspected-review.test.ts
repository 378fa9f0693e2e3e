/**
 * The suspected-defects review (2026-12-07) in the CDK apps: S5, the L2 Secret goes out as `data`
 * so that kubectl apply removes a key the target drops.
 */
import { loadTarget, resolveWorkloads, type TargetSpec } from '@iac-compare/spec';
import { Token } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { secretData } from '../src/l2/workloads.js';

type Resources = Record<string, { Type: string; Properties: Record<string, any> }>;

function templateOf(spec: TargetSpec): Resources {
  const app = createApp(spec, 'l2', { stageAssets: false });
  return app.synth().stacks[0]!.template.Resources as Resources;
}

function secretManifestOf(spec: TargetSpec): Record<string, any> {
  const manifests = Object.values(templateOf(spec))
    .filter((r) => r.Type === 'Custom::AWSCDK-EKS-KubernetesResource')
    .map((r) => JSON.parse(String(r.Properties.Manifest))[0] as Record<string, any>);
  return manifests.find((m) => m.kind === 'Secret')!;
}

describe("the L2 app's Secret (review S5)", () => {
  const spec = loadTarget();
  const secrets = resolveWorkloads(spec)!.objects.find((o) => o.kind === 'Secret')!;

  it('is sent as base64 data, never stringData, with every key of the target', () => {
    const manifest = secretManifestOf(spec);
    expect(manifest.stringData).toBeUndefined();
    const expected =
      (secrets as { stringData?: Record<string, string>; data?: Record<string, string> }).stringData ?? {};
    expect(Object.keys(manifest.data).sort()).toEqual(Object.keys(expected).sort());
    for (const [key, value] of Object.entries(expected)) {
      expect(Buffer.from(manifest.data[key], 'base64').toString('utf8'), key).toBe(value);
    }
  });

  it('drops a key the target drops: the next manifest has no trace of it', () => {
    const fewer = structuredClone(spec);
    fewer.workloads!.app.secrets = { ...fewer.workloads!.app.secrets, EXTRA_TOKEN: 'x' };
    expect(Object.keys(secretManifestOf(fewer).data)).toContain('EXTRA_TOKEN');
    expect(Object.keys(secretManifestOf(spec).data)).not.toContain('EXTRA_TOKEN');
  });

  it('encodes a literal at synth and a deploy-time value through Fn::Base64', () => {
    expect(secretData({ A: 'héllo' })).toEqual({ A: Buffer.from('héllo').toString('base64') });
    const token = Token.asString({ Ref: 'SomeParameter' });
    const encoded = secretData({ A: token }).A!;
    expect(Token.isUnresolved(encoded)).toBe(true);
  });
});
