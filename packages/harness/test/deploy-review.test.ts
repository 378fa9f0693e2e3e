/**
 * Issue 18's classes, checked on hand-built inventories of every dialect: empty launch template
 * tag specifications, OCI Helm repositories given the classic way (Pulumi) or without the chart
 * (CDK), OCI releases read back as intent, and what each tool's deploy waits for.
 */
import { describe, expect, it } from 'vitest';
import { AWAIT, awaitOf } from '../src/kubernetes/await.js';
import { namespaceSources } from '../src/kubernetes/namespaces.js';
import { kubernetesLayerOf } from '../src/kubernetes/read.js';
import {
  ON_DATA_CHANGE,
  ON_DELETE_FAILURE,
  workloadLifecycleOf,
} from '../src/kubernetes/workload-lifecycle.js';
import {
  DEFAULT_LIFECYCLE,
  INVENTORY_SCHEMA_VERSION,
  type Inventory,
  type InventoryResource,
} from '../src/model/inventory.js';
import type { ValueObject } from '../src/model/value.js';
import { ResourceGraph } from '../src/observe/graph.js';
import { checkServiceQuirks, SERVICE_QUIRKS } from '../src/validate/service-quirks.js';

function resource(
  nativeType: string,
  properties: ValueObject,
  dialect: 'cloudformation' | 'terraform' = 'terraform',
  kind: InventoryResource['kind'] = null,
): InventoryResource {
  return {
    address: `${nativeType}.this`,
    displayName: nativeType,
    nativeType,
    kind,
    dialect,
    role: 'core',
    properties,
    references: [],
    dependsOn: [],
    lifecycle: DEFAULT_LIFECYCLE.terraform,
  };
}

function inventory(source: Inventory['source'], resources: InventoryResource[]): Inventory {
  return { schemaVersion: INVENTORY_SCHEMA_VERSION, implementation: 'x', source, resources, diagnostics: [] };
}

const rules = (inv: Inventory) =>
  checkServiceQuirks(inv).map((finding) => `${finding.rule} ${finding.property}`);

describe('empty launch template tag specifications (issue 18.2)', () => {
  it('are an error in CloudFormation, inside the template data and on the template itself', () => {
    const template = resource(
      'AWS::EC2::LaunchTemplate',
      {
        TagSpecifications: [{ ResourceType: 'launch-template', Tags: [] }],
        LaunchTemplateData: {
          TagSpecifications: [
            { ResourceType: 'instance', Tags: [{ Key: 'a', Value: 'b' }] },
            { ResourceType: 'volume', Tags: [] },
          ],
        },
      },
      'cloudformation',
      'launch-template',
    );
    expect(rules(inventory('cloudformation', [template]))).toEqual([
      `${SERVICE_QUIRKS.emptyTagSpecification.id} LaunchTemplateData.TagSpecifications[1]`,
      `${SERVICE_QUIRKS.emptyTagSpecification.id} TagSpecifications[0]`,
    ]);
  });

  it('are an error in the Terraform dialect (HCL, CDKTF, Pulumi), with tags absent or {}', () => {
    const template = resource(
      'aws_launch_template',
      { tag_specifications: [{ resource_type: 'instance', tags: {} }, { resource_type: 'volume' }] },
      'terraform',
      'launch-template',
    );
    expect(rules(inventory('terraform', [template]))).toEqual([
      `${SERVICE_QUIRKS.emptyTagSpecification.id} tag_specifications[0]`,
      `${SERVICE_QUIRKS.emptyTagSpecification.id} tag_specifications[1]`,
    ]);
  });

  it('are nothing to report when tagged, or when there is no tag specification at all', () => {
    const tagged = resource(
      'aws_launch_template',
      { tag_specifications: [{ resource_type: 'instance', tags: { team: 'a' } }] },
      'terraform',
      'launch-template',
    );
    const none = resource('aws_launch_template', {}, 'terraform', 'launch-template');
    expect(rules(inventory('terraform', [tagged, none]))).toEqual([]);
  });
});

