/** Managed node groups: IMDSv2, the metadata hop limit, private placement, encrypted volumes. */
import type { Value } from '../../model/value.js';
import type { ObservedLaunchTemplate } from '../../observe/model.js';
import type { PolicyInput, PolicyResource, PolicyRule, RuleOutcome } from '../model.js';
import { cdkNag, checkov, fail, kics, ok, show, trivy, unknown } from './helpers.js';

interface NodeGroupView {
  readonly name: string;
  readonly group: PolicyResource;
  /** Where a launch-template setting is fixed: the template, else the node group. */
  readonly template: PolicyResource;
  readonly launchTemplate: ObservedLaunchTemplate | null;
  readonly subnets: Value;
}

function nodeGroups(input: PolicyInput): NodeGroupView[] {
  return Object.entries(input.observed.nodeGroups).flatMap(([name, observed]) => {
    const group = input.resourceFor(`nodeGroup[${name}]`);
    if (!group) return [];
    const template = input.resourceFor(`launchTemplate[${name}]`) ?? group;
    return [{ name, group, template, launchTemplate: observed.launchTemplate, subnets: observed.subnets }];
  });
}

/** Without a launch template EKS applies its own, whose metadata options iac-compare does not assume. */
const NO_TEMPLATE = 'no launch template: EKS applies its own, whose settings are not in the code';

export const imdsv2Required: PolicyRule = {
  id: 'nodes-imdsv2-required',
  title: 'Nodes do not require IMDSv2',
  severity: 'high',
  rationale:
    "IMDSv1 answers any GET from the node, so a server-side request forgery in any pod can read the node role's credentials. IMDSv2 requires a session token obtained with a PUT, which such requests cannot make.",
  reads: ['nodeGroup[].launchTemplate.httpTokens (MetadataOptions.HttpTokens)'],
  equivalents: {
    checkov: [checkov.tf('CKV_AWS_79', 'IMDSv1Disabled.py'), checkov.cfn('CKV_AWS_79', 'IMDSv1Disabled.py')],
    trivy: [
      trivy(
        'AVD-AWS-0130',
        'cloud/aws/ec2/as_enforce_http_token_imds.rego',
        'launch configurations and launch templates',
      ),
    ],
    kics: [
      kics('c306ac53-ee5b-41d3-86a9-0fd2722b4e67', 'terraform/aws/instance_uses_metadata_service_IMDSv1'),
    ],
    cdkNag: [],
  },
  fix: {
    'cdk-l2': 'ec2.LaunchTemplate `requireImdsv2: true`, given to the node group as `launchTemplateSpec`',
    'cdk-l1': 'CfnLaunchTemplate `launchTemplateData.metadataOptions.httpTokens: "required"`',
    cloudformation: '`LaunchTemplateData: {MetadataOptions: {HttpTokens: required}}`',
    'infra-terraform': 'aws_launch_template `metadata_options { http_tokens = "required" }`',
    cdktf: 'LaunchTemplate `metadataOptions: { httpTokens: "required" }`',
    pulumi: 'aws.ec2.LaunchTemplate `metadataOptions: { httpTokens: "required" }`',
  },
  helpUri: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-IMDS-existing-instances.html',
  check(input) {
    return nodeGroups(input).map((view): RuleOutcome => {
      if (!view.launchTemplate) return unknown(view.group, NO_TEMPLATE);
      const tokens = view.launchTemplate.httpTokens;
      if (tokens === 'required') return ok(view.template);
      if (typeof tokens !== 'string' && tokens !== null)
        return unknown(view.template, `http tokens ${show(tokens)}`);
      return fail(
        view.template,
        `node group ${view.name}: IMDS http tokens ${tokens ?? 'optional (the default)'}`,
      );
    });
  },
};

export const imdsHopLimit: PolicyRule = {
  id: 'nodes-imds-hop-limit',
  title: 'Node metadata hop limit above 1',
  severity: 'low',
  rationale:
    "A hop limit of 1 keeps IMDSv2 tokens on the node: a pod in its own network namespace is one hop further and cannot get one, so it cannot borrow the node role. Pods then take AWS credentials from EKS Pod Identity or IRSA. A limit of 2 (EKS's own launch template's) lets every pod reach the node's credentials.",
  reads: ['nodeGroup[].launchTemplate.httpPutResponseHopLimit'],
  equivalents: {
    checkov: [checkov.tf('CKV_AWS_341', 'LaunchTemplateMetadataHop.py', 'Terraform only')],
    trivy: [],
    kics: [],
    cdkNag: [],
  },
  fix: {
    'cdk-l2': 'ec2.LaunchTemplate `httpPutResponseHopLimit: 1`',
    'cdk-l1': 'CfnLaunchTemplate `metadataOptions.httpPutResponseHopLimit: 1`',
    cloudformation: '`MetadataOptions: {HttpPutResponseHopLimit: 1}`',
    'infra-terraform': '`metadata_options { http_put_response_hop_limit = 1 }`',
    cdktf: 'LaunchTemplate `metadataOptions: { httpPutResponseHopLimit: 1 }`',
    pulumi: 'aws.ec2.LaunchTemplate `metadataOptions: { httpPutResponseHopLimit: 1 }`',
  },
  helpUri: 'https://docs.aws.amazon.com/eks/latest/best-practices/identity-and-access-management.html',
  check(input) {
    return nodeGroups(input).map((view): RuleOutcome => {
      if (!view.launchTemplate) return unknown(view.group, NO_TEMPLATE);
      const hops = view.launchTemplate.httpPutResponseHopLimit;
      // EC2's default when the template leaves it out is 1.
      if (hops === null || hops === 1) return ok(view.template);
      if (typeof hops !== 'number') return unknown(view.template, `hop limit ${show(hops)}`);
      return fail(view.template, `node group ${view.name}: metadata hop limit ${hops}`);
    });
  },
};

