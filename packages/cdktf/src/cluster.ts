/** The cluster half of the CDKTF stack: KMS, logs, IAM, the EKS cluster, add-ons, access and node groups. */

import { createHash } from 'node:crypto';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group/index.js';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document/index.js';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition/index.js';
import { EksAccessEntry } from '@cdktf/provider-aws/lib/eks-access-entry/index.js';
import { EksAccessPolicyAssociation } from '@cdktf/provider-aws/lib/eks-access-policy-association/index.js';
import { EksAddon } from '@cdktf/provider-aws/lib/eks-addon/index.js';
import { EksCluster } from '@cdktf/provider-aws/lib/eks-cluster/index.js';
import { EksNodeGroup } from '@cdktf/provider-aws/lib/eks-node-group/index.js';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role/index.js';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment/index.js';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias/index.js';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key/index.js';
import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template/index.js';
import {
  CLUSTER_ROLE_MANAGED_POLICIES,
  type Infrastructure,
  NODE_ROLE_MANAGED_POLICIES,
  type SubnetKey,
} from '@iac-compare/spec';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';

/** Construct id of an access entry: the ARN's last segment and a digest of the whole ARN. */
function accessEntryId(principalArn: string): string {
  const name = (principalArn.split('/').at(-1) ?? 'principal').replace(/[^A-Za-z0-9-]/g, '-');
  return `${name}-${createHash('sha256').update(principalArn).digest('hex').slice(0, 8)}`;
}

function serviceRole(scope: Construct, id: string, service: string, namePrefix: string): IamRole {
  const trust = new DataAwsIamPolicyDocument(scope, `${id}-assume-role`, {
    statement: [{ actions: ['sts:AssumeRole'], principals: [{ type: 'Service', identifiers: [service] }] }],
  });
  return new IamRole(scope, id, { namePrefix, assumeRolePolicy: trust.json });
}

export class Cluster extends Construct {
  readonly cluster: EksCluster;
  /** What must exist before anything runs on the cluster: node groups, add-ons, access entries. */
  readonly readyForWorkloads: ITerraformDependable[] = [];

