/**
 * What a service or a tool rejects at deploy time that no schema says: each quirk with its source,
 * checked on every implementation that can hold it (findings of source `service-quirk`).
 *
 * - EC2 rejects a launch template tag specification without tags ("The tags cannot be null or
 *   empty", InvalidTagSpecification.Malformed: aws-cloudformation/cfn-lint#975,
 *   hashicorp/terraform-provider-aws#13155), inside LaunchTemplateData and on the template itself.
 * - An OCI chart repository given the classic way: pulumi-kubernetes' helm.v3.Release with the
 *   registry in repositoryOpts.repo looks for an index.yaml that an OCI registry does not have (the
 *   chart must be the full oci:// reference, pulumi-kubernetes #1892); aws-eks-v2's HelmChart
 *   pulls `repository` itself (`helm pull <repository>`, kubectl-handler/helm/__init__.py), so an
 *   oci:// repository that does not end in the chart's name pulls no chart.
 * - CloudFormation requires an EKS cluster's EndpointPublicAccess, EndpointPrivateAccess and
 *   PublicAccessCidrs to stay in the template once a template had them ("When updating a resource,
 *   you must include these properties if the previous CloudFormation template of the resource had
 *   them", resource reference, AWS::EKS::Cluster ResourcesVpcConfig). A template that leaves one out
 *   for some settings (the public CIDRs when the public endpoint is off, typically) cannot be
 *   deployed over one that had it: a warning, since a template that never sends them is fine.
 * - A Kubernetes object or Helm release into a namespace nothing creates first (review 18, R2):
 *   helm_release and Pulumi's Release create no namespace unless told, so `namespaces "x" not
 *   found`; one a Namespace object of the same program creates without the sender waiting for it
 *   races it (kubernetes/namespaces.ts). A warning: the namespace may exist outside the program.
 * - A Secret with stringData sent by an apply (review S5): aws-eks-v2's kubectl handler updates with
 *   client-side `kubectl apply`, whose last-applied annotation keeps stringData while the API server
 *   stores data, so a key removed from stringData stays in the Secret with an empty value
 *   (kubernetes/kubernetes#89938); the kubernetes provider's kubernetes_manifest applies server-side,
 *   where the removed key keeps its old value (kubernetes/kubernetes#108008, documented in
 *   kubernetes/website#42603). Pulumi's Secret normalises stringData into data, and
 *   kubernetes_secret_v1 sends data: neither is flagged. A warning: the deploy itself is right; a
 *   later removal is not.
 * - An EKS node group update config with neither maxUnavailable nor maxUnavailablePercentage
 *   (review S4): "This value or maxUnavailablePercentage is required to have a value" (EKS API
 *   Reference NodegroupUpdateConfig; the same in the CloudFormation AWS::EKS::Nodegroup
 *   UpdateConfig reference). Leave the block out instead, which gives EKS's default.
 */

import { namespaceSources } from '../kubernetes/namespaces.js';
import { kubernetesLayerOf } from '../kubernetes/read.js';
import type { Inventory, InventoryResource } from '../model/inventory.js';
import { isUnknown, isValueObject, type Value } from '../model/value.js';
import { field } from '../observe/context.js';
import { F } from '../observe/fields.js';
import { ResourceGraph } from '../observe/graph.js';
import { read } from '../observe/views.js';
import type { Finding } from './findings.js';

