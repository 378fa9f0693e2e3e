import { describe, expect, it } from 'vitest';
import { SpecError } from '../src/errors.js';
import {
  CLOUDFORMATION_SLOTS,
  toCloudFormationParameters,
  toParameterList,
  toTerraformVars,
} from '../src/exporters.js';
import { loadTarget } from '../src/load.js';
import { parseTarget } from '../src/validate.js';
import { withEdit } from './helpers.js';

describe('toTerraformVars', () => {
  const vars = toTerraformVars(loadTarget());

  it('exports the network with the spec CIDR plan keyed by tier and AZ', () => {
    expect(vars.name).toBe('iac-compare-demo');
    expect(vars.region).toBe('eu-west-1');
    expect(vars.availability_zones).toEqual(['eu-west-1a', 'eu-west-1b', 'eu-west-1c']);
    expect(vars.tags).toEqual({ project: 'iac-compare', environment: 'demo', owner: 'platform-team' });
    expect(vars.vpc.cidr).toBe('10.40.0.0/16');
    expect(vars.vpc.nat_gateways).toBe('per-az');
    expect(vars.vpc.enable_dns_support).toBe(true);
    expect(vars.vpc.enable_dns_hostnames).toBe(true);
    expect(vars.vpc.subnet_cidrs.public).toEqual({
      'eu-west-1a': '10.40.96.0/24',
      'eu-west-1b': '10.40.97.0/24',
      'eu-west-1c': '10.40.98.0/24',
    });
    expect(vars.vpc.subnet_cidrs.private?.['eu-west-1c']).toBe('10.40.64.0/19');
    expect(vars.vpc.subnet_cidrs.intra?.['eu-west-1a']).toBe('10.40.99.0/24');
  });

  it('exports the cluster field by field', () => {
    expect(vars.cluster).toEqual({
      name: 'iac-compare-demo',
      version: '1.37',
      endpoint_private_access: true,
      endpoint_public_access: true,
      public_access_cidrs: ['0.0.0.0/0'],
      log_types: ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'],
      log_retention_days: 90,
      log_skip_destroy: false,
      authentication_mode: 'API',
      bootstrap_cluster_creator_admin_permissions: false,
      kms_key_rotation: true,
      kms_deletion_window_days: 30,
      addons: {
        'vpc-cni': { version: null },
        'kube-proxy': { version: null },
        coredns: { version: null },
        'eks-pod-identity-agent': { version: null },
      },
      access_entries: {
        'arn:aws:iam::111122223333:role/platform-admin': {
          kubernetes_groups: [],
          policies: { AmazonEKSClusterAdminPolicy: { scope: 'cluster', namespaces: [] } },
        },
      },
    });
  });

  it('exports node groups keyed by name', () => {
    expect(Object.keys(vars.node_groups)).toEqual(['system', 'general']);
    expect(vars.node_groups.system).toEqual({
      instance_types: ['m7i.large'],
      capacity_type: 'ON_DEMAND',
      min_size: 2,
      desired_size: 2,
      max_size: 4,
      disk_size: 50,
      ami_type: 'AL2023_x86_64_STANDARD',
      labels: { workload: 'system' },
      taints: [{ key: 'CriticalAddonsOnly', value: 'true', effect: 'NO_SCHEDULE' }],
      update: { max_unavailable: null, max_unavailable_percentage: 33, force: false },
      propagate_tags_to: ['instance', 'volume'],
    });
    expect(vars.vpc.restrict_default_security_group).toBe(true);
    expect(vars.node_groups.general?.capacity_type).toBe('SPOT');
  });

  it('leaves out a tier the target does not configure and empties CIDRs of a closed endpoint', () => {
    const spec = parseTarget(
      withEdit((t) => {
        t.network.subnets = { public: { prefixLength: 24 }, private: { prefixLength: 19 } };
        t.cluster.endpoint = { privateAccess: true, publicAccess: false };
      }),
    );
    const other = toTerraformVars(spec);
    expect(Object.keys(other.vpc.subnet_cidrs)).toEqual(['public', 'private']);
    expect(other.cluster.public_access_cidrs).toEqual([]);
  });
});