export const privateSubnetsOnly: PolicyRule = {
  id: 'nodes-private-subnets',
  title: 'Node group placed in a public subnet',
  severity: 'high',
  rationale:
    'Nodes in a subnet routed to the internet gateway are one security-group mistake away from the internet, and with public IPs on launch they are addressable from it. Nodes belong in private subnets that reach out through NAT or VPC endpoints.',
  reads: ['nodeGroup[].subnets (the subnet tiers observe assigns: default route, ELB role tag, public IPs)'],
  equivalents: {
    checkov: [],
    trivy: [],
    kics: [],
    cdkNag: [],
  },
  fix: {
    'cdk-l2': 'cluster.addNodegroupCapacity `subnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }`',
    'cdk-l1': 'CfnNodegroup `subnets: [the private subnets]`',
    cloudformation: '`Subnets: [the private subnets]` on AWS::EKS::Nodegroup',
    'infra-terraform': 'aws_eks_node_group `subnet_ids = module.network.private_subnet_ids`',
    cdktf: 'EksNodeGroup `subnetIds: [the private subnets]`',
    pulumi: 'aws.eks.NodeGroup `subnetIds: [the private subnets]`',
  },
  helpUri: 'https://docs.aws.amazon.com/eks/latest/best-practices/subnets.html',
  check(input) {
    return nodeGroups(input).map((view): RuleOutcome => {
      if (!Array.isArray(view.subnets)) return unknown(view.group, `subnets ${show(view.subnets)}`);
      const keys = view.subnets.map(String);
      const unplaced = keys.filter((key) => key.startsWith('?'));
      const publicOnes = keys.filter((key) => key.startsWith('public/'));
      if (publicOnes.length > 0)
        return fail(view.group, `node group ${view.name} runs in ${publicOnes.join(', ')}`);
      if (unplaced.length > 0) return unknown(view.group, `subnets of unknown tier: ${unplaced.join(', ')}`);
      return ok(view.group);
    });
  },
};

export const encryptedVolumes: PolicyRule = {
  id: 'nodes-encrypted-volumes',
  title: 'Node volumes not encrypted',
  severity: 'medium',
  rationale:
    "A node's root volume holds container images, logs and emptyDir data. Unencrypted, it and its snapshots are readable by anyone who gets hold of them; an encrypted block device mapping in the launch template makes encryption part of the code rather than an account default.",
  reads: ['nodeGroup[].launchTemplate.volume.encrypted (BlockDeviceMappings[].Ebs.Encrypted)'],
  equivalents: {
    checkov: [
      checkov.cfn(
        'CKV_AWS_8',
        'LaunchConfigurationEBSEncryption.py',
        'launch configurations only; not launch templates',
      ),
    ],
    trivy: [
      trivy(
        'AVD-AWS-0008',
        'cloud/aws/ec2/as_enable_at_rest_encryption.rego',
        'launch configurations only; not launch templates',
      ),
    ],
    kics: [],
    cdkNag: [
      cdkNag(
        'AwsSolutions-EC26',
        'ec2/EC2EBSVolumeEncrypted.ts',
        'AWS::EC2::Volume only; not applicable to launch templates',
      ),
    ],
  },
  fix: {
    'cdk-l2':
      'ec2.LaunchTemplate `blockDevices: [{ deviceName, volume: ec2.BlockDeviceVolume.ebs(50, { encrypted: true }) }]`',
    'cdk-l1': 'CfnLaunchTemplate `blockDeviceMappings: [{ ebs: { encrypted: true } }]`',
    cloudformation: '`BlockDeviceMappings: [{Ebs: {Encrypted: true}}]`',
    'infra-terraform': '`block_device_mappings { ebs { encrypted = true } }`',
    cdktf: 'LaunchTemplate `blockDeviceMappings: [{ ebs: { encrypted: "true" } }]`',
    pulumi: 'aws.ec2.LaunchTemplate `blockDeviceMappings: [{ ebs: { encrypted: "true" } }]`',
  },
  helpUri: 'https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html',
  check(input) {
    return nodeGroups(input).map((view): RuleOutcome => {
      if (!view.launchTemplate) return unknown(view.group, NO_TEMPLATE);
      const volume = view.launchTemplate.volume;
      if (!volume)
        return fail(
          view.template,
          `node group ${view.name}: no block device mapping, so the AMI's unencrypted default`,
        );
      if (volume.encrypted === true) return ok(view.template);
      if (volume.encrypted === false || volume.encrypted === null)
        return fail(
          view.template,
          `node group ${view.name}: volume ${show(volume.deviceName)} not encrypted`,
        );
      return unknown(view.template, `encrypted ${show(volume.encrypted)}`);
    });
  },
};