export const SERVICE_QUIRKS = {
  emptyTagSpecification: {
    id: 'aws.ec2.launch-template.empty-tag-specification',
    source:
      'EC2 CreateLaunchTemplate: "The tags cannot be null or empty" (InvalidTagSpecification.Malformed), aws-cloudformation/cfn-lint#975, hashicorp/terraform-provider-aws#13155',
  },
  pulumiOciRepositoryOpts: {
    id: 'pulumi.kubernetes.helm-release.oci-repository-opts',
    source:
      'pulumi-kubernetes #1892 (helm.v3.Release takes an OCI chart as chart: oci://…/<chart>, no repositoryOpts); a classic repository lookup needs index.yaml',
  },
  cdkOciRepositoryWithoutChart: {
    id: 'aws-cdk.eks.helm-chart.oci-repository-without-chart',
    source:
      'aws-cdk-lib custom-resource-handlers aws-eks-v2/kubectl-handler/helm/__init__.py: get_oci_cmd runs helm pull <repository> --version <version> and installs what it pulled',
  },
  eksEndpointSettingsLeftOut: {
    id: 'aws.cloudformation.eks-cluster.endpoint-settings-left-out',
    source:
      'CloudFormation resource reference, AWS::EKS::Cluster ResourcesVpcConfig: "When updating a resource, you must include these properties if the previous CloudFormation template of the resource had them: EndpointPublicAccess, EndpointPrivateAccess, PublicAccessCidrs"',
  },
  namespaceNotCreated: {
    id: 'kubernetes.namespace.not-created-first',
    source:
      'terraform-provider-helm resource_helm_release.go (create_namespace, default false); @pulumi/kubernetes helm/v3/release.d.ts (createNamespace); aws-eks-v2 helm-chart.d.ts (createNamespace, default true) and kubectl-handler/apply/__init__.py (kubectl create)',
  },
  secretStringDataApplied: {
    id: 'kubernetes.secret.string-data-applied',
    source:
      'kubernetes/kubernetes#89938 (client-side apply keeps a removed stringData key, empty), #108008 (server-side apply keeps its old value); aws-cdk-lib custom-resource-handlers aws-eks-v2/kubectl-handler/apply/__init__.py (kubectl apply on update); kubernetes/website#42603',
  },
  emptyNodeGroupUpdateConfig: {
    id: 'aws.eks.nodegroup.empty-update-config',
    source:
      'EKS API Reference, NodegroupUpdateConfig: maxUnavailable / maxUnavailablePercentage, "This value or ... is required to have a value"; CloudFormation AWS::EKS::Nodegroup UpdateConfig reference',
  },
} as const;

function emptyNodeGroupUpdateConfig(resource: InventoryResource): Finding[] {
  if (resource.kind !== 'eks-node-group') return [];
  const raw = read(resource, F.nodeGroup.update);
  const config = Array.isArray(raw) ? raw[0] : raw;
  if (config === undefined || config === null || isUnknown(config) || !isValueObject(config)) return [];
  const has = (value: Value | undefined) => value !== undefined && value !== null;
  const count = field(config, 'MaxUnavailable', 'max_unavailable', resource.dialect);
  const percentage = field(
    config,
    'MaxUnavailablePercentage',
    'max_unavailable_percentage',
    resource.dialect,
  );
  if (has(count) || has(percentage)) return [];
  const property = resource.dialect === 'cloudformation' ? 'UpdateConfig' : 'update_config';
  return [
    {
      severity: 'error',
      source: 'service-quirk',
      rule: SERVICE_QUIRKS.emptyNodeGroupUpdateConfig.id,
      message: `${property} sets neither a maximum unavailable count nor a percentage: EKS requires one of the two ("This value or maxUnavailablePercentage is required to have a value", NodegroupUpdateConfig); set one, or leave ${property} out for EKS's default`,
      subject: resource.address,
      property,
      ...(resource.location ? { location: resource.location } : {}),
      ruleSource: SERVICE_QUIRKS.emptyNodeGroupUpdateConfig.source,
    },
  ];
}

/** The senders that apply a manifest as given (no normalisation): CDK's kubectl manifest, kubernetes_manifest. */
const APPLIED_AS_GIVEN: Record<string, string> = {
  'Custom::AWSCDK-EKS-KubernetesResource':
    "aws-eks-v2's client-side kubectl apply leaves it in the live Secret with an empty value",
  kubernetes_manifest:
    "kubernetes_manifest's server-side apply leaves it in the live Secret with its old value",
};