  constructor(
    scope: Construct,
    id: string,
    infra: Infrastructure,
    subnetIds: ReadonlyMap<SubnetKey, string>,
    privateEgress: readonly ITerraformDependable[] = [],
  ) {
    super(scope, id);
    const partition = new DataAwsPartition(this, 'partition').partition;
    const c = infra.cluster;

    const key = new KmsKey(this, 'secrets-key', {
      description: `EKS secrets envelope encryption for ${c.name}`,
      enableKeyRotation: infra.kmsKey.enableKeyRotation,
      deletionWindowInDays: infra.kmsKey.deletionWindowDays,
    });
    new KmsAlias(this, 'secrets-key-alias', { name: infra.kmsKey.alias, targetKeyId: key.keyId });
    // EKS writes to this group; creating it first lets us set its retention.
    // skipDestroy keeps the group (and its logs) on destroy, forgotten by the state: onDelete retain.
    const logGroup = new CloudwatchLogGroup(this, 'control-plane-logs', {
      name: infra.logGroup.name,
      retentionInDays: infra.logGroup.retentionDays,
      skipDestroy: infra.logGroup.onDelete === 'retain' ? true : undefined,
    });

    const clusterRole = serviceRole(
      this,
      'cluster-role',
      'eks.amazonaws.com',
      `${c.name.slice(0, 24)}-cluster-`,
    );
    const clusterAttachments = CLUSTER_ROLE_MANAGED_POLICIES.map(
      (policy) =>
        new IamRolePolicyAttachment(this, `cluster-role-${policy}`, {
          role: clusterRole.name,
          policyArn: `arn:${partition}:iam::aws:policy/${policy}`,
        }),
    );
    const nodeRole = serviceRole(this, 'node-role', 'ec2.amazonaws.com', `${c.name.slice(0, 27)}-node-`);
    const nodeAttachments = NODE_ROLE_MANAGED_POLICIES.map(
      (policy) =>
        new IamRolePolicyAttachment(this, `node-role-${policy}`, {
          role: nodeRole.name,
          policyArn: `arn:${partition}:iam::aws:policy/${policy}`,
        }),
    );

    this.cluster = new EksCluster(this, 'cluster', {
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
      dependsOn: [...clusterAttachments, logGroup],
    });

    const addon = (spec: Infrastructure['addons'][number], dependsOn: EksNodeGroup[] = []) =>
      new EksAddon(this, `addon-${spec.name}`, {
        clusterName: this.cluster.name,
        addonName: spec.name,
        addonVersion: spec.version ?? undefined,
        resolveConflictsOnCreate: spec.resolveConflicts,
        resolveConflictsOnUpdate: spec.resolveConflicts,
        dependsOn,
      });
    // Nodes only become Ready once the CNI and kube-proxy run: create those first.
    const beforeNodes = infra.addons
      .filter((spec) => spec.order === 'before-node-groups')
      .map((spec) => addon(spec));

    const nodeGroups = infra.nodeGroups.map((group) => {
      const tagged = group.launchTemplate.tagSpecifications;
      const template = new LaunchTemplate(this, `launch-template-${group.name}`, {
        // A name_prefix takes at most 99 characters (ValidLaunchTemplateName in the AWS provider).
        namePrefix: `${`${c.name}-${group.name}`.slice(0, 98)}-`,
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
        // The provider's default_tags tag the template itself, never what it launches.
        tagSpecifications: tagged.map((specification) => ({
          resourceType: specification.resourceType,
          tags: { ...specification.tags },
        })),
        lifecycle: { createBeforeDestroy: true },
      });
      // A prefix, not a name: with create_before_destroy a replacement starts the new group first.
      return new EksNodeGroup(this, `node-group-${group.name}`, {
        clusterName: this.cluster.name,
        nodeGroupNamePrefix: `${group.name}-`,
        tags: { Name: group.name },
        forceUpdateVersion: group.update.force,
        updateConfig: {
          maxUnavailable: group.update.maxUnavailable ?? undefined,
          maxUnavailablePercentage: group.update.maxUnavailablePercentage ?? undefined,
        },
        // Capacity stays up through a replacement; Terraform forces create_before_destroy on the
        // group's dependencies too (subnets, cluster, roles, key, NAT routes): `plan` names the
        // changes that then fail (docs/architecture.md, "What a careful team does …").
        lifecycle: {
          createBeforeDestroy: true,
          ignoreChanges: group.desiredSizeDrift === 'keep' ? ['scaling_config[0].desired_size'] : [],
        },
        nodeRoleArn: nodeRole.arn,
        subnetIds: group.subnets.map((subnet) => subnetIds.get(subnet)!),
        instanceTypes: [...group.instanceTypes],
        capacityType: group.capacityType,
        amiType: group.amiType,
        labels: { ...group.labels },
        scalingConfig: group.scaling,
        taint: group.taints.map((taint) => ({
          key: taint.key,
          value: taint.value ?? undefined,
          effect: taint.effect,
        })),
        launchTemplate: { id: template.id, version: template.latestVersion.toString() },
        dependsOn: [...nodeAttachments, ...beforeNodes, ...privateEgress],
      });
    });

    // A Deployment add-on (coredns) is only ACTIVE once nodes run it.
    this.readyForWorkloads.push(...nodeGroups, ...beforeNodes);
    for (const spec of infra.addons.filter((candidate) => candidate.order !== 'before-node-groups')) {
      this.readyForWorkloads.push(addon(spec, nodeGroups));
    }

    for (const entry of infra.accessEntries) {
      const id = accessEntryId(entry.principalArn);
      const accessEntry = new EksAccessEntry(this, `access-entry-${id}`, {
        clusterName: this.cluster.name,
        principalArn: entry.principalArn,
        type: entry.type,
        kubernetesGroups: [...entry.kubernetesGroups],
      });
      this.readyForWorkloads.push(accessEntry);
      for (const policy of entry.policies) {
        const association = new EksAccessPolicyAssociation(this, `access-policy-${id}-${policy.policy}`, {
          clusterName: this.cluster.name,
          principalArn: accessEntry.principalArn,
          policyArn: `arn:${partition}:eks::aws:cluster-access-policy/${policy.policy}`,
          accessScope: {
            type: policy.scope.type,
            namespaces: policy.scope.type === 'namespace' ? [...policy.scope.namespaces] : undefined,
          },
        });
        this.readyForWorkloads.push(association);
      }
    }
  }
}
