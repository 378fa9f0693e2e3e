import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbitraryTarget } from '../src/arbitraries.js';
import { cidrContains, cidrsOverlap, parseNetworkCidr } from '../src/cidr.js';
import { planCidrs } from '../src/cidr-plan.js';
import { loadTarget } from '../src/load.js';
import { lookupRegion } from '../src/regions.js';
import { resolveTarget, tiersMovedByOthers } from '../src/resolve.js';
import type { TargetSpec } from '../src/schema.js';
import { parseTarget } from '../src/validate.js';
import { defaultInput } from './helpers.js';

const RUNS = { numRuns: 200 };

describe('resolveTarget on the default target', () => {
  const infra = resolveTarget(loadTarget());

  it('plans subnets largest first, one slot per region AZ', () => {
    const cidrs = Object.fromEntries(infra.subnets.map((subnet) => [subnet.key, subnet.cidr]));
    // eu-west-1 has 3 AZs: private /19 × 3 from .0.0, then public /24 × 3, then intra /24 × 3.
    expect(cidrs).toEqual({
      'private/eu-west-1a': '10.40.0.0/19',
      'private/eu-west-1b': '10.40.32.0/19',
      'private/eu-west-1c': '10.40.64.0/19',
      'public/eu-west-1a': '10.40.96.0/24',
      'public/eu-west-1b': '10.40.97.0/24',
      'public/eu-west-1c': '10.40.98.0/24',
      'intra/eu-west-1a': '10.40.99.0/24',
      'intra/eu-west-1b': '10.40.100.0/24',
      'intra/eu-west-1c': '10.40.101.0/24',
    });
  });

  it('puts the control plane in the intra tier and nodes in the private tier', () => {
    expect(infra.cluster.subnets).toEqual(['intra/eu-west-1a', 'intra/eu-west-1b', 'intra/eu-west-1c']);
    for (const group of infra.nodeGroups) {
      expect(group.subnets).toEqual(['private/eu-west-1a', 'private/eu-west-1b', 'private/eu-west-1c']);
    }
  });

  it('resolves per-partition ARNs, names and the node volume', () => {
    expect(infra.clusterRole.managedPolicyArns).toEqual(['arn:aws:iam::aws:policy/AmazonEKSClusterPolicy']);
    expect(infra.nodeRole.managedPolicyArns).toContain('arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy');
    expect(infra.accessEntries[0]?.policies[0]?.policyArn).toBe(
      'arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy',
    );
    expect(infra.kmsKey.alias).toBe('alias/iac-compare-demo-eks-secrets');
    expect(infra.logGroup.name).toBe('/aws/eks/iac-compare-demo/cluster');
    expect(infra.nodeGroups[1]?.launchTemplate.volume).toEqual({
      deviceName: '/dev/xvda',
      sizeGiB: 100,
      type: 'gp3',
      encrypted: true,
    });
    expect(infra.addons.find((addon) => addon.name === 'coredns')?.order).toBe('after-node-groups');
    expect(infra.addons.find((addon) => addon.name === 'vpc-cni')?.order).toBe('before-node-groups');
    expect(infra.addons.find((addon) => addon.name === 'eks-pod-identity-agent')?.order).toBe('any');
  });

  it('tags public and private subnets for load balancer discovery', () => {
    const tagsOf = (key: string) => infra.subnets.find((subnet) => subnet.key === key)?.tags;
    expect(tagsOf('public/eu-west-1a')).toMatchObject({
      'kubernetes.io/role/elb': '1',
      project: 'iac-compare',
    });
    expect(tagsOf('private/eu-west-1b')).toMatchObject({ 'kubernetes.io/role/internal-elb': '1' });
    expect(Object.keys(tagsOf('intra/eu-west-1c') ?? {})).not.toContain('kubernetes.io/role/elb');
  });
});