function secretsWithStringDataApplied(inventory: Inventory): Finding[] {
  const byAddress = new Map(inventory.resources.map((resource) => [resource.address, resource]));
  return kubernetesLayerOf(inventory).objects.flatMap((record): Finding[] => {
    const resource = byAddress.get(record.address);
    const what = resource ? APPLIED_AS_GIVEN[resource.nativeType] : undefined;
    const stringData = record.object.stringData;
    if (!resource || !what || record.object.kind !== 'Secret' || !isValueObject(stringData ?? null))
      return [];
    return [
      {
        severity: 'warning',
        source: 'service-quirk',
        rule: SERVICE_QUIRKS.secretStringDataApplied.id,
        message: `${record.key} is applied with stringData: a key later removed from it is not removed, as ${what}; send the values base64-encoded in data`,
        subject: resource.address,
        property: 'stringData',
        ...(resource.location ? { location: resource.location } : {}),
        ruleSource: SERVICE_QUIRKS.secretStringDataApplied.source,
      },
    ];
  });
}

function namespacesNotCreatedFirst(inventory: Inventory): Finding[] {
  const byAddress = new Map(inventory.resources.map((resource) => [resource.address, resource]));
  return namespaceSources(inventory, new ResourceGraph(inventory))
    .filter((entry) => entry.source === 'nothing' || entry.source === 'race with the namespace object')
    .map((entry): Finding => {
      const resource = byAddress.get(entry.address);
      const what = entry.identity.startsWith('helmRelease[') ? 'the release' : 'the object';
      const message =
        entry.source === 'nothing'
          ? `${entry.identity} goes to namespace ${entry.namespace}, which nothing here creates and no cluster has from the start: ${what} fails with namespaces "${entry.namespace}" not found unless it exists already; create it (a Namespace the sender depends on${what === 'the release' ? ', or create_namespace / createNamespace on the release' : ''})`
          : `${entry.identity} goes to namespace ${entry.namespace}, whose Namespace object ${byAddress.get(entry.namespaceAddress ?? '')?.displayName ?? entry.namespaceAddress} it does not wait for: the two race (namespaces "${entry.namespace}" not found, or the Namespace's create fails with AlreadyExists); make it depend on the Namespace`;
      return {
        severity: 'warning',
        source: 'service-quirk',
        rule: SERVICE_QUIRKS.namespaceNotCreated.id,
        message,
        subject: entry.address,
        property: 'namespace',
        ...(resource?.location ? { location: resource.location } : {}),
        ruleSource: SERVICE_QUIRKS.namespaceNotCreated.source,
      };
    });
}

const KEPT_ENDPOINT_SETTINGS = ['EndpointPublicAccess', 'EndpointPrivateAccess', 'PublicAccessCidrs'];

function endpointSettingsLeftOut(resource: InventoryResource): Finding[] {
  if (resource.nativeType !== 'AWS::EKS::Cluster' || resource.dialect !== 'cloudformation') return [];
  const config = resource.properties.ResourcesVpcConfig;
  if (config === undefined || config === null || isUnknown(config) || !isValueObject(config)) return [];
  const missing = KEPT_ENDPOINT_SETTINGS.filter((key) => config[key] === undefined);
  if (missing.length === 0) return [];
  return [
    {
      severity: 'warning',
      source: 'service-quirk',
      rule: SERVICE_QUIRKS.eksEndpointSettingsLeftOut.id,
      message: `ResourcesVpcConfig leaves out ${missing.join(', ')}: CloudFormation requires them in every later template once one template had them, so a target whose template has them cannot be followed by one that leaves them out; always send them (PublicAccessCidrs 0.0.0.0/0, EKS's default, with the public endpoint off)`,
      subject: resource.address,
      property: 'ResourcesVpcConfig',
      ...(resource.location ? { location: resource.location } : {}),
      ruleSource: SERVICE_QUIRKS.eksEndpointSettingsLeftOut.source,
    },
  ];
}

function tagsAreEmpty(tags: Value | undefined): boolean {
  if (tags === undefined || tags === null) return true;
  if (isUnknown(tags)) return false;
  if (Array.isArray(tags)) return tags.length === 0;
  if (isValueObject(tags)) return Object.keys(tags).length === 0;
  return false;
}

