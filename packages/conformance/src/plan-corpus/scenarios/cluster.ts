/** The cluster and its node groups: versions, names, sizes, templates, logs, access. */
import type { Scenario } from '../model.js';
import { SOURCE } from '../sources.js';
import {
  ALL,
  CDK_L2,
  CDK_MANIFESTS,
  CFN,
  expect,
  kind,
  NOT_CFN,
  nodeGroupReplaced,
  PULUMI,
  RAW,
  TF,
  WORKLOADS,
} from './shared.js';

/** A second principal, read-only, with the given scope. */
const readOnlyEntry = (scope: { type: 'cluster' } | { type: 'namespace'; namespaces: string[] }) => ({
  principalArn: 'arn:aws:iam::111122223333:role/read-only',
  policies: [{ policy: 'AmazonEKSViewPolicy', scope }],
});

export const CLUSTER_SCENARIOS: readonly Scenario[] = [
  {
    id: 'instance-type',
    title: "a node group's instance type: that node group is replaced, new-first, nothing else",
    issues: ['plan scenario 3'],
    before: (spec) => {
      spec.nodeGroups[1]!.instanceTypes = ['m7i.2xlarge'];
    },
    expect: nodeGroupReplaced('InstanceTypes', 'instance_types').map((expectation) => ({
      ...expectation,
      count: 1,
    })),
  },
  {
    id: 'version-skip',
    title: 'Kubernetes 1.35 → 1.37: the cluster update fails in every tool, one minor version at a time',
    issues: ['plan scenario 3b'],
    before: (spec) => {
      spec.cluster.version = '1.35';
    },
    expect: [
      expect(ALL, kind('eks-cluster'), 'update', SOURCE.eksVersion, {
        fails: /one minor version at a time \(1\.36 first\)/,
      }),
    ],
  },
  {
    id: 'version-up',
    title:
      'Kubernetes up one minor version: the cluster is updated in place; the node groups stay where they are',
    issues: ['plan scenario 4', '21 (node groups and the control plane)'],
    before: (spec) => {
      spec.cluster.version = '1.36';
    },
    expect: [
      expect(
        ALL,
        kind('eks-cluster'),
        'update',
        `${SOURCE.cfnSpec('AWS::EKS::Cluster', 'Version', false)}; ${SOURCE.eksVersion}`,
        {
          says: /node groups stay on Kubernetes 1\.36/,
        },
      ),
    ],
  },
  {
    id: 'cluster-rename',
    title:
      'a new cluster name: the cluster and everything that takes its name replaced (CloudFormation succeeds with the new name); Pulumi replaces its Kubernetes provider and every object',
    issues: ['21.1', '21.3', '21.9'],
    after: (spec) => {
      spec.cluster.name = 'iac-compare-renamed';
    },
    expect: [
      expect(ALL, kind('kms-key'), 'update', SOURCE.cfnSpec('AWS::KMS::Key', 'Description', false)),
      expect(CFN, kind('kms-alias'), 'replace', SOURCE.cfnSpec('AWS::KMS::Alias', 'AliasName', true), {
        order: 'create-first',
      }),
      expect(TF, kind('kms-alias'), 'replace', SOURCE.tfDestroyFirst, { order: 'delete-first' }),
      expect(PULUMI, kind('kms-alias'), 'replace', SOURCE.pulumiBridge, { order: 'create-first' }),
      expect(
        [...CFN, ...TF],
        kind('log-group'),
        'replace',
        `${SOURCE.cfnCustomName} — the name changes with the cluster's, so the replacement succeeds`,
        { order: 'create-first' },
      ),
      expect(PULUMI, kind('log-group'), 'replace', SOURCE.pulumiNameDbr, { order: 'delete-first' }),
      expect(
        CFN,
        kind('eks-cluster'),
        'replace',
        `${SOURCE.cfnCustomName}: a new name lets CloudFormation replace it`,
        { order: 'create-first' },
      ),
      expect(
        TF,
        kind('eks-cluster'),
        'replace',
        `${SOURCE.tfEks('aws_eks_cluster.name', true)}; ${SOURCE.tfForcedCbd} — under a new name, so no collision`,
        { order: 'create-first' },
      ),
      expect(
        PULUMI,
        kind('eks-cluster'),
        'replace',
        `${SOURCE.tfEks('aws_eks_cluster.name', true)}; ${SOURCE.pulumiNameDbr}`,
        { order: 'delete-first' },
      ),
      ...['eks-addon', 'eks-access-entry', 'eks-node-group'].map((name) =>
        expect(
          CFN,
          kind(name),
          'replace',
          `ClusterName is the cluster's Ref, which changes with the name: ${SOURCE.cfnSpec('AWS::EKS::Nodegroup', 'ClusterName', true)}`,
          { order: 'create-first' },
        ),
      ),
      ...['eks-addon', 'eks-access-entry', 'eks-access-policy-association', 'eks-node-group'].map((name) =>
        expect(
          [...TF, 'pulumi'],
          kind(name),
          'replace',
          SOURCE.tfEks(`${name.replace(/-/g, '_')}.cluster_name`, true),
        ),
      ),
      expect(
        TF,
        kind('iam-role'),
        'replace',
        'terraform-provider-aws internal/service/iam/role.go: name_prefix is ForceNew (the prefix names the cluster)',
      ),
      expect(
        TF,
        kind('iam-role-policy-attachment'),
        'replace',
        "terraform-provider-aws internal/service/iam/role_policy_attachment.go: role is ForceNew, and the replaced role's name is new",
      ),
      expect(
        TF,
        kind('launch-template'),
        'replace',
        'terraform-provider-aws internal/service/ec2/ec2_launch_template.go: name_prefix is ForceNew',
      ),
      expect(
        CDK_L2,
        CDK_MANIFESTS,
        'update',
        `${SOURCE.cfnCustomResource}: ClusterName changes, kubectl applies to the new cluster`,
      ),
      expect(TF, WORKLOADS, 'replace', SOURCE.tfStacking, { fails: /cannot read or plan this object/ }),
      expect(PULUMI, WORKLOADS, 'replace', SOURCE.pulumiKubeconfig, { order: 'create-first' }),
    ],
  },
  {
    id: 'desired-only',
    title:
      "a node group's desired size alone: CloudFormation updates it; Terraform, CDKTF and Pulumi ignore it (ignore_changes)",
    issues: ['21.2'],
    after: (spec) => {
      spec.nodeGroups[0]!.desiredSize = 3;
    },
    expect: [
      expect(
        CFN,
        kind('eks-node-group'),
        'update',
        SOURCE.cfnSpec('AWS::EKS::Nodegroup', 'ScalingConfig', false),
        { count: 1 },
      ),
    ],
  },
  {
    id: 'sizes-up',
    title:
      'node group sizes 2/2/4 → 3/3/6: CloudFormation updates all three; the others send min 3 with the desired 2 from state, which EKS refuses',
    issues: ['21.2'],
    after: (spec) => {
      Object.assign(spec.nodeGroups[0]!, { minSize: 3, desiredSize: 3, maxSize: 6 });
    },
    expect: [
      expect(
        CFN,
        kind('eks-node-group'),
        'update',
        SOURCE.cfnSpec('AWS::EKS::Nodegroup', 'ScalingConfig', false),
        { count: 1 },
      ),
      expect(NOT_CFN, kind('eks-node-group'), 'update', SOURCE.tfNodeGroupScaling, {
        count: 1,
        fails: /Minimum capacity 3 can't be greater than desired size 2/,
      }),
    ],
  },
  {
    id: 'nodegroup-add',
    title: 'a third node group: its launch template and group created, nothing else',
    issues: ['21'],
    after: (spec) => {
      spec.nodeGroups.push({ ...structuredClone(spec.nodeGroups[1]!), name: 'batch' });
    },
    expect: [
      expect(ALL, kind('launch-template'), 'create', 'a new logical ID, for_each key or URN: a create', {
        count: 1,
      }),
      expect(ALL, kind('eks-node-group'), 'create', 'a new logical ID, for_each key or URN: a create', {
        count: 1,
      }),
    ],
  },
  {
    id: 'nodegroup-remove',
    title: 'one node group fewer: its launch template and group deleted',
    issues: ['21'],
    after: (spec) => {
      spec.nodeGroups = spec.nodeGroups.slice(0, 1);
    },
    expect: [
      expect(
        ALL,
        kind('launch-template'),
        'delete',
        'its logical ID, for_each key or URN leaves the program: a delete',
        { count: 1 },
      ),
      expect(
        ALL,
        kind('eks-node-group'),
        'delete',
        'its logical ID, for_each key or URN leaves the program: a delete',
        { count: 1 },
      ),
    ],
  },
  {
    id: 'public-endpoint-off',
    title:
      'the public endpoint off: updated in place; the CloudFormation family keeps PublicAccessCidrs (EKS default), as CloudFormation requires',
    issues: ['21 (PublicAccessCidrs kept once set)', '21.10', '18 review (PublicAccessCidrs)'],
    after: (spec) => {
      spec.cluster.endpoint.publicAccess = false;
      delete spec.cluster.endpoint.publicAccessCidrs;
    },
    expect: [
      expect(
        CFN,
        kind('eks-cluster'),
        'update',
        `${SOURCE.cfnEndpointKept}; the templates always send the list (0.0.0.0/0, EKS's default, with the endpoint off)`,
        { onlyPaths: /EndpointPublicAccess$/ },
      ),
      expect(
        NOT_CFN,
        kind('eks-cluster'),
        'update',
        `${SOURCE.tfEks('aws_eks_cluster.vpc_config.endpoint_public_access', false)}`,
      ),
      expect(
        NOT_CFN,
        kind('eks-cluster'),
        'update',
        'terraform-provider-aws internal/service/eks/cluster.go: public_access_cidrs is Optional and Computed, so leaving it out shows no change',
        {
          onlyPaths: /endpoint_?[pP]ublic_?[aA]ccess$/,
        },
      ),
    ],
  },
  {
    id: 'log-retention',
    title: 'log retention 90 → 30 days: the log group updated in place',
    issues: ['21'],
    after: (spec) => {
      spec.cluster.logging.retentionDays = 30;
    },
    expect: [
      expect(
        ALL,
        kind('log-group'),
        'update',
        SOURCE.cfnSpec('AWS::Logs::LogGroup', 'RetentionInDays', false),
        { count: 1 },
      ),
    ],
  },
  {
    id: 'log-types',
    title: 'fewer control-plane log types: the cluster updated in place, the list shown as elements removed',
    issues: ['20§1 (lists as elements)'],
    after: (spec) => {
      spec.cluster.logging.types = ['api', 'audit'];
    },
    expect: [
      expect(ALL, kind('eks-cluster'), 'update', SOURCE.cfnSpec('AWS::EKS::Cluster', 'Logging', false), {
        count: 1,
      }),
    ],
  },
  {
    id: 'access-entry-add',
    title: 'a second access entry: created (with its policy association where that is a resource of its own)',
    issues: ['21'],
    after: (spec) => {
      spec.cluster.accessEntries.push({
        principalArn: 'arn:aws:iam::111122223333:role/read-only',
        policies: [{ policy: 'AmazonEKSViewPolicy', scope: { type: 'cluster' } }],
      } as never);
    },
    expect: [
      expect(ALL, kind('eks-access-entry'), 'create', 'a new logical ID, for_each key or URN: a create', {
        count: 1,
      }),
      expect(
        NOT_CFN,
        kind('eks-access-policy-association'),
        'create',
        'aws_eks_access_policy_association is its own resource (CloudFormation nests AccessPolicies)',
        { count: 1 },
      ),
    ],
  },
  {
    id: 'access-scope',
    title:
      "an access policy's scope cluster → namespace: CloudFormation updates the entry; Terraform and Pulumi replace the association, delete-first",
    issues: ['18 review (R5)'],
    before: (spec) => {
      spec.cluster.accessEntries.push(readOnlyEntry({ type: 'cluster' }) as never);
    },
    after: (spec) => {
      spec.cluster.accessEntries.push(readOnlyEntry({ type: 'namespace', namespaces: ['phoenix'] }) as never);
    },
    expect: [
      expect(
        CFN,
        kind('eks-access-entry'),
        'update',
        SOURCE.cfnSpec('AWS::EKS::AccessEntry', 'AccessPolicies', false),
        { count: 1 },
      ),
      expect(
        TF,
        kind('eks-access-policy-association'),
        'replace',
        `${SOURCE.eksAccessPolicyKey}; ${SOURCE.tfDestroyFirst}`,
        { count: 1, order: 'delete-first' },
      ),
      expect(
        PULUMI,
        kind('eks-access-policy-association'),
        'replace',
        `${SOURCE.eksAccessPolicyKey}; ${SOURCE.pulumiAssociationDbr}`,
        { count: 1, order: 'delete-first' },
      ),
    ],
  },
  {
    id: 'access-entry-insert-first',
    title:
      'an access entry inserted before the others: raw CloudFormation shifts principals between its slots and fails; the others create one entry',
    issues: ['18 review (R6)'],
    after: (spec) => {
      spec.cluster.accessEntries.unshift(readOnlyEntry({ type: 'cluster' }) as never);
    },
    expect: [
      expect(
        ['cdk-l2', 'cdk-l1'],
        kind('eks-access-entry'),
        'create',
        'CDK: access entries keyed by a digest of the principal ARN: a create',
        { count: 1 },
      ),
      expect(
        RAW,
        kind('eks-access-entry'),
        'replace',
        `${SOURCE.rawCfnAccessEntrySlots}; ${SOURCE.cfnSpec('AWS::EKS::AccessEntry', 'PrincipalArn', true)}`,
        { count: 1, order: 'create-first' },
      ),
      expect(
        RAW,
        kind('eks-access-entry'),
        'create',
        `${SOURCE.eksAccessEntryUnique}; ${SOURCE.cfnReplacement}`,
        { count: 1, fails: /ResourceInUseException/ },
      ),
      expect(NOT_CFN, kind('eks-access-entry'), 'create', 'keyed by the principal ARN: a create', {
        count: 1,
      }),
      expect(
        NOT_CFN,
        kind('eks-access-policy-association'),
        'create',
        'aws_eks_access_policy_association is its own resource (CloudFormation nests AccessPolicies)',
        { count: 1 },
      ),
    ],
  },
  {
    id: 'addon-remove',
    title: 'one add-on fewer: deleted',
    issues: ['21'],
    after: (spec) => {
      spec.cluster.addons = spec.cluster.addons.filter((addon) => addon.name !== 'eks-pod-identity-agent');
    },
    expect: [
      expect(
        ALL,
        kind('eks-addon'),
        'delete',
        'its logical ID, for_each key or URN leaves the program: a delete',
        { count: 1 },
      ),
    ],
  },
  {
    id: 'labels',
    title: 'a node group label: updated in place',
    issues: ['21'],
    after: (spec) => {
      spec.nodeGroups[1]!.labels = { ...spec.nodeGroups[1]!.labels, team: 'web' };
    },
    expect: [
      expect(
        ALL,
        kind('eks-node-group'),
        'update',
        `${SOURCE.cfnSpec('AWS::EKS::Nodegroup', 'Labels', false)}; ${SOURCE.tfEks('aws_eks_node_group.labels', false)}`,
        { count: 1 },
      ),
    ],
  },
  {
    id: 'taints',
    title: 'a node group taint: updated in place',
    issues: ['21'],
    after: (spec) => {
      spec.nodeGroups[1]!.taints = [{ key: 'dedicated', value: 'web', effect: 'NO_SCHEDULE' }];
    },
    expect: [
      expect(
        ALL,
        kind('eks-node-group'),
        'update',
        `${SOURCE.cfnSpec('AWS::EKS::Nodegroup', 'Taints', false)}; ${SOURCE.tfEks('aws_eks_node_group.taint', false)}`,
        { count: 1 },
      ),
    ],
  },
  {
    id: 'capacity-type',
    title: 'ON_DEMAND → SPOT: the node group replaced, new-first',
    issues: ['21'],
    after: (spec) => {
      spec.nodeGroups[0]!.capacityType = 'SPOT';
    },
    expect: nodeGroupReplaced('CapacityType', 'capacity_type').map((expectation) => ({
      ...expectation,
      count: 1,
    })),
  },
  {
    id: 'disk-size',
    title:
      'a node disk size: the launch template gets a new version, and the node group rolls its nodes — in Pulumi too',
    issues: ['21.8'],
    after: (spec) => {
      spec.nodeGroups[0]!.diskSize = 80;
    },
    expect: [
      expect(
        ALL,
        kind('launch-template'),
        'update',
        SOURCE.cfnSpec('AWS::EC2::LaunchTemplate', 'LaunchTemplateData', false),
        { count: 1 },
      ),
      expect(
        ALL,
        kind('eks-node-group'),
        'update',
        `${SOURCE.eksNodeGroupLaunchTemplate}; the group follows the template's latest version (Pulumi: recorded as latestVersion)`,
        {
          count: 1,
          says: /replaces every node/,
        },
      ),
    ],
  },
  {
    id: 'kms-window',
    title: 'the key deletion window: the key updated in place',
    issues: ['21'],
    after: (spec) => {
      spec.cluster.secretsEncryption.keyDeletionWindowDays = 14;
    },
    expect: [
      expect(ALL, kind('kms-key'), 'update', SOURCE.cfnSpec('AWS::KMS::Key', 'PendingWindowInDays', false), {
        count: 1,
      }),
    ],
  },
];
