/** The cluster: endpoint exposure, secrets encryption, control-plane logs, the Kubernetes version. */
import { isUnknown, type Value } from '../../model/value.js';
import type { PolicyInput, PolicyRule, RuleOutcome } from '../model.js';
import { cdkNag, checkov, fail, isWorld, kics, ok, show, trivy, unknown } from './helpers.js';

const CONTROL_PLANE_LOG_TYPES = ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'];

/** The cluster's resource and its observed settings, or nothing to judge. */
function cluster(input: PolicyInput) {
  const resource = input.resourceFor('cluster');
  const observed = input.observed.cluster;
  return resource && observed ? { resource, observed } : undefined;
}

function listOrUnknown(value: Value): string[] | undefined {
  if (isUnknown(value) || !Array.isArray(value)) return undefined;
  if (value.some((item) => typeof item !== 'string')) return undefined;
  return value as string[];
}

export const publicEndpointOpen: PolicyRule = {
  id: 'eks-public-endpoint-open',
  title: 'EKS public endpoint open to the whole internet',
  severity: 'critical',
  rationale:
    "With the public endpoint on and 0.0.0.0/0 allowed (EKS's default when no CIDRs are given), anyone on the internet can reach the Kubernetes API server; only authentication stands in the way. Turn the public endpoint off and reach the API through the private endpoint, or list the CIDRs that may reach it.",
  reads: ['cluster.endpointPublicAccess', 'cluster.publicAccessCidrs (EKS default 0.0.0.0/0)'],
  equivalents: {
    checkov: [
      checkov.tf('CKV_AWS_38', 'EKSPublicAccessCIDR.py'),
      checkov.cfn('CKV_AWS_38', 'EKSPublicAccessCIDR.py'),
    ],
    trivy: [trivy('AVD-AWS-0041', 'cloud/aws/eks/no_public_cluster_access_to_cidr.rego')],
    kics: [kics('61cf9883-1752-4768-b18c-0d57f2737709', 'terraform/aws/eks_cluster_has_public_access_cidrs')],
    cdkNag: [
      cdkNag(
        'AwsSolutions-EKS1',
        'eks/EKSClusterNoEndpointPublicAccess.ts',
        'stricter: any public access fails, whatever the CIDRs',
      ),
    ],
  },
  fix: {
    'cdk-l2':
      'eks.Cluster `endpointAccess: eks.EndpointAccess.PUBLIC_AND_PRIVATE.onlyFrom("203.0.113.0/24")`, or `EndpointAccess.PRIVATE`',
    'cdk-l1': 'CfnCluster `resourcesVpcConfig.publicAccessCidrs: [...]`, or `endpointPublicAccess: false`',
    cloudformation:
      '`ResourcesVpcConfig.PublicAccessCidrs: [203.0.113.0/24]`, or `EndpointPublicAccess: false`',
    'infra-terraform':
      '`vpc_config { public_access_cidrs = ["203.0.113.0/24"] }`, or `endpoint_public_access = false`',
    cdktf: 'EksCluster `vpcConfig: { publicAccessCidrs: [...] }`, or `endpointPublicAccess: false`',
    pulumi: 'aws.eks.Cluster `vpcConfig: { publicAccessCidrs: [...] }`, or `endpointPublicAccess: false`',
  },
  helpUri: 'https://docs.aws.amazon.com/eks/latest/userguide/cluster-endpoint.html',
  check(input) {
    const found = cluster(input);
    if (!found) return [];
    const { resource, observed } = found;
    if (isUnknown(observed.endpointPublicAccess))
      return [unknown(resource, 'whether the public endpoint is on is known only after deploy')];
    if (observed.endpointPublicAccess !== true) return [ok(resource, 'public endpoint off')];
    const cidrs = listOrUnknown(observed.publicAccessCidrs);
    if (!cidrs) return [unknown(resource, `public access CIDRs ${show(observed.publicAccessCidrs)}`)];
    const world = cidrs.filter(isWorld);
    return world.length > 0
      ? [fail(resource, `the public endpoint admits ${world.join(', ')}`)]
      : [ok(resource, `public endpoint limited to ${cidrs.join(', ')}`)];
  },
};

