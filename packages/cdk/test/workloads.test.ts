/**
 * The L2 app's workloads: one kubectl-applied manifest per object, the Helm release as a chart,
 * the kubectl provider and where it runs; the L1 app builds none (its envelope says why).
 */
import { loadTarget, objectKey, resolveWorkloads, type TargetSpec } from '@iac-compare/spec';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { type CdkVariant, createApp, stackName } from '../src/app.js';
import { TemplateFacts } from './template-facts.js';

function factsOf(spec: TargetSpec, variant: CdkVariant): TemplateFacts {
  const app = createApp(spec, variant);
  return new TemplateFacts(Template.fromStack(app.node.findChild(stackName(spec, variant)) as never));
}

const spec = loadTarget();
const l2 = factsOf(spec, 'l2');

function manifestsOf(facts: TemplateFacts) {
  return facts.ofType('Custom::AWSCDK-EKS-KubernetesResource').map(([id, resource]) => ({
    id,
    dependsOn: (resource as { DependsOn?: string[] }).DependsOn ?? [],
    objects: JSON.parse(String(resource.Properties?.Manifest)) as {
      kind: string;
      metadata: { name: string; namespace?: string; labels?: Record<string, string> };
    }[],
  }));
}

describe('CDK L2 workloads', () => {
  it('applies each object of the target in a manifest of its own', () => {
    const manifests = manifestsOf(l2);
    expect(manifests.every((manifest) => manifest.objects.length === 1)).toBe(true);
    const keys = manifests.map((manifest) => objectKey(manifest.objects[0]!)).sort();
    expect(keys).toEqual(resolveWorkloads(spec)!.objects.map(objectKey).sort());
    // aws-eks-v2 labels every object for kubectl apply --prune; the harness reads past it.
    expect(
      Object.keys(manifests[0]!.objects[0]!.metadata.labels ?? {}).some((key) =>
        key.startsWith('aws.cdk.eks/prune-'),
      ),
    ).toBe(true);
  });

  it('creates the namespace before what lives in it, and the config before its readers', () => {
    const manifests = manifestsOf(l2);
    const idOf = (kind: string) => manifests.find((manifest) => manifest.objects[0]!.kind === kind)!.id;
    const deployment = manifests.find((manifest) => manifest.objects[0]!.kind === 'Deployment')!;
    expect(deployment.dependsOn).toEqual(
      expect.arrayContaining([idOf('Namespace'), idOf('ConfigMap'), idOf('Secret')]),
    );
  });

  it('installs the Helm release with its chart, repository, version, namespace and values', () => {
    const [[, chart]] = l2.ofType('Custom::AWSCDK-EKS-HelmChart') as unknown as [
      [string, { Properties: Record<string, unknown> }],
    ];
    const [release] = resolveWorkloads(spec)!.helmReleases;
    expect(chart.Properties).toMatchObject({
      Release: release!.name,
      Chart: release!.chart,
      Repository: release!.repository,
      Version: release!.version,
      Namespace: release!.namespace,
    });
    expect(JSON.parse(String(chart.Properties.Values))).toEqual(release!.values);
  });

  it('runs kubectl from a Lambda with the kubectl layer, in the private subnets (not the intra tier)', () => {
    const handlers = l2
      .ofType('AWS::Lambda::Function')
      .filter(([id]) => id.includes('KubectlProviderHandler'));
    expect(handlers).toHaveLength(1);
    const [, handler] = handlers[0]!;
    expect((handler.Properties!.Layers as unknown[]).length).toBe(2);
    const subnets = (handler.Properties!.VpcConfig as { SubnetIds: { Ref: string }[] }).SubnetIds.map(
      (ref) => ref.Ref,
    );
    expect(subnets).toHaveLength(spec.availabilityZones.length);
    // helm fetches charts from the internet: the private tier has a NAT route, the intra tier none.
    expect(subnets.every((id) => /privateSubnet/.test(id))).toBe(true);
    // So must the provider framework's Lambda, which invokes the handler and answers CloudFormation.
    const inVpc = l2
      .ofType('AWS::Lambda::Function')
      .filter(([id]) => id.includes('KubectlProvider'))
      .map(
        ([id, fn]) =>
          [
            id,
            (
              (fn.Properties!.VpcConfig as { SubnetIds?: { Ref: string }[] } | undefined)?.SubnetIds ?? []
            ).map((ref) => ref.Ref),
          ] as const,
      );
    expect(inVpc.map(([id]) => id.replace(/[A-F0-9]{8}$/, '')).sort()).toEqual([
      'PlatformClusterKubectlProviderHandler',
      'PlatformClusterKubectlProviderframeworkonEvent',
    ]);
    for (const [id, ids] of inVpc)
      expect(ids.length > 0 && ids.every((ref) => /privateSubnet/.test(ref)), id).toBe(true);
  });

  it('runs it outside the VPC when the cluster has no private endpoint', () => {
    const publicOnly: TargetSpec = {
      ...spec,
      cluster: { ...spec.cluster, endpoint: { privateAccess: false, publicAccess: true } },
    };
    const [, handler] = factsOf(publicOnly, 'l2')
      .ofType('AWS::Lambda::Function')
      .find(([id]) => id.includes('KubectlProviderHandler'))!;
    expect(handler.Properties?.VpcConfig).toBeUndefined();
  });

  it('builds no kubectl machinery without workloads, and the L1 app none at all', () => {
    const { workloads: _, ...bare } = spec;
    for (const facts of [factsOf(bare as TargetSpec, 'l2'), factsOf(spec, 'l1')]) {
      expect(facts.ofType('Custom::AWSCDK-EKS-KubernetesResource')).toEqual([]);
      expect(facts.ofType('AWS::Lambda::LayerVersion')).toEqual([]);
    }
  });
});