describe('OCI Helm repositories (issue 18.4)', () => {
  const classicWay = resource('kubernetes:helm.sh/v3:Release', {
    name: 'karpenter',
    chart: 'karpenter',
    version: '1.8.1',
    namespace: 'kube-system',
    repositoryOpts: { repo: 'oci://public.ecr.aws/karpenter' },
  });
  const ociWay = resource('kubernetes:helm.sh/v3:Release', {
    name: 'karpenter',
    chart: 'oci://public.ecr.aws/karpenter/karpenter',
    version: '1.8.1',
    namespace: 'kube-system',
  });

  it('Pulumi: the registry in repositoryOpts is an error; the chart as the full reference is not', () => {
    expect(rules(inventory('pulumi', [classicWay]))).toEqual([
      `${SERVICE_QUIRKS.pulumiOciRepositoryOpts.id} repositoryOpts.repo`,
    ]);
    expect(rules(inventory('pulumi', [ociWay]))).toEqual([]);
  });

  it('Pulumi: the full reference reads back as registry path and chart', () => {
    const [release] = kubernetesLayerOf(inventory('pulumi', [ociWay])).releases;
    expect(release!.chart).toBe('karpenter');
    expect(release!.repository).toBe('oci://public.ecr.aws/karpenter');
  });

  it('CDK: an oci:// repository must name the chart; it reads back without it', () => {
    const chartHelm = (repository: string) =>
      resource(
        'Custom::AWSCDK-EKS-HelmChart',
        { Release: 'karpenter', Chart: 'karpenter', Repository: repository, Namespace: 'kube-system' },
        'cloudformation',
      );
    const wrong = chartHelm('oci://ghcr.io/example/charts');
    const right = chartHelm('oci://public.ecr.aws/karpenter/karpenter');
    // Where the registry path already ends in the chart's name (oci://public.ecr.aws/karpenter),
    // the rule cannot tell; the repository then reads back one segment short and the fact differs.
    const ambiguous = chartHelm('oci://public.ecr.aws/karpenter');
    expect(rules(inventory('cloudformation', [ambiguous]))).toEqual([]);
    expect(kubernetesLayerOf(inventory('cloudformation', [ambiguous])).releases[0]!.repository).toBe(
      'oci://public.ecr.aws',
    );
    expect(rules(inventory('cloudformation', [wrong]))).toEqual([
      `${SERVICE_QUIRKS.cdkOciRepositoryWithoutChart.id} Repository`,
    ]);
    expect(rules(inventory('cloudformation', [right]))).toEqual([]);
    const [release] = kubernetesLayerOf(inventory('cloudformation', [right])).releases;
    expect(release!.repository).toBe('oci://public.ecr.aws/karpenter');
    expect(release!.chart).toBe('karpenter');
  });
});

describe('what each deploy waits for (issue 18.1)', () => {
  it('Terraform waits for a rollout and a completion unless told not to; a ClusterIP Service for nothing', () => {
    expect(awaitOf(resource('kubernetes_deployment_v1', {}), 'k8s[Deployment a/b]')).toBe(AWAIT.rollout);
    expect(
      awaitOf(resource('kubernetes_deployment_v1', { wait_for_rollout: false }), 'k8s[Deployment a/b]'),
    ).toBe(AWAIT.nothing);
    expect(awaitOf(resource('kubernetes_job_v1', {}), 'k8s[Job a/b]')).toBe(AWAIT.completion);
    expect(
      awaitOf(resource('kubernetes_service_v1', { spec: [{ type: 'ClusterIP' }] }), 'k8s[Service a/b]'),
    ).toBe(AWAIT.nothing);
    expect(awaitOf(resource('helm_release', {}), 'helmRelease[a/b]')).toBe(AWAIT.helmWait);
  });

  it('Pulumi waits for ready endpoints behind a Service, not a headless one, and honours skipAwait', () => {
    const service = (spec: ValueObject, annotations?: ValueObject) =>
      resource('kubernetes:core/v1:Service', {
        metadata: { name: 'b', annotations: annotations ?? {} },
        spec,
      });
    expect(awaitOf(service({ type: 'ClusterIP' }), 'k8s[Service a/b]')).toBe(AWAIT.endpoints);
    expect(awaitOf(service({ clusterIP: 'None' }), 'k8s[Service a/b]')).toBe(AWAIT.nothing);
    expect(awaitOf(service({}, { 'pulumi.com/skipAwait': 'true' }), 'k8s[Service a/b]')).toBe(AWAIT.nothing);
    expect(awaitOf(resource('kubernetes:apps/v1:Deployment', {}), 'k8s[Deployment a/b]')).toBe(AWAIT.rollout);
  });

  it("CDK's kubectl provider waits for nothing; its HelmChart only with Wait", () => {
    const manifest = resource('Custom::AWSCDK-EKS-KubernetesResource', {}, 'cloudformation');
    expect(awaitOf(manifest, 'k8s[Deployment a/b]')).toBe(AWAIT.nothing);
    expect(awaitOf(resource('Custom::AWSCDK-EKS-HelmChart', {}, 'cloudformation'), 'helmRelease[a/b]')).toBe(
      AWAIT.helmNoWait,
    );
    expect(
      awaitOf(resource('Custom::AWSCDK-EKS-HelmChart', { Wait: true }, 'cloudformation'), 'helmRelease[a/b]'),
    ).toBe(AWAIT.helmWait);
  });
});