describe('resolveTarget invariants over arbitrary targets', () => {
  it('keeps every subnet inside the VPC and disjoint from every other', () => {
    fc.assert(
      fc.property(arbitraryTarget, (spec) => {
        const infra = resolveTarget(spec);
        const vpc = parseNetworkCidr(infra.vpc.cidr)!;
        const blocks = infra.subnets.map((subnet) => parseNetworkCidr(subnet.cidr));
        for (const block of blocks) {
          expect(block).toBeDefined();
          expect(cidrContains(vpc, block!)).toBe(true);
        }
        for (let i = 0; i < blocks.length; i++) {
          for (let j = i + 1; j < blocks.length; j++)
            expect(cidrsOverlap(blocks[i]!, blocks[j]!)).toBe(false);
        }
      }),
      RUNS,
    );
  });

  it('has exactly one subnet per configured tier per AZ', () => {
    fc.assert(
      fc.property(arbitraryTarget, (spec) => {
        const infra = resolveTarget(spec);
        const tiers = ['public', 'private', ...(spec.network.subnets.intra ? ['intra'] : [])];
        expect(infra.subnets).toHaveLength(tiers.length * spec.availabilityZones.length);
        for (const tier of tiers) {
          for (const az of spec.availabilityZones) {
            expect(infra.subnets.filter((s) => s.tier === tier && s.availabilityZone === az)).toHaveLength(1);
          }
        }
      }),
      RUNS,
    );
  });

  it('places NAT gateways by strategy and routes each tier consistently', () => {
    fc.assert(
      fc.property(arbitraryTarget, (spec) => {
        const infra = resolveTarget(spec);
        const expectedNats = { none: 0, single: 1, 'per-az': spec.availabilityZones.length }[
          spec.network.natGateways
        ];
        expect(infra.natGateways).toHaveLength(expectedNats);
        const natZones = new Set(infra.natGateways.map((nat) => nat.availabilityZone));
        for (const nat of infra.natGateways) expect(nat.subnet).toBe(`public/${nat.availabilityZone}`);
        for (const subnet of infra.subnets) {
          if (subnet.tier === 'public') expect(subnet.defaultRoute).toEqual({ target: 'internet-gateway' });
          if (subnet.tier === 'intra') expect(subnet.defaultRoute).toEqual({ target: 'none' });
          if (subnet.tier === 'private') {
            if (spec.network.natGateways === 'none') expect(subnet.defaultRoute).toEqual({ target: 'none' });
            else {
              expect(subnet.defaultRoute.target).toBe('nat-gateway');
              const natAz =
                subnet.defaultRoute.target === 'nat-gateway' ? subnet.defaultRoute.availabilityZone : '';
              expect(natZones.has(natAz)).toBe(true);
              if (spec.network.natGateways === 'per-az') expect(natAz).toBe(subnet.availabilityZone);
            }
          }
        }
        // Without NAT, nodes reach AWS through endpoints; with NAT there are none.
        expect(infra.vpcEndpoints.length > 0).toBe(spec.network.natGateways === 'none');
      }),
      RUNS,
    );
  });

  it('never moves an existing subnet when an AZ of the region is added', () => {
    fc.assert(
      fc.property(arbitraryTarget, (spec) => {
        const zones = lookupRegion(spec.region)!.availabilityZones;
        const extra = zones.find((zone) => !spec.availabilityZones.includes(zone));
        fc.pre(extra !== undefined);
        const grown: TargetSpec = { ...spec, availabilityZones: [...spec.availabilityZones, extra!] };
        const before = new Map(resolveTarget(spec).subnets.map((s) => [s.key, s.cidr]));
        for (const subnet of resolveTarget(grown).subnets) {
          if (before.has(subnet.key)) expect(subnet.cidr).toBe(before.get(subnet.key));
        }
      }),
      RUNS,
    );
  });

  it('is deterministic and does not mutate the spec', () => {
    fc.assert(
      fc.property(arbitraryTarget, (spec) => {
        const copy = structuredClone(spec);
        expect(resolveTarget(spec)).toEqual(resolveTarget(spec));
        expect(spec).toEqual(copy);
      }),
      { numRuns: 50 },
    );
  });
});

describe('planCidrs', () => {
  const network = parseTarget(defaultInput()).network;

  it('places an explicit tier block where it is asked and packs the rest around it', () => {
    const plan = planCidrs(
      { ...network, subnets: { ...network.subnets, public: { prefixLength: 24, cidr: '10.40.0.0/22' } } },
      3,
    );
    expect(plan.problems).toEqual([]);
    const start = (tier: string) => plan.tiers.find((t) => t.tier === tier)?.start;
    expect(start('public')).toBe(parseNetworkCidr('10.40.0.0/22')!.base);
    // The private tier (/19) cannot start inside the public block, so it moves to the next /19.
    expect(start('private')).toBe(parseNetworkCidr('10.40.32.0/19')!.base);
  });
});

describe('tiers the CIDR plan moves when another tier changes (review 18, CIDR plan)', () => {
  const edited = (edit: (spec: TargetSpec) => void) => {
    const spec = structuredClone(loadTarget());
    edit(spec);
    return parseTarget(JSON.parse(JSON.stringify(spec)));
  };

  it('a smaller private tier moves the public and intra tiers placed after it', () => {
    const shifts = tiersMovedByOthers(
      loadTarget(),
      edited((spec) => {
        spec.network.subnets.private.prefixLength = 20;
      }),
    );
    expect(shifts.map((shift) => [shift.tier, shift.from, shift.to, shift.because])).toEqual([
      ['public', '10.40.96.0/24', '10.40.48.0/24', ['private']],
      ['intra', '10.40.99.0/24', '10.40.51.0/24', ['private']],
    ]);
  });

  it('a tier pinned with cidr stays; nothing moves without a tier change, nor is said when the VPC changes', () => {
    const pinned = edited((spec) => {
      spec.network.subnets.public.cidr = '10.40.96.0/22';
    });
    expect(
      tiersMovedByOthers(
        pinned,
        edited((spec) => {
          spec.network.subnets.public.cidr = '10.40.96.0/22';
          spec.network.subnets.private.prefixLength = 20;
        }),
      ).map((shift) => shift.tier),
    ).toEqual(['intra']);
    expect(tiersMovedByOthers(loadTarget(), loadTarget())).toEqual([]);
    expect(
      tiersMovedByOthers(
        loadTarget(),
        edited((spec) => {
          spec.network.cidr = '10.41.0.0/16';
          spec.network.subnets.private.prefixLength = 20;
        }),
      ),
    ).toEqual([]);
  });
});