function specificationsOf(value: Value | undefined): Value[] {
  if (value === undefined || value === null || isUnknown(value)) return [];
  return Array.isArray(value) ? value : [value];
}

function emptyTagSpecifications(resource: InventoryResource): Finding[] {
  if (resource.kind !== 'launch-template') return [];
  const places: { property: string; items: Value[] }[] = [
    {
      property:
        resource.dialect === 'cloudformation' ? 'LaunchTemplateData.TagSpecifications' : 'tag_specifications',
      items: specificationsOf(read(resource, F.launchTemplate.tagSpecifications)),
    },
  ];
  if (resource.dialect === 'cloudformation') {
    places.push({
      property: 'TagSpecifications',
      items: specificationsOf(resource.properties.TagSpecifications),
    });
  }
  const findings: Finding[] = [];
  for (const { property, items } of places) {
    items.forEach((item, index) => {
      if (!tagsAreEmpty(field(item, 'Tags', 'tags', resource.dialect))) return;
      const type = field(item, 'ResourceType', 'resource_type', resource.dialect);
      findings.push({
        severity: 'error',
        source: 'service-quirk',
        rule: SERVICE_QUIRKS.emptyTagSpecification.id,
        message: `${property}[${index}]${typeof type === 'string' ? ` (${type})` : ''} has no tags: EC2 rejects the launch template ("The tags cannot be null or empty"); leave the tag specification out when there is nothing to tag with`,
        subject: resource.address,
        property: `${property}[${index}]`,
        ...(resource.location ? { location: resource.location } : {}),
        ruleSource: SERVICE_QUIRKS.emptyTagSpecification.source,
      });
    });
  }
  return findings;
}

function ociReleases(resource: InventoryResource): Finding[] {
  const p = resource.properties;
  const finding = (rule: keyof typeof SERVICE_QUIRKS, property: string, message: string): Finding => ({
    severity: 'error',
    source: 'service-quirk',
    rule: SERVICE_QUIRKS[rule].id,
    message,
    subject: resource.address,
    property,
    ...(resource.location ? { location: resource.location } : {}),
    ruleSource: SERVICE_QUIRKS[rule].source,
  });
  if (resource.nativeType === 'kubernetes:helm.sh/v3:Release' && isValueObject(p.repositoryOpts)) {
    const repo = p.repositoryOpts.repo;
    if (typeof repo === 'string' && repo.startsWith('oci://')) {
      return [
        finding(
          'pulumiOciRepositoryOpts',
          'repositoryOpts.repo',
          `repositoryOpts.repo is the OCI registry ${repo}: helm.v3.Release looks it up as a classic repository (index.yaml) and fails; give chart: "${repo.replace(/\/+$/, '')}/${String(p.chart)}" and no repositoryOpts`,
        ),
      ];
    }
  }
  if (resource.nativeType === 'Custom::AWSCDK-EKS-HelmChart') {
    const repository = p.Repository;
    const chart = p.Chart;
    if (
      typeof repository === 'string' &&
      typeof chart === 'string' &&
      repository.startsWith('oci://') &&
      !repository.replace(/\/+$/, '').endsWith(`/${chart}`)
    ) {
      return [
        finding(
          'cdkOciRepositoryWithoutChart',
          'Repository',
          `Repository ${repository} does not name the chart ${chart}: aws-eks-v2's handler runs helm pull on the repository itself; give repository: "${repository.replace(/\/+$/, '')}/${chart}"`,
        ),
      ];
    }
  }
  return [];
}

/** Every quirk finding of an inventory's core resources. */
export function checkServiceQuirks(inventory: Inventory): Finding[] {
  return [
    ...inventory.resources
      .filter((resource) => resource.role === 'core')
      .flatMap((resource) => [
        ...emptyTagSpecifications(resource),
        ...ociReleases(resource),
        ...endpointSettingsLeftOut(resource),
        ...emptyNodeGroupUpdateConfig(resource),
      ]),
    ...namespacesNotCreatedFirst(inventory),
    ...secretsWithStringDataApplied(inventory),
  ];
}