describe('EKS endpoint settings CloudFormation must keep (review 18, PublicAccessCidrs)', () => {
  const cluster = (config: ValueObject, dialect: 'cloudformation' | 'terraform' = 'cloudformation') =>
    resource(
      dialect === 'cloudformation' ? 'AWS::EKS::Cluster' : 'aws_eks_cluster',
      dialect === 'cloudformation' ? { ResourcesVpcConfig: config } : { vpc_config: [config] },
      dialect,
      'eks-cluster',
    );

  it('warns when a CloudFormation template leaves PublicAccessCidrs out (the public endpoint off)', () => {
    const findings = checkServiceQuirks(
      inventory('cloudformation', [
        cluster({ SubnetIds: ['a', 'b'], EndpointPrivateAccess: true, EndpointPublicAccess: false }),
      ]),
    );
    expect(findings.map((finding) => [finding.rule, finding.severity])).toEqual([
      [SERVICE_QUIRKS.eksEndpointSettingsLeftOut.id, 'warning'],
    ]);
    expect(findings[0]!.message).toMatch(/leaves out PublicAccessCidrs/);
  });

  it('says nothing when all three are sent, or for the Terraform dialect (optional and computed there)', () => {
    expect(
      rules(
        inventory('cloudformation', [
          cluster({
            EndpointPrivateAccess: true,
            EndpointPublicAccess: false,
            PublicAccessCidrs: ['0.0.0.0/0'],
          }),
        ]),
      ),
    ).toEqual([]);
    expect(rules(inventory('terraform', [cluster({ endpoint_public_access: false }, 'terraform')]))).toEqual(
      [],
    );
  });
});

describe('what each tool does when a delete fails, and with new ConfigMap or Secret data (review 18, R8 and R3)', () => {
  const none = inventory('terraform', []);

  it("CDK's kubectl handler reports a failed delete as done; Terraform and Pulumi fail", () => {
    const manifest = resource('Custom::AWSCDK-EKS-KubernetesResource', {}, 'cloudformation');
    const chart = resource('Custom::AWSCDK-EKS-HelmChart', {}, 'cloudformation');
    expect(workloadLifecycleOf(manifest, 'k8s[Deployment a/b]', none)).toEqual({
      '$lifecycle.onDeleteFailure': ON_DELETE_FAILURE.reportedDeleted,
    });
    expect(workloadLifecycleOf(chart, 'helmRelease[a/b]', none)['$lifecycle.onDeleteFailure']).toBe(
      ON_DELETE_FAILURE.reportedDeleted,
    );
    for (const [type, identity] of [
      ['kubernetes_deployment_v1', 'k8s[Deployment a/b]'],
      ['helm_release', 'helmRelease[a/b]'],
      ['kubernetes:apps/v1:Deployment', 'k8s[Deployment a/b]'],
    ] as const)
      expect(workloadLifecycleOf(resource(type, {}), identity, none)['$lifecycle.onDeleteFailure']).toBe(
        ON_DELETE_FAILURE.fails,
      );
  });

  it('Pulumi replaces a fixed-name ConfigMap delete-first unless its provider makes it mutable', () => {
    const map = resource('kubernetes:core/v1:ConfigMap', { metadata: { name: 'env' }, data: { A: '1' } });
    const provider = (properties: ValueObject) =>
      inventory('pulumi', [{ ...resource('pulumi:providers:kubernetes', properties), role: 'overhead' }]);
    const onDataChange = (inv: Inventory, identity = 'k8s[ConfigMap a/env]') =>
      workloadLifecycleOf(map, identity, inv)['$lifecycle.onDataChange'];
    expect(onDataChange(provider({}))).toBe(ON_DATA_CHANGE.replacedDeleteFirst);
    expect(onDataChange(provider({ enable_config_map_mutable: 'true' }))).toBe(ON_DATA_CHANGE.inPlace);
    // The Secret has its own option.
    expect(onDataChange(provider({ enable_config_map_mutable: 'true' }), 'k8s[Secret a/env]')).toBe(
      ON_DATA_CHANGE.replacedDeleteFirst,
    );
    expect(
      workloadLifecycleOf(resource('kubernetes_config_map_v1', {}), 'k8s[ConfigMap a/env]', none)[
        '$lifecycle.onDataChange'
      ],
    ).toBe(ON_DATA_CHANGE.inPlace);
    // Other kinds carry no data rule.
    expect(
      workloadLifecycleOf(resource('kubernetes:apps/v1:Deployment', {}), 'k8s[Deployment a/b]', none),
    ).not.toHaveProperty('$lifecycle.onDataChange');
  });
});

