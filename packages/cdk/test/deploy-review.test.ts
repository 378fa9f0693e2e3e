/**
 * Issue 18 in the CDK apps: the kubectl layer serves every cluster version the spec accepts
 * (12), launch templates carry no Name tag and no tag specification without tags (10, 2), and
 * an OCI Helm chart names the chart in its repository (4).
 */
import { KUBERNETES_VERSIONS, loadTarget, type TargetSpec } from '@iac-compare/spec';
import { describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { KUBECTL_LAYERS, kubectlLayerMinorFor } from '../src/l2/eks-platform.js';
import { helmChartRepository } from '../src/l2/workloads.js';

type Resources = Record<string, { Type: string; Properties: Record<string, any> }>;

function templateOf(spec: TargetSpec, variant: 'l2' | 'l1' = 'l2'): Resources {
  const app = createApp(spec, variant, { stageAssets: false });
  return app.synth().stacks[0]!.template.Resources as Resources;
}

const ofType = (resources: Resources, type: string) =>
  Object.values(resources).filter((r) => r.Type === type);

describe('the kubectl layer (issue 18.12)', () => {
  it('serves every Kubernetes version the spec accepts within one minor version of skew', () => {
    for (const version of KUBERNETES_VERSIONS) {
      const minor = Number(version.split('.')[1]);
      const layer = kubectlLayerMinorFor(version);
      expect(Math.abs(layer - minor), version).toBeLessThanOrEqual(1);
      expect(KUBECTL_LAYERS.map((l) => l.minor)).toContain(layer);
    }
    expect(() => kubectlLayerMinorFor('1.40')).toThrow(/one minor version of skew/);
  });

  it('is the v1.33 layer for a 1.32 cluster and v1.36 for 1.37', () => {
    const layerOf = (version: '1.32' | '1.37') => {
      const spec = loadTarget();
      const resources = templateOf({ ...spec, cluster: { ...spec.cluster, version } });
      return ofType(resources, 'AWS::Lambda::LayerVersion')
        .map((layer) => String(layer.Properties.Description))
        .find((description) => description.includes('kubectl'));
    };
    expect(layerOf('1.32')).toMatch(/kubectl 1\.33\./);
    expect(layerOf('1.37')).toMatch(/kubectl 1\.36\./);
  });
});

describe('launch template tags (issues 18.10 and 18.2)', () => {
  it('L2 tags what a template launches with the target tags only, no Name', () => {
    for (const template of ofType(templateOf(loadTarget()), 'AWS::EC2::LaunchTemplate')) {
      const inside = template.Properties.LaunchTemplateData.TagSpecifications as {
        Tags: { Key: string }[];
      }[];
      expect(inside.map((s: any) => s.ResourceType)).toEqual(['instance', 'volume']);
      for (const specification of inside) {
        expect(specification.Tags.map((tag) => tag.Key).sort()).toEqual(['environment', 'owner', 'project']);
      }
    }
  });

  it('L2 and L1 write no tag specification when the target has no tags, whatever they propagate to', () => {
    const spec = loadTarget();
    const untagged: TargetSpec = {
      ...spec,
      tags: {},
      nodeGroups: spec.nodeGroups.map((group, index) => ({
        ...group,
        propagateTagsTo: index === 0 ? ['instance', 'volume'] : ['network-interface'],
      })),
    };
    for (const variant of ['l2', 'l1'] as const) {
      for (const template of ofType(templateOf(untagged, variant), 'AWS::EC2::LaunchTemplate')) {
        expect(template.Properties.TagSpecifications, variant).toBeUndefined();
        expect(template.Properties.LaunchTemplateData.TagSpecifications, variant).toBeUndefined();
      }
    }
  });
});

describe('OCI Helm charts in aws-eks-v2 (issue 18.4)', () => {
  it('name the chart in the repository; classic repositories stay as they are', () => {
    expect(helmChartRepository({ repository: 'oci://ghcr.io/stefanprodan/charts/', chart: 'podinfo' })).toBe(
      'oci://ghcr.io/stefanprodan/charts/podinfo',
    );
    expect(
      helmChartRepository({ repository: 'https://kubernetes-sigs.github.io/metrics-server/', chart: 'x' }),
    ).toBe('https://kubernetes-sigs.github.io/metrics-server/');
  });
});
