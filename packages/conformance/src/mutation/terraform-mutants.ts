/** Mutants of Terraform HCL (infra-terraform) and CDK for Terraform (the catalogue's rules are in mutants.ts). */
import { type Mutant, NODE_GROUPS, withoutNat } from './mutant.js';

const TF_NETWORK = 'modules/network/main.tf';
const TF_EKS = 'modules/eks/main.tf';
const CDKTF_NETWORK = 'src/network.ts';
const CDKTF_CLUSTER = 'src/cluster.ts';

export const TERRAFORM_MUTANTS: readonly Mutant[] = [
  // ---- Terraform HCL ----------------------------------------------------------------------
  {
    id: 'infra-terraform-private-subnet-public-ip',
    implementation: 'infra-terraform',
    description: 'the first private subnet maps public IPs on launch',
    ci: true,
    edits: [
      {
        file: TF_NETWORK,
        find: 'map_public_ip_on_launch = each.value.tier == "public"',
        replace:
          'map_public_ip_on_launch = each.value.tier == "public" || each.key == "private-${var.availability_zones[0]}"',
      },
    ],
    expect: [/^fact subnet\[private\/eu-west-1a\]\.mapPublicIpOnLaunch differs$/],
  },
  {
    id: 'infra-terraform-desired-size-reverted',
    implementation: 'infra-terraform',
    description: 'ignore_changes on desired_size removed: every apply undoes the autoscaler',
    edits: [
      {
        file: TF_EKS,
        find: '    ignore_changes = [scaling_config[0].desired_size]\n',
        replace: '',
      },
    ],
    expect: [new RegExp(`^fact nodeGroup\\[${NODE_GROUPS}\\]\\.desiredSizeDrift differs$`)],
  },
  {
    id: 'infra-terraform-node-group-destroy-first',
    implementation: 'infra-terraform',
    description: 'create_before_destroy removed from the node groups',
    ci: true,
    edits: [
      {
        file: TF_EKS,
        find: '  lifecycle {\n    create_before_destroy = true\n    # The cluster autoscaler',
        replace: '  lifecycle {\n    # The cluster autoscaler',
      },
    ],
    expect: [new RegExp(`^fact nodeGroup\\[${NODE_GROUPS}\\]\\.replacement differs$`)],
  },
  {
    id: 'infra-terraform-launch-template-prefix-too-long',
    implementation: 'infra-terraform',
    description: 'a launch template name_prefix past the provider limit of 99 characters',
    edits: [
      {
        file: TF_EKS,
        find: 'name_prefix = "${substr("${var.cluster.name}-${each.key}", 0, 98)}-"',
        replace: 'name_prefix = "${join("-", [for i in range(7) : var.cluster.name])}-${each.key}-"',
      },
    ],
    expect: [/^rejected terraform\.aws_launch_template\.name_prefix$/],
  },
  {
    id: 'infra-terraform-nodes-before-endpoints',
    implementation: 'infra-terraform',
    description: 'without NAT, node groups no longer wait for the VPC endpoints',
    target: withoutNat,
    edits: [
      {
        file: TF_NETWORK.replace('main.tf', 'outputs.tf'),
        find: ', aws_vpc_endpoint.s3, aws_vpc_endpoint.interface]',
        replace: ']',
      },
    ],
    expect: [new RegExp(`^fact nodeGroup\\[${NODE_GROUPS}\\]\\.waitsForPrivateEgress differs$`)],
  },
  {
    id: 'infra-terraform-owner-tag-dropped',
    implementation: 'infra-terraform',
    description: "the provider's default tags drop the owner tag",
    edits: [
      {
        file: 'providers.tf',
        find: 'tags = var.tags',
        replace: 'tags = { for key, value in var.tags : key => value if key != "owner" }',
      },
    ],
    expect: [/^fact \S+\.(tags|eipTags) differs$/],
  },
  {
    id: 'infra-terraform-stray-topic',
    implementation: 'infra-terraform',
    description: 'an SNS topic the spec never asked for',
    edits: [
      {
        file: TF_EKS,
        find: 'data "aws_partition" "current" {}\n',
        replace: 'data "aws_partition" "current" {}\n\nresource "aws_sns_topic" "stray" {}\n',
      },
    ],
    expect: [/^unaccounted aws_sns_topic$/],
  },
  {
    id: 'infra-terraform-ssh-open',
    implementation: 'infra-terraform',
    description: 'a security group open to the world on port 22',
    edits: [
      {
        file: TF_NETWORK,
        find: 'resource "aws_internet_gateway" "this" {',
        replace: `resource "aws_security_group" "ssh" {
  vpc_id = aws_vpc.this.id

  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_internet_gateway" "this" {`,
      },
    ],
    expect: [/^unaccounted aws_security_group$/],
  },
  {
    id: 'infra-terraform-one-nat-for-all',
    implementation: 'infra-terraform',
    description: 'every private route to the first AZ’s NAT gateway',
    edits: [
      {
        file: TF_NETWORK,
        find: 'nat_gateway_id         = aws_nat_gateway.this[each.value].id',
        replace: 'nat_gateway_id         = aws_nat_gateway.this[var.availability_zones[0]].id',
      },
    ],
    expect: [/^fact subnet\[private\/eu-west-1[bc]\]\.defaultRoute differs$/],
  },
  {
    id: 'infra-terraform-taint-effect',
    implementation: 'infra-terraform',
    description: 'every taint NO_EXECUTE whatever the spec says',
    edits: [{ file: TF_EKS, find: 'effect = taint.value.effect', replace: 'effect = "NO_EXECUTE"' }],
    expect: [/^fact nodeGroup\[system\]\.taints differs$/],
  },
  {
    id: 'infra-terraform-launch-template-untagged',
    implementation: 'infra-terraform',
    description: 'the launch templates never tag what they launch',
    edits: [
      {
        file: TF_EKS,
        find: 'for_each = length(var.tags) > 0 ? toset(each.value.propagate_tags_to) : toset([])',
        replace: 'for_each = toset([])',
      },
    ],
    expect: [new RegExp(`^fact nodeGroup\\[${NODE_GROUPS}\\]\\.launchTemplate\\.tagSpecifications differs$`)],
  },
  {
    id: 'infra-terraform-log-group-after-cluster',
    implementation: 'infra-terraform',
    description: 'the cluster no longer waits for its log group',
    edits: [{ file: TF_EKS, find: '    aws_cloudwatch_log_group.this,\n', replace: '' }],
    expect: [/^fact logGroup\.createdBeforeCluster differs$/],
  },
  {
    id: 'infra-terraform-default-sg-open',
    implementation: 'infra-terraform',
    description: 'the default security group never adopted',
    edits: [
      {
        file: TF_NETWORK,
        find: 'count = var.restrict_default_security_group ? 1 : 0',
        replace: 'count = 0',
      },
    ],
    expect: [/^fact vpc\.restrictDefaultSecurityGroup differs$/],
  },

  // ---- CDK for Terraform ------------------------------------------------------------------
  {
    id: 'cdktf-node-group-destroy-first',
    implementation: 'cdktf',
    description: 'create_before_destroy off on the node groups',
    ci: true,
    edits: [
      {
        file: CDKTF_CLUSTER,
        find: 'createBeforeDestroy: true,\n          ignoreChanges',
        replace: 'createBeforeDestroy: false,\n          ignoreChanges',
      },
    ],
    expect: [new RegExp(`^fact nodeGroup\\[${NODE_GROUPS}\\]\\.replacement differs$`)],
  },
  {
    id: 'cdktf-nodes-before-routes',
    implementation: 'cdktf',
    description: 'node groups no longer wait for the NAT routes',
    edits: [
      {
        file: CDKTF_CLUSTER,
        find: 'dependsOn: [...nodeAttachments, ...beforeNodes, ...privateEgress],',
        replace: 'dependsOn: [...nodeAttachments, ...beforeNodes],',
      },
    ],
    expect: [new RegExp(`^fact nodeGroup\\[${NODE_GROUPS}\\]\\.waitsForPrivateEgress differs$`)],
  },
  {
    id: 'cdktf-disk-size',
    implementation: 'cdktf',
    description: 'node volumes hard-coded to 20 GiB',
    edits: [
      {
        file: CDKTF_CLUSTER,
        find: 'volumeSize: group.launchTemplate.volume.sizeGiB,',
        replace: 'volumeSize: 20,',
      },
    ],
    expect: [new RegExp(`^fact nodeGroup\\[${NODE_GROUPS}\\]\\.launchTemplate\\.volume differs$`)],
  },
  {
    id: 'cdktf-instance-types',
    implementation: 'cdktf',
    description: 'instance types hard-coded',
    edits: [
      {
        file: CDKTF_CLUSTER,
        find: 'instanceTypes: [...group.instanceTypes],',
        replace: "instanceTypes: ['t3.medium'],",
      },
    ],
    expect: [new RegExp(`^fact nodeGroup\\[${NODE_GROUPS}\\]\\.instanceTypes differs$`)],
  },
  {
    id: 'cdktf-launch-template-prefix-too-long',
    implementation: 'cdktf',
    description: 'a launch template name_prefix past the provider limit of 99 characters',
    ci: true,
    edits: [
      {
        file: CDKTF_CLUSTER,
        find: 'namePrefix: `${`${c.name}-${group.name}`.slice(0, 98)}-`,',
        replace: 'namePrefix: `${c.name.repeat(7)}-${group.name}-`,',
      },
    ],
    expect: [/^rejected terraform\.aws_launch_template\.name_prefix$/],
  },
  {
    id: 'cdktf-stray-queue',
    implementation: 'cdktf',
    description: 'an SQS queue the spec never asked for',
    edits: [
      {
        file: CDKTF_NETWORK,
        find: "import { Vpc } from '@cdktf/provider-aws/lib/vpc/index.js';",
        replace:
          "import { Vpc } from '@cdktf/provider-aws/lib/vpc/index.js';\nimport { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue/index.js';",
      },
      {
        file: CDKTF_NETWORK,
        find: 'const name = infra.name;',
        replace: "const name = infra.name;\n    new SqsQueue(this, 'stray', {});",
      },
    ],
    expect: [/^unaccounted aws_sqs_queue$/],
  },
  {
    id: 'cdktf-view-policy',
    implementation: 'cdktf',
    description: 'access entries get the view policy instead of the one the spec names',
    edits: [
      {
        file: CDKTF_CLUSTER,
        find: 'policyArn: `arn:${partition}:eks::aws:cluster-access-policy/${policy.policy}`,',
        replace: 'policyArn: `arn:${partition}:eks::aws:cluster-access-policy/AmazonEKSViewPolicy`,',
      },
    ],
    expect: [/^fact accessEntry\[[^\]]+\]\.policies differs$/],
  },
];