describe('what makes a release’s namespace exist first (review 18, R2)', () => {
  const namespace = resource('kubernetes_namespace_v1', { metadata: [{ name: 'phoenix' }] });
  const release = (name: string, ns: string, extra: ValueObject = {}, dependsOn: string[] = []) => ({
    ...resource('helm_release', {
      name,
      chart: name,
      repository: 'https://charts.example.com',
      version: '1.0.0',
      namespace: ns,
      ...extra,
    }),
    address: `helm_release.${name}`,
    dependsOn,
  });
  const sources = (resources: InventoryResource[]) => {
    const inv = inventory('terraform', resources);
    return Object.fromEntries(
      namespaceSources(inv, new ResourceGraph(inv)).map((entry) => [entry.identity, entry.source]),
    );
  };

  it('tells a system namespace, the app’s Namespace waited for, one the release creates, and the rest', () => {
    expect(
      sources([
        namespace,
        release('a', 'kube-system'),
        release('b', 'phoenix', {}, [namespace.address]),
        release('c', 'monitoring', { create_namespace: true }),
        release('d', 'monitoring-2'),
        release('e', 'phoenix'),
      ]),
    ).toEqual({
      'helmRelease[kube-system/a]': 'cluster',
      'helmRelease[phoenix/b]': 'namespace object',
      'helmRelease[monitoring/c]': 'release',
      'helmRelease[monitoring-2/d]': 'nothing',
      'helmRelease[phoenix/e]': 'race with the namespace object',
    });
  });

  it('warns about a namespace nothing creates and about a race, never about the others', () => {
    const findings = checkServiceQuirks(
      inventory('terraform', [
        namespace,
        release('a', 'kube-system'),
        release('b', 'phoenix', {}, [namespace.address]),
        release('d', 'monitoring-2'),
        release('e', 'phoenix'),
      ]),
    ).filter((finding) => finding.rule === SERVICE_QUIRKS.namespaceNotCreated.id);
    expect(findings.map((finding) => [finding.subject, finding.severity])).toEqual([
      ['helm_release.d', 'warning'],
      ['helm_release.e', 'warning'],
    ]);
    expect(findings[0]!.message).toMatch(/namespaces "monitoring-2" not found/);
    expect(findings[1]!.message).toMatch(/does not wait for/);
  });

  it('reads each tool’s create-namespace setting: CDK sends it only when true, Pulumi as createNamespace', () => {
    const cdk = (properties: ValueObject) =>
      kubernetesLayerOf(
        inventory('cloudformation', [
          resource(
            'Custom::AWSCDK-EKS-HelmChart',
            { Release: 'r', Chart: 'c', Repository: 'https://x', Namespace: 'tools', ...properties },
            'cloudformation',
          ),
        ]),
      ).releases[0]!.createNamespace;
    expect(cdk({ CreateNamespace: true })).toBe(true);
    expect(cdk({})).toBe(false);
    const pulumi = kubernetesLayerOf(
      inventory('pulumi', [
        resource('kubernetes:helm.sh/v3:Release', {
          name: 'r',
          chart: 'c',
          namespace: 'tools',
          createNamespace: true,
        }),
      ]),
    ).releases[0]!;
    expect(pulumi.createNamespace).toBe(true);
  });
});
