/** The cluster as a Pulumi component: KMS, logs, IAM, the EKS cluster, add-ons, access entries, node groups. */
import { createHash } from 'node:crypto';
import {
  CLUSTER_ROLE_MANAGED_POLICIES,
  type Infrastructure,
  NODE_ROLE_MANAGED_POLICIES,
  type SubnetKey,
} from '@iac-compare/spec';
import * as cloudwatch from '@pulumi/aws/cloudwatch/index.js';
import * as ec2 from '@pulumi/aws/ec2/index.js';
import * as eks from '@pulumi/aws/eks/index.js';
import { getPartitionOutput } from '@pulumi/aws/getPartition.js';
import * as iam from '@pulumi/aws/iam/index.js';
import * as kms from '@pulumi/aws/kms/index.js';
import * as pulumi from '@pulumi/pulumi';

/** Resource name of an access entry: the ARN's last segment and a digest of the whole ARN. */
function accessEntryName(principalArn: string): string {
  const name = (principalArn.split('/').at(-1) ?? 'principal').replace(/[^A-Za-z0-9-]/g, '-');
  return `${name}-${createHash('sha256').update(principalArn).digest('hex').slice(0, 8)}`;
}

export class Cluster extends pulumi.ComponentResource {
  readonly clusterName: pulumi.Output<string>;
  readonly endpoint: pulumi.Output<string>;
  readonly certificateAuthority: pulumi.Output<string>;
  /** What must exist before anything runs on the cluster: the node groups and every add-on. */
  readonly readyForWorkloads: pulumi.Resource[] = [];

  constructor(
    name: string,
    infra: Infrastructure,
    subnetIds: ReadonlyMap<SubnetKey, pulumi.Input<string>>,
    privateEgress: readonly pulumi.Resource[],
    opts?: pulumi.ComponentResourceOptions,
  ) {
    super('iac-compare:cluster:Cluster', name, {}, opts);
    const child = { parent: this };
    const c = infra.cluster;
    // The partition of the provider's region (aws, aws-cn, aws-us-gov), as aws.getPartition tells.
    const partition = getPartitionOutput({}, { parent: this }).partition;
    const managedPolicy = (policy: string) => pulumi.interpolate`arn:${partition}:iam::aws:policy/${policy}`;

    const key = new kms.Key(
      'secrets-key',
      {
        description: `EKS secrets envelope encryption for ${c.name}`,
        enableKeyRotation: infra.kmsKey.enableKeyRotation,
        deletionWindowInDays: infra.kmsKey.deletionWindowDays,
      },
      { ...child, retainOnDelete: infra.kmsKey.onDelete === 'retain' },
    );
    new kms.Alias('secrets-key-alias', { name: infra.kmsKey.alias, targetKeyId: key.keyId }, child);
    // EKS writes to this group; creating it first lets us set its retention.
    const logGroup = new cloudwatch.LogGroup(
      'control-plane-logs',
      { name: infra.logGroup.name, retentionInDays: infra.logGroup.retentionDays },
      { ...child, retainOnDelete: infra.logGroup.onDelete === 'retain' },
    );

    const clusterRole = new iam.Role(
      'cluster-role',
      { assumeRolePolicy: iam.assumeRolePolicyForPrincipal({ Service: 'eks.amazonaws.com' }) },
      child,
    );
    const clusterAttachments = CLUSTER_ROLE_MANAGED_POLICIES.map(
      (policy) =>
        new iam.RolePolicyAttachment(
          `cluster-role-${policy}`,
          { role: clusterRole.name, policyArn: managedPolicy(policy) },
          child,
        ),
    );
    const nodeRole = new iam.Role(
      'node-role',
      { assumeRolePolicy: iam.assumeRolePolicyForPrincipal({ Service: 'ec2.amazonaws.com' }) },
      child,
    );
    const nodeAttachments = NODE_ROLE_MANAGED_POLICIES.map(
      (policy) =>
        new iam.RolePolicyAttachment(
          `node-role-${policy}`,
          { role: nodeRole.name, policyArn: managedPolicy(policy) },
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
    this.certificateAuthority = cluster.certificateAuthority.data;

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
          // The provider's defaultTags tag the template itself, never what it launches.
          tagSpecifications: group.launchTemplate.tagSpecifications.map((specification) => ({
            resourceType: specification.resourceType,
            tags: { ...specification.tags },
          })),
        },
        child,
      );
      // A prefix, not a name: Pulumi replaces by creating the new group first, which a fixed
      // name would make fail.
      return new eks.NodeGroup(
        `node-group-${group.name}`,
        {
          clusterName: cluster.name,
          nodeGroupNamePrefix: `${group.name}-`,
          tags: { Name: group.name },
          forceUpdateVersion: group.update.force,
          updateConfig: {
            maxUnavailable: group.update.maxUnavailable ?? undefined,
            maxUnavailablePercentage: group.update.maxUnavailablePercentage ?? undefined,
          },
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
        {
          ...child,
          dependsOn: [...nodeAttachments, ...beforeNodes, ...privateEgress],
          // The cluster autoscaler owns the desired size once the group runs.
          ignoreChanges: group.desiredSizeDrift === 'keep' ? ['scalingConfig.desiredSize'] : [],
        },
      );
    });

    // A Deployment add-on (coredns) is only ACTIVE once nodes run it.
    this.readyForWorkloads.push(...nodeGroups, ...beforeNodes);
    for (const spec of infra.addons.filter((candidate) => candidate.order !== 'before-node-groups')) {
      this.readyForWorkloads.push(addon(spec, nodeGroups));
    }

    for (const entry of infra.accessEntries) {
      const id = accessEntryName(entry.principalArn);
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
      this.readyForWorkloads.push(accessEntry);
      for (const policy of entry.policies) {
        const association = new eks.AccessPolicyAssociation(
          `access-policy-${id}-${policy.policy}`,
          {
            clusterName: cluster.name,
            principalArn: accessEntry.principalArn,
            policyArn: pulumi.interpolate`arn:${partition}:eks::aws:cluster-access-policy/${policy.policy}`,
            accessScope: {
              type: policy.scope.type,
              namespaces: policy.scope.type === 'namespace' ? [...policy.scope.namespaces] : undefined,
            },
          },
          // Every argument is ForceNew, and EKS knows the association by cluster, principal and
          // policy only (the provider's ID; Delete is DisassociateAccessPolicy with those three,
          // terraform-provider-aws access_policy_association.go). A scope change replaces it with
          // the same key: created first (Pulumi's default), the old one's delete would then remove
          // the association just made. Delete first, as Terraform does by default.
          { ...child, deleteBeforeReplace: true },
        );
        this.readyForWorkloads.push(association);
      }
    }
    this.registerOutputs({ clusterName: this.clusterName, endpoint: this.endpoint });
  }
}