export const secretsEncryption: PolicyRule = {
  id: 'eks-secrets-encryption',
  title: 'EKS secrets not envelope-encrypted with a KMS key',
  severity: 'high',
  rationale:
    'Kubernetes Secrets are stored in etcd; envelope encryption with a customer KMS key adds a key you control (and can audit and revoke) on top of the encryption EKS applies to its volumes.',
  reads: ['cluster.secretsEncryption (EncryptionConfig resources)'],
  equivalents: {
    checkov: [
      checkov.tf('CKV_AWS_58', 'EKSSecretsEncryption.py'),
      checkov.cfn('CKV_AWS_58', 'EKSSecretsEncryption.py'),
    ],
    trivy: [trivy('AVD-AWS-0039', 'cloud/aws/eks/encrypt_secrets.rego')],
    kics: [kics('63ebcb19-2739-4d3f-aa5c-e8bbb9b85281', 'terraform/aws/eks_cluster_encryption_disabled')],
    cdkNag: [],
  },
  fix: {
    'cdk-l2': 'eks.Cluster `secretsEncryptionKey: key`',
    'cdk-l1': 'CfnCluster `encryptionConfig: [{ provider: { keyArn }, resources: ["secrets"] }]`',
    cloudformation: '`EncryptionConfig: [{Provider: {KeyArn: !GetAtt Key.Arn}, Resources: [secrets]}]`',
    'infra-terraform':
      '`encryption_config { provider { key_arn = aws_kms_key.this.arn } resources = ["secrets"] }`',
    cdktf: 'EksCluster `encryptionConfig: { provider: { keyArn }, resources: ["secrets"] }`',
    pulumi: 'aws.eks.Cluster `encryptionConfig: { provider: { keyArn }, resources: ["secrets"] }`',
  },
  helpUri: 'https://docs.aws.amazon.com/eks/latest/userguide/envelope-encryption.html',
  check(input) {
    const found = cluster(input);
    if (!found) return [];
    const resources = listOrUnknown(found.observed.secretsEncryption);
    if (!resources) return [unknown(found.resource, 'the encrypted resources are known only after deploy')];
    return resources.includes('secrets')
      ? [ok(found.resource)]
      : [fail(found.resource, 'no EncryptionConfig covers `secrets`')];
  },
};

export const controlPlaneLogging: PolicyRule = {
  id: 'eks-control-plane-logging',
  title: 'EKS control-plane log types not all enabled',
  severity: 'medium',
  rationale:
    'The api, audit, authenticator, controllerManager and scheduler logs are the only record of who did what to the cluster and why the control plane behaved as it did; EKS sends none unless asked.',
  reads: ['cluster.logging (enabled log types)'],
  equivalents: {
    checkov: [
      checkov.tf('CKV_AWS_37', 'EKSControlPlaneLogging.py'),
      checkov.cfn('CKV_AWS_37', 'EKSControlPlaneLogging.py'),
    ],
    trivy: [trivy('AVD-AWS-0038', 'cloud/aws/eks/enable_control_plane_logging.rego')],
    kics: [kics('37304d3f-f852-40b8-ae3f-725e87a7cedf', 'terraform/aws/eks_cluster_log_disabled')],
    cdkNag: [cdkNag('AwsSolutions-EKS2', 'eks/EKSClusterControlPlaneLogs.ts')],
  },
  fix: {
    'cdk-l2':
      'eks.Cluster `clusterLogging: [eks.ClusterLoggingTypes.API, AUDIT, AUTHENTICATOR, CONTROLLER_MANAGER, SCHEDULER]`',
    'cdk-l1': 'CfnCluster `logging: { clusterLogging: { enabledTypes: [{ type: "api" }, …] } }`',
    cloudformation: '`Logging: {ClusterLogging: {EnabledTypes: [{Type: api}, {Type: audit}, …]}}`',
    'infra-terraform':
      '`enabled_cluster_log_types = ["api", "audit", "authenticator", "controllerManager", "scheduler"]`',
    cdktf: 'EksCluster `enabledClusterLogTypes: [...]`',
    pulumi: 'aws.eks.Cluster `enabledClusterLogTypes: [...]`',
  },
  helpUri: 'https://docs.aws.amazon.com/eks/latest/userguide/control-plane-logs.html',
  check(input) {
    const found = cluster(input);
    if (!found) return [];
    const types = listOrUnknown(found.observed.logging);
    if (!types) return [unknown(found.resource, 'the enabled log types are known only after deploy')];
    const missing = CONTROL_PLANE_LOG_TYPES.filter((type) => !types.includes(type));
    return missing.length === 0
      ? [ok(found.resource)]
      : [fail(found.resource, `log types not enabled: ${missing.join(', ')}`)];
  },
};

