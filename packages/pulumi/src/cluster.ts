/** The cluster as a Pulumi component: KMS, logs, IAM, the EKS cluster, add-ons, access entries, node groups. */
import type { Infrastructure, SubnetKey } from '@iac-compare/spec';
import * as cloudwatch from '@pulumi/aws/cloudwatch/index.js';
import * as ec2 from '@pulumi/aws/ec2/index.js';
import * as eks from '@pulumi/aws/eks/index.js';
import * as iam from '@pulumi/aws/iam/index.js';
import * as kms from '@pulumi/aws/kms/index.js';
import * as pulumi from '@pulumi/pulumi';

const CLUSTER_POLICIES = [iam.ManagedPolicy.AmazonEKSClusterPolicy];
const NODE_POLICIES = [
  iam.ManagedPolicy.AmazonEKSWorkerNodePolicy,
  iam.ManagedPolicy.AmazonEKS_CNI_Policy,
  iam.ManagedPolicy.AmazonEC2ContainerRegistryReadOnly,
];

export class Cluster extends pulumi.ComponentResource {
  readonly clusterName: pulumi.Output<string>;
  readonly endpoint: pulumi.Output<string>;

  constructor(
    name: string,
    infra: Infrastructure,
    subnetIds: ReadonlyMap<SubnetKey, pulumi.Input<string>>,
    opts?: pulumi.ComponentResourceOptions,
  ) {
    super('iac-compare:cluster:Cluster', name, {}, opts);
    const child = { parent: this };
    const c = infra.cluster;

    const key = new kms.Key(
      'secrets-key',
      {
        description: `EKS secrets envelope encryption for ${c.name}`,
        enableKeyRotation: infra.kmsKey.enableKeyRotation,
        deletionWindowInDays: infra.kmsKey.deletionWindowDays,
      },
      child,
    );
    new kms.Alias('secrets-key-alias', { name: infra.kmsKey.alias, targetKeyId: key.keyId }, child);
    // EKS writes to this group; creating it first lets us set its retention.
    const logGroup = new cloudwatch.LogGroup(
      'control-plane-logs',
      { name: infra.logGroup.name, retentionInDays: infra.logGroup.retentionDays },
      child,
    );

    const clusterRole = new iam.Role(
      'cluster-role',
      { assumeRolePolicy: iam.assumeRolePolicyForPrincipal({ Service: 'eks.amazonaws.com' }) },
      child,
    );
    const clusterAttachments = CLUSTER_POLICIES.map(
      (policyArn) =>
        new iam.RolePolicyAttachment(
          `cluster-role-${policyArn.split('/').at(-1)}`,
          { role: clusterRole.name, policyArn },
          child,
        ),
    );
    const nodeRole = new iam.Role(
      'node-role',
      { assumeRolePolicy: iam.assumeRolePolicyForPrincipal({ Service: 'ec2.amazonaws.com' }) },
      child,
    );
    const nodeAttachments = NODE_POLICIES.map(
      (policyArn) =>
        new iam.RolePolicyAttachment(
          `node-role-${policyArn.split('/').at(-1)}`,
          { role: nodeRole.name, policyArn },
          child,
        ),
    );

    const cluster = new eks.Cluster(
      'cluster',
      {
        name: c.name,
        version: c.version,
        roleArn: clusterRole.arn,
        bootstrapSelfManagedAddons: c.bootstrapSelfManagedAddons,
        enabledClusterLogTypes: [...c.logging],
        vpcConfig: {
          subnetIds: c.subnets.map((subnet) => subnetIds.get(subnet)!),
          endpointPrivateAccess: c.endpointPrivateAccess,
          endpointPublicAccess: c.endpointPublicAccess,
          publicAccessCidrs: c.endpointPublicAccess ? [...c.publicAccessCidrs] : undefined,
        },
        encryptionConfig: { resources: ['secrets'], provider: { keyArn: key.arn } },
        accessConfig: {
          authenticationMode: c.authenticationMode,
          bootstrapClusterCreatorAdminPermissions: c.bootstrapClusterCreatorAdminPermissions,
        },
      },
      { ...child, dependsOn: [...clusterAttachments, logGroup] },
    );
    this.clusterName = cluster.name;
    this.endpoint = cluster.endpoint;

    const addon = (spec: Infrastructure['addons'][number], dependsOn: pulumi.Resource[] = []) =>
      new eks.Addon(
        `addon-${spec.name}`,
        {
          clusterName: cluster.name,
          addonName: spec.name,
          addonVersion: spec.version ?? undefined,
          resolveConflictsOnCreate: spec.resolveConflicts,
          resolveConflictsOnUpdate: spec.resolveConflicts,
        },
        { ...child, dependsOn },
      );
    // Nodes only become Ready once the CNI and kube-proxy run: create those first.
    const beforeNodes = infra.addons
      .filter((spec) => spec.order === 'before-node-groups')
      .map((spec) => addon(spec));

    const nodeGroups = infra.nodeGroups.map((group) => {
      const template = new ec2.LaunchTemplate(
        `launch-template-${group.name}`,
        {
          metadataOptions: {
            httpEndpoint: 'enabled',
            httpTokens: group.launchTemplate.httpTokens,
            httpPutResponseHopLimit: group.launchTemplate.httpPutResponseHopLimit,
          },
          blockDeviceMappings: [
            {
              deviceName: group.launchTemplate.volume.deviceName,
              ebs: {
                volumeSize: group.launchTemplate.volume.sizeGiB,
                volumeType: group.launchTemplate.volume.type,
                encrypted: String(group.launchTemplate.volume.encrypted),
              },
            },
          ],
        },
        child,
      );
      return new eks.NodeGroup(
        `node-group-${group.name}`,
        {
          clusterName: cluster.name,
          nodeGroupName: group.name,
          nodeRoleArn: nodeRole.arn,
          subnetIds: group.subnets.map((subnet) => subnetIds.get(subnet)!),
          instanceTypes: [...group.instanceTypes],
          capacityType: group.capacityType,
          amiType: group.amiType,
          labels: { ...group.labels },
          scalingConfig: group.scaling,
          taints: group.taints.map((taint) => ({
            key: taint.key,
            value: taint.value ?? undefined,
            effect: taint.effect,
          })),
          launchTemplate: {
            id: template.id,
            version: template.latestVersion.apply((version) => String(version)),
          },
        },
        { ...child, dependsOn: [...nodeAttachments, ...beforeNodes] },
      );
    });

    // A Deployment add-on (coredns) is only ACTIVE once nodes run it.
    for (const spec of infra.addons.filter((candidate) => candidate.order !== 'before-node-groups')) {
      addon(spec, nodeGroups);
    }

    for (const entry of infra.accessEntries) {
      const id = entry.principalArn
        .split(':')
        .at(-1)!
        .replace(/[^A-Za-z0-9-]/g, '-');
      const accessEntry = new eks.AccessEntry(
        `access-entry-${id}`,
        {
          clusterName: cluster.name,
          principalArn: entry.principalArn,
          type: entry.type,
          kubernetesGroups: [...entry.kubernetesGroups],
        },
        child,
      );
      for (const policy of entry.policies) {
        new eks.AccessPolicyAssociation(
          `access-policy-${id}-${policy.policy}`,
          {
            clusterName: cluster.name,
            principalArn: accessEntry.principalArn,
            policyArn: policy.policyArn,
            accessScope: {
              type: policy.scope.type,
              namespaces: policy.scope.type === 'namespace' ? [...policy.scope.namespaces] : undefined,
            },
          },
          child,
        );
      }
    }
    this.registerOutputs({ clusterName: this.clusterName, endpoint: this.endpoint });
  }
}
