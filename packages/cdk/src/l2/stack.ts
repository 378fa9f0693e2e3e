/** The L2 app's stack: the spec mapped onto the EksPlatform L3 construct. */
import { ADDON_ORDER, planSubnetCidrs, publicAccessCidrs, type TargetSpec } from '@iac-compare/spec';
import { Duration, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { EksPlatform, type EksPlatformProps } from './eks-platform.js';
import { PhoenixWorkloads } from './workloads.js';

function endpointAccessOf(spec: TargetSpec): eks.EndpointAccess {
  const { privateAccess, publicAccess } = spec.cluster.endpoint;
  const cidrs = publicAccessCidrs(spec);
  if (privateAccess && publicAccess) return eks.EndpointAccess.PUBLIC_AND_PRIVATE.onlyFrom(...cidrs);
  // Public only: the spec's rules allow it open to everyone only (nodes reach the API through
  // NAT), and aws-eks-v2 refuses onlyFrom() on it, even with 0.0.0.0/0.
  if (publicAccess) return eks.EndpointAccess.PUBLIC;
  return eks.EndpointAccess.PRIVATE;
}

function removalPolicyOf(behaviour: 'delete' | 'retain'): RemovalPolicy {
  return behaviour === 'retain' ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
}

export function platformPropsFromSpec(spec: TargetSpec): EksPlatformProps {
  const cidrs = planSubnetCidrs(spec);
  const { cluster } = spec;
  return {
    vpcCidr: spec.network.cidr,
    availabilityZones: [...spec.availabilityZones],
    subnetCidrs: {
      public: cidrs.public,
      private: cidrs.private,
      ...(spec.network.subnets.intra ? { intra: cidrs.intra } : {}),
    },
    natGateways: spec.network.natGateways,
    enableDnsSupport: spec.network.enableDnsSupport,
    enableDnsHostnames: spec.network.enableDnsHostnames,
    restrictDefaultSecurityGroup: spec.network.restrictDefaultSecurityGroup,
    clusterName: cluster.name,
    kubernetesVersion: eks.KubernetesVersion.of(cluster.version),
    endpointAccess: endpointAccessOf(spec),
    clusterLogging: cluster.logging.types.map((type) => type as eks.ClusterLoggingTypes),
    logRetention: cluster.logging.retentionDays as logs.RetentionDays,
    secretsKeyRotation: cluster.secretsEncryption.keyRotation,
    secretsKeyPendingWindow: Duration.days(cluster.secretsEncryption.keyDeletionWindowDays),
    secretsKeyRemovalPolicy: removalPolicyOf(cluster.secretsEncryption.onDelete),
    logRemovalPolicy: removalPolicyOf(cluster.logging.onDelete),
    authenticationMode: cluster.authenticationMode,
    bootstrapClusterCreatorAdminPermissions: cluster.bootstrapClusterCreatorAdminPermissions,
    addons: cluster.addons.map((addon) => ({
      name: addon.name,
      version: addon.version,
      order: ({ 'before-node-groups': 'before', 'after-node-groups': 'after', any: 'any' } as const)[
        ADDON_ORDER[addon.name]
      ],
    })),
    accessEntries: cluster.accessEntries.map((entry) => ({
      principalArn: entry.principalArn,
      kubernetesGroups: entry.kubernetesGroups,
      accessPolicies: entry.policies.map((association) =>
        eks.AccessPolicy.fromAccessPolicyName(association.policy, {
          accessScopeType:
            association.scope.type === 'cluster'
              ? eks.AccessScopeType.CLUSTER
              : eks.AccessScopeType.NAMESPACE,
          namespaces: association.scope.type === 'namespace' ? association.scope.namespaces : undefined,
        }),
      ),
    })),
    nodeGroups: spec.nodeGroups.map((group) => ({
      name: group.name,
      instanceTypes: group.instanceTypes,
      capacityType: group.capacityType === 'SPOT' ? eks.CapacityType.SPOT : eks.CapacityType.ON_DEMAND,
      minSize: group.minSize,
      desiredSize: group.desiredSize,
      maxSize: group.maxSize,
      diskSize: group.diskSize,
      amiType: group.amiType as eks.NodegroupAmiType,
      labels: group.labels,
      taints: group.taints.map((taint) => ({
        key: taint.key,
        value: taint.value || undefined,
        effect: taint.effect as eks.TaintEffect,
      })),
      maxUnavailable: group.update.maxUnavailable,
      maxUnavailablePercentage: group.update.maxUnavailablePercentage,
      forceUpdate: group.update.force,
      propagateTagsTo: [...group.propagateTagsTo],
    })),
    tags: spec.tags,
    // With the private endpoint on, aws-eks-v2 puts the kubectl Lambda in the cluster's subnets:
    // the intra tier here, which has no way out for helm to fetch a chart. The private tier has.
    ...(spec.workloads ? { kubectl: { inVpc: spec.cluster.endpoint.privateAccess } } : {}),
  };
}

export class L2Stack extends Stack {
  readonly platform: EksPlatform;

  constructor(scope: Construct, id: string, spec: TargetSpec, props: StackProps = {}) {
    super(scope, id, {
      description: `iac-compare ${spec.name}: VPC + EKS with AWS CDK L2 constructs (aws-eks-v2)`,
      ...props,
    });
    this.platform = new EksPlatform(this, 'Platform', platformPropsFromSpec(spec));
    if (spec.workloads) new PhoenixWorkloads(this, 'Workloads', { cluster: this.platform.cluster, spec });
    Validations.of(this).acknowledge({
      id: 'CloudFormation-Validate::W9009',
      reason:
        'EncryptionConfig.Resources is marked deprecated (secrets is the only value) but EKS still takes it, and aws-eks-v2 emits it',
    });
  }
}