/**
 * End of standard support per EKS minor version: 14 months after EKS released it
 * (docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html; dates from the EKS release
 * calendar as listed on endoflife.date/amazon-eks). Append a version when EKS releases it.
 */
export const EKS_STANDARD_SUPPORT_END: Readonly<Record<string, string>> = {
  '1.29': '2025-03-23',
  '1.30': '2025-07-23',
  '1.31': '2025-11-26',
  '1.32': '2026-03-23',
  '1.33': '2026-07-29',
  '1.34': '2026-12-02',
  '1.35': '2027-03-27',
};

function minor(version: string): number | undefined {
  const match = /^1\.(\d+)$/.exec(version);
  return match ? Number(match[1]) : undefined;
}

/** The date a version leaves standard support, or a bound: a newer version leaves it no earlier than the newest dated one. */
export function standardSupportEnd(version: string): { date: string; exact: boolean } | undefined {
  const exact = EKS_STANDARD_SUPPORT_END[version];
  if (exact) return { date: exact, exact: true };
  const wanted = minor(version);
  if (wanted === undefined) return undefined;
  const newest = Object.keys(EKS_STANDARD_SUPPORT_END)
    .map((known) => [known, minor(known)!] as const)
    .sort((a, b) => b[1] - a[1])[0]!;
  return wanted > newest[1] ? { date: EKS_STANDARD_SUPPORT_END[newest[0]]!, exact: false } : undefined;
}

/** The day rules judge dates on: set by the caller (tests pin it), else today (UTC). */
export function versionRule(asOf: () => string): PolicyRule {
  return {
    id: 'eks-version-standard-support',
    title: 'EKS Kubernetes version past standard support',
    severity: 'medium',
    rationale:
      'A minor version gets 14 months of standard support on EKS, then 12 months of extended support at an extra cost per cluster hour, then an automatic upgrade. A version past standard support gets fixes only as long as someone pays for them.',
    reads: ['cluster.version', 'the EKS release calendar (EKS_STANDARD_SUPPORT_END)'],
    equivalents: {
      checkov: [
        checkov.tf(
          'CKV_AWS_339',
          'EKSPlatformVersion.py',
          'Terraform only; its list of supported versions is fixed in the check, not a date',
        ),
      ],
      trivy: [],
      kics: [],
      cdkNag: [],
    },
    fix: {
      'cdk-l2': 'eks.Cluster `version: eks.KubernetesVersion.V1_35` (one minor version at a time)',
      'cdk-l1': 'CfnCluster `version: "1.35"`',
      cloudformation: '`Version: "1.35"` (one minor version per update)',
      'infra-terraform': '`version = "1.35"` on aws_eks_cluster (one minor version per apply)',
      cdktf: 'EksCluster `version: "1.35"`',
      pulumi: 'aws.eks.Cluster `version: "1.35"`',
    },
    helpUri: 'https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html',
    check(input): RuleOutcome[] {
      const found = cluster(input);
      if (!found) return [];
      const version = found.observed.version;
      if (typeof version !== 'string') return [unknown(found.resource, `version ${show(version)}`)];
      const end = standardSupportEnd(version);
      if (!end) return [unknown(found.resource, `no standard-support date known for ${version}`)];
      const today = asOf();
      if (today < end.date)
        return [
          ok(
            found.resource,
            `${version} is in standard support until ${end.exact ? '' : 'at least '}${end.date}`,
          ),
        ];
      return end.exact
        ? [fail(found.resource, `${version} left standard support on ${end.date}`)]
        : [
            unknown(
              found.resource,
              `${version}: no standard-support date recorded past ${end.date}; add it to the calendar`,
            ),
          ];
    },
  };
}
