import { describe, expect, it } from 'vitest';
import { SpecError } from '../src/errors.js';
import { parseTarget, validateTarget } from '../src/validate.js';
import { defaultInput, withEdit } from './helpers.js';

type Raw = any;

/** One invalid input per rule: the edit, the path the problem must name, and words its message must hold. */
// biome-ignore format: one rule per line reads as a table
const RULES: [string, (input: Raw) => void, string, RegExp][] = [
  ['malformed VPC CIDR', (t) => { t.network.cidr = '10.0.0/16'; }, 'network.cidr', /not an IPv4 CIDR/],
  ['VPC CIDR with an octet over 255', (t) => { t.network.cidr = '10.300.0.0/16'; }, 'network.cidr', /not an IPv4 CIDR/],
  ['VPC CIDR with host bits', (t) => { t.network.cidr = '10.40.0.1/16'; }, 'network.cidr', /host bits/],
  ['VPC prefix too large', (t) => { t.network.cidr = '10.0.0.0/8'; }, 'network.cidr', /\/16 to \/28/],
  ['VPC prefix too small', (t) => { t.network.cidr = '10.0.0.0/29'; }, 'network.cidr', /\/16 to \/28/],
  ['tiers do not fit', (t) => { t.network.cidr = '10.40.0.0/18'; }, 'network.subnets.private', /needs 24576 addresses.*no room left/],
  ['subnet prefix outside /16–/28', (t) => { t.network.subnets.public.prefixLength = 29; }, 'network.subnets.public.prefixLength', /\/16 to \/28/],
  ['explicit tier block outside the VPC', (t) => { t.network.subnets.intra.cidr = '10.41.0.0/22'; }, 'network.subnets.intra.cidr', /not inside the VPC/],
  ['explicit tier blocks overlap', (t) => { t.network.subnets.public.cidr = '10.40.0.0/22'; t.network.subnets.intra.cidr = '10.40.0.0/22'; }, 'network.subnets.intra.cidr', /overlaps the public tier/],
  ['explicit tier block too small', (t) => { t.network.subnets.intra.cidr = '10.40.200.0/24'; }, 'network.subnets.intra.cidr', /needs 768/],
  ['empty AZ list', (t) => { t.availabilityZones = []; }, 'availabilityZones', /at least two/],
  ['a single AZ', (t) => { t.availabilityZones = ['eu-west-1a']; }, 'availabilityZones', /at least two/],
  ['duplicated AZ', (t) => { t.availabilityZones = ['eu-west-1a', 'eu-west-1a']; }, 'availabilityZones', /more than once/],
  ['AZ outside the region', (t) => { t.availabilityZones = ['eu-west-1a', 'eu-west-2b']; }, 'availabilityZones[1]', /not an availability zone of eu-west-1/],
  ['unknown region', (t) => { t.region = 'eu-west-7'; }, 'region', /unknown region "eu-west-7" \(did you mean "eu-west-1"\?\)/],
  ['cluster name with a bad first character', (t) => { t.cluster.name = '_demo'; }, 'cluster.name', /not a valid EKS cluster name/],
  ['cluster name too long', (t) => { t.cluster.name = 'a'.repeat(101); }, 'cluster.name', /1-100/],
  ['unsupported Kubernetes version', (t) => { t.cluster.version = '1.29'; }, 'cluster.version', /"1\.37"/],
  ['duplicate node group names', (t) => { t.nodeGroups[1].name = 'system'; }, 'nodeGroups', /"system" is used more than once/],
  ['no node groups', (t) => { t.nodeGroups = []; }, 'nodeGroups', /at least one/],
  ['min > desired', (t) => { t.nodeGroups[0].minSize = 3; }, 'nodeGroups[0].desiredSize', /minSize <= desiredSize <= maxSize/],
  ['desired > max', (t) => { t.nodeGroups[0].desiredSize = 5; }, 'nodeGroups[0].desiredSize', /got 2 <= 5 <= 4/],
  ['maxSize 0', (t) => { Object.assign(t.nodeGroups[0], { minSize: 0, desiredSize: 0, maxSize: 0 }); }, 'nodeGroups[0].maxSize', /at least 1/],
  ['fractional size', (t) => { t.nodeGroups[0].maxSize = 2.5; }, 'nodeGroups[0].maxSize', /whole number/],
  ['malformed instance type', (t) => { t.nodeGroups[0].instanceTypes = ['m7i-large']; }, 'nodeGroups[0].instanceTypes[0]', /not an EC2 instance type/],
  ['arm instance type on an x86 AMI', (t) => { t.nodeGroups[0].instanceTypes = ['m7g.large']; }, 'nodeGroups[0].instanceTypes[0]', /arm64 \(Graviton\)/],
  ['disk too small', (t) => { t.nodeGroups[0].diskSize = 8; }, 'nodeGroups[0].diskSize', /20 to 16384/],
  ['label key with a bad name', (t) => { t.nodeGroups[0].labels = { '-team': 'a' }; }, 'nodeGroups[0].labels["-team"]', /key name "-team"/],
  ['label key with a reserved prefix', (t) => { t.nodeGroups[0].labels = { 'kubernetes.io/role': 'a' }; }, 'nodeGroups[0].labels["kubernetes.io/role"]', /reserved/],
  ['label key with a bad prefix', (t) => { t.nodeGroups[0].labels = { 'Example.com/x': 'a' }; }, 'nodeGroups[0].labels["Example.com/x"]', /DNS subdomain/],
  ['label value too long', (t) => { t.nodeGroups[0].labels = { team: 'x'.repeat(64) }; }, 'nodeGroups[0].labels.team', /at most 63/],
  ['taint with an unknown effect', (t) => { t.nodeGroups[0].taints[0].effect = 'NoSchedule'; }, 'nodeGroups[0].taints[0].effect', /NO_SCHEDULE/],
  ['taint with a bad key', (t) => { t.nodeGroups[0].taints[0].key = 'a b'; }, 'nodeGroups[0].taints[0]', /taint key name/],
  ['duplicate taint', (t) => { t.nodeGroups[0].taints.push({ ...t.nodeGroups[0].taints[0] }); }, 'nodeGroups[0].taints', /more than once/],
  ['malformed public access CIDR', (t) => { t.cluster.endpoint.publicAccessCidrs = ['1.2.3.4']; }, 'cluster.endpoint.publicAccessCidrs[0]', /not an IPv4 CIDR/],
  ['private public-access CIDR', (t) => { t.cluster.endpoint.publicAccessCidrs = ['192.168.0.0/24']; }, 'cluster.endpoint.publicAccessCidrs[0]', /private range/],
  ['public CIDRs with public access off', (t) => { t.cluster.endpoint.publicAccess = false; }, 'cluster.endpoint.publicAccessCidrs', /publicAccess is false/],
  ['both endpoints off', (t) => { t.cluster.endpoint = { privateAccess: false, publicAccess: false }; }, 'cluster.endpoint', /private endpoint, the public one, or both/],
  ['unknown log type', (t) => { t.cluster.logging.types = ['api', 'audits']; }, 'cluster.logging.types[1]', /"audit"/],
  ['retention CloudWatch does not offer', (t) => { t.cluster.logging.retentionDays = 10; }, 'cluster.logging.retentionDays', /retention period/],
  ['too many tags', (t) => { t.tags = Object.fromEntries(Array.from({ length: 49 }, (_, i) => [`k${i}`, 'v'])); }, 'tags', /at most 48/],
  ['tag key too long', (t) => { t.tags = { ['k'.repeat(129)]: 'v' }; }, `tags.${'k'.repeat(129)}`, /1-128/],
  ['tag value too long', (t) => { t.tags = { team: 'v'.repeat(257) }; }, 'tags.team', /at most 256/],
  ['reserved aws: tag prefix', (t) => { t.tags = { 'AWS:owner': 'me' }; }, 'tags["AWS:owner"]', /reserved for AWS/],
  ['unknown top-level key', (t) => { t.netwrok = {}; }, 'netwrok', /did you mean "network"/],
  ['unknown nested key', (t) => { t.nodeGroups[0].instanceType = 'm7i.large'; }, 'nodeGroups[0].instanceType', /did you mean "instanceTypes"/],
  ['wrong type', (t) => { t.nodeGroups[0].minSize = '2'; }, 'nodeGroups[0].minSize', /must be a number, not the string "2"/],
  ['missing required field', (t) => { delete t.cluster.name; }, 'cluster.name', /required/],
  ['bad account', (t) => { t.account = '1234'; }, 'account', /12-digit/],
  ['bad target name', (t) => { t.name = 'Demo'; }, 'name', /lowercase/],
  ['node group name a prefix cannot hold', (t) => { t.nodeGroups[0].name = 'n'.repeat(37); }, 'nodeGroups[0].name', /at most 36.*node_group_name_prefix.*at most 37.*node_group\.go/],
  ['node group bigger than the EKS quota', (t) => { t.nodeGroups[0].maxSize = 451; }, 'nodeGroups[0].maxSize', /at most 450/],
  ['both update limits', (t) => { t.nodeGroups[0].update = { maxUnavailable: 1, maxUnavailablePercentage: 10 }; }, 'nodeGroups[0].update', /exactly one of maxUnavailable and maxUnavailablePercentage/],
  ['neither update limit', (t) => { t.nodeGroups[0].update = { force: true }; }, 'nodeGroups[0].update', /exactly one/],
  ['update percentage over 100', (t) => { t.nodeGroups[0].update = { maxUnavailablePercentage: 101 }; }, 'nodeGroups[0].update.maxUnavailablePercentage', /1 to 100/],
  ['maxUnavailable over maxSize', (t) => { t.nodeGroups[0].update = { maxUnavailable: 5 }; }, 'nodeGroups[0].update.maxUnavailable', /more than the group's maxSize 4/],
  ['tag target listed twice', (t) => { t.nodeGroups[0].propagateTagsTo = ['instance', 'instance']; }, 'nodeGroups[0].propagateTagsTo', /more than once/],
  ['unknown tag target', (t) => { t.nodeGroups[0].propagateTagsTo = ['instances']; }, 'nodeGroups[0].propagateTagsTo[0]', /"instance"/],
  ['unknown desired size drift', (t) => { t.nodeGroups[0].desiredSizeDrift = 'ignore'; }, 'nodeGroups[0].desiredSizeDrift', /"keep", "revert"/],
  ['unknown deletion behaviour', (t) => { t.cluster.secretsEncryption.onDelete = 'snapshot'; }, 'cluster.secretsEncryption.onDelete', /"delete", "retain"/],
  ['key deletion window too short', (t) => { t.cluster.secretsEncryption.keyDeletionWindowDays = 6; }, 'cluster.secretsEncryption.keyDeletionWindowDays', /7 to 30 days/],
  ['missing required add-on', (t) => { t.cluster.addons = [{ name: 'vpc-cni' }, { name: 'kube-proxy' }]; }, 'cluster.addons', /add coredns/],
  ['duplicate add-on', (t) => { t.cluster.addons.push({ name: 'coredns' }); }, 'cluster.addons', /more than once/],
  ['malformed add-on version', (t) => { t.cluster.addons[0].version = '1.19'; }, 'cluster.addons[0].version', /not an EKS add-on build/],
  ['add-on version without its -eksbuild.N build (review S1)', (t) => { t.cluster.addons[0].version = 'v1.19.2'; }, 'cluster.addons[0].version', /"v1\.19\.2" is not an EKS add-on build.*-eksbuild\.N suffix/],
  ['malformed principal ARN', (t) => { t.cluster.accessEntries[0].principalArn = 'platform-admin'; }, 'cluster.accessEntries[0].principalArn', /IAM role or user ARN/],
  ['system: Kubernetes group', (t) => { t.cluster.accessEntries[0].kubernetesGroups = ['system:masters']; }, 'cluster.accessEntries[0].kubernetesGroups[0]', /system:/],
  ['namespace scope without namespaces', (t) => { t.cluster.accessEntries[0].policies[0].scope = { type: 'namespace', namespaces: [] }; }, 'cluster.accessEntries[0].policies[0].scope.namespaces', /at least one namespace/],
  ['DNS hostnames without DNS support', (t) => { t.network.enableDnsSupport = false; }, 'network.enableDnsHostnames', /enableDnsSupport/],
  ['private endpoint without DNS hostnames', (t) => { t.network.enableDnsHostnames = false; }, 'network.enableDnsHostnames', /private endpoint needs/],
  ['no private endpoint and no NAT', (t) => { t.cluster.endpoint.privateAccess = false; t.network.natGateways = 'none'; }, 'cluster.endpoint.privateAccess', /Turn privateAccess on/],
];

describe('validateTarget', () => {
  it('accepts the default target', () => {
    const result = validateTarget(defaultInput());
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it.each(RULES)('rejects %s', (_name, edit, path, message) => {
    const result = validateTarget(withEdit(edit));
    expect(result.ok).toBe(false);
    const atPath = result.problems.filter((problem) => problem.path === path);
    expect(
      atPath.map((problem) => problem.message),
      `problems: ${JSON.stringify(result.problems)}`,
    ).toEqual(expect.arrayContaining([expect.stringMatching(message)]));
  });

  it('reports problems from every section at once, even when one section is malformed', () => {
    const result = validateTarget(
      withEdit((t: Raw) => {
        t.clustr = {};
        t.network.natGateways = 'sometimes';
        t.network.cidr = '10.40.0.1/16';
        t.cluster.version = '1.10';
        t.cluster.name = '-x';
        t.nodeGroups[0].taints[0].effect = 'bad';
        t.nodeGroups[0].instanceTypes = ['m7g.large'];
        t.nodeGroups[1].minSize = 9;
      }),
    );
    expect(result.problems.map((problem) => problem.path)).toEqual(
      expect.arrayContaining([
        'clustr',
        'network.natGateways',
        'network.cidr',
        'cluster.version',
        'cluster.name',
        'nodeGroups[0].taints[0].effect',
        'nodeGroups[0].instanceTypes[0]',
        'nodeGroups[1].desiredSize',
      ]),
    );
  });

  it('rejects what is not an object', () => {
    expect(validateTarget([1, 2]).problems[0]?.message).toMatch(/JSON object, not a list/);
    expect(validateTarget(null).problems[0]?.message).toMatch(/not null/);
  });

  it('fills in defaults', () => {
    const spec = parseTarget(
      withEdit((t: Raw) => {
        delete t.network.natGateways;
        delete t.cluster.logging;
        delete t.cluster.addons;
        delete t.nodeGroups[0].amiType;
      }),
    );
    expect(spec.network.natGateways).toBe('per-az');
    expect(spec.cluster.logging).toEqual({
      types: ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'],
      retentionDays: 90,
      onDelete: 'delete',
    });
    expect(spec.nodeGroups[0]?.update).toEqual({ maxUnavailablePercentage: 33, force: false });
    expect(spec.nodeGroups[0]?.propagateTagsTo).toEqual(['instance', 'volume']);
    expect(spec.nodeGroups[0]?.desiredSizeDrift).toBe('keep');
    expect(spec.network.restrictDefaultSecurityGroup).toBe(true);
    expect(spec.cluster.addons.map((addon) => addon.name)).toEqual([
      'vpc-cni',
      'kube-proxy',
      'coredns',
      'eks-pod-identity-agent',
    ]);
    expect(spec.nodeGroups[0]?.amiType).toBe('AL2023_x86_64_STANDARD');
  });

  it('parseTarget throws one SpecError carrying every problem, with the file name', () => {
    const input = withEdit((t: Raw) => {
      t.region = 'mars-1';
      t.nodeGroups[0].maxSize = 0;
    });
    let caught: unknown;
    try {
      parseTarget(input, 'targets/bad.json');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(SpecError);
    const error = caught as SpecError;
    expect(error.code).toBe('SPEC_INVALID');
    expect(error.problems.length).toBeGreaterThanOrEqual(3);
    expect(error.message).toMatch(/^targets\/bad\.json: the target has \d+ problems/);
    expect(error.message).toContain('region: unknown region "mars-1"');
  });

  it('does not mutate its input', () => {
    const input = withEdit((t: Raw) => {
      t.typo = 1;
      t.network.natGateways = 'bad';
    });
    const before = JSON.stringify(input);
    validateTarget(input);
    expect(JSON.stringify(input)).toBe(before);
  });
});