describe('toCloudFormationParameters', () => {
  const set = toCloudFormationParameters(loadTarget());

  it('exports the network stack parameters as CloudFormation strings', () => {
    expect(set.network).toEqual({
      AvailabilityZones: 'eu-west-1a,eu-west-1b,eu-west-1c',
      NumberOfAzs: '3',
      VpcCidr: '10.40.0.0/16',
      EnableDnsSupport: 'true',
      EnableDnsHostnames: 'true',
      NatGateways: 'per-az',
      RestrictDefaultSecurityGroup: 'true',
      PublicSubnetCidrs: '10.40.96.0/24,10.40.97.0/24,10.40.98.0/24',
      PrivateSubnetCidrs: '10.40.0.0/19,10.40.32.0/19,10.40.64.0/19',
      IntraSubnetCidrs: '10.40.99.0/24,10.40.100.0/24,10.40.101.0/24',
    });
    expect(set.stackNames).toEqual({
      network: 'iac-compare-demo-network',
      cluster: 'iac-compare-demo-cluster',
    });
    expect(set.tags).toEqual({ project: 'iac-compare', environment: 'demo', owner: 'platform-team' });
  });

  it('fills node group and access entry slots, leaving unused slots empty', () => {
    const p = set.cluster;
    expect(p.NetworkStackName).toBe('iac-compare-demo-network');
    expect(p.KubernetesVersion).toBe('1.37');
    expect([p.LogApi, p.LogAudit, p.LogAuthenticator, p.LogControllerManager, p.LogScheduler]).toEqual([
      'true',
      'true',
      'true',
      'true',
      'true',
    ]);
    expect(p.NodeGroup1Name).toBe('system');
    expect(p.NodeGroup1Label1Key).toBe('workload');
    expect(p.NodeGroup1Label1Value).toBe('system');
    // Unused label slots carry a distinct placeholder, so Fn::ForEach never makes two equal keys.
    expect(p.NodeGroup1Label2Key).toBe('unused2');
    expect(p.NodeGroup1Label3Key).toBe('unused3');
    expect(p.NodeGroup1MaxUnavailable).toBe('0');
    expect(p.NodeGroup1MaxUnavailablePercentage).toBe('33');
    expect(p.NodeGroup1ForceUpdate).toBe('false');
    expect([p.NodeGroup1TagInstances, p.NodeGroup1TagVolumes, p.NodeGroup1TagNetworkInterfaces]).toEqual([
      'true',
      'true',
      'false',
    ]);
    expect([p.Tag1Key, p.Tag1Value, p.Tag3Key, p.Tag4Key]).toEqual(['project', 'iac-compare', 'owner', '']);
    expect([p.KeyDeletionPolicy, p.LogGroupDeletionPolicy]).toEqual(['Delete', 'Delete']);
    expect(p.NodeGroup1Taint1Key).toBe('CriticalAddonsOnly');
    expect(p.NodeGroup1Taint1Effect).toBe('NO_SCHEDULE');
    expect(p.NodeGroup2InstanceTypes).toBe('m7i.xlarge,m6i.xlarge');
    expect(p.NodeGroup2CapacityType).toBe('SPOT');
    expect(p.NodeGroup2MaxSize).toBe('6');
    expect(p.NodeGroup3Name).toBe('');
    expect(p.AccessEntry1PrincipalArn).toBe('arn:aws:iam::111122223333:role/platform-admin');
    expect(p.AccessEntry1Policy).toBe('AmazonEKSClusterAdminPolicy');
    expect(p.AccessEntry2PrincipalArn).toBe('');
    expect(p.PodIdentityAgentEnabled).toBe('true');
    expect(p.VpcCniVersion).toBe('');
    expect(Object.keys(p)).toHaveLength(
      // 13 cluster settings, 5 log flags, 5 add-on parameters, then the slots.
      13 +
        5 +
        5 +
        CLOUDFORMATION_SLOTS.tags * 2 +
        CLOUDFORMATION_SLOTS.accessEntries * 5 +
        CLOUDFORMATION_SLOTS.nodeGroups * (8 + 6 + 3 * 2 + 2 * 3),
    );
    expect(toParameterList({ A: '1' })).toEqual([{ ParameterKey: 'A', ParameterValue: '1' }]);
  });

  it('refuses a target the templates have no room for, naming each overflow', () => {
    const spec = parseTarget(
      withEdit((t) => {
        t.availabilityZones = ['us-east-1a', 'us-east-1b', 'us-east-1c', 'us-east-1d'];
        t.region = 'us-east-1';
        t.nodeGroups[0]!.labels = { a: '1', b: '2', c: '3', d: '4' };
      }),
    );
    expect(() => toCloudFormationParameters(spec)).toThrow(SpecError);
    try {
      toCloudFormationParameters(spec);
    } catch (error) {
      expect((error as SpecError).code).toBe('SPEC_OUTSIDE_ENVELOPE');
      expect((error as SpecError).problems.map((p) => p.path)).toEqual([
        'availabilityZones',
        'nodeGroups[0].labels',
      ]);
    }
  });
});
