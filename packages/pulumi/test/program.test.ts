/**
 * The Pulumi program under mocks in preview mode, for the default target: what it registers, with
 * which inputs, and which resource each input came from. (Pulumi's runtime is global per process;
 * vitest runs each test file in its own, and other targets run through the synth script.)
 */
import { loadTarget, resolveTarget } from '@iac-compare/spec';
import { beforeAll, describe, expect, it } from 'vitest';
import { type RecordedResource, type ResourcesFile, recordRegistrations } from '../src/mock-synth.js';

const spec = loadTarget();
const infra = resolveTarget(spec);
let file: ResourcesFile;
beforeAll(async () => {
  file = await recordRegistrations(spec);
});

const ofType = (type: string) => file.resources.filter((resource) => resource.type === type);
const byName = (type: string, name: string) => ofType(type).find((resource) => resource.name === name)!;
const urnOf = (type: string, name: string) => byName(type, name).urn;

describe('the Pulumi program under mocks (preview)', () => {
  it('registers one explicit AWS provider carrying the target tags, and three components', () => {
    const [provider] = ofType('pulumi:providers:aws');
    expect(provider).toBeDefined();
    expect(provider!.inputs.region).toBe('eu-west-1');
    expect(JSON.parse(String(provider!.inputs.defaultTags))).toEqual({ tags: spec.tags });
    expect(
      file.resources
        .filter((resource) => !resource.custom)
        .map((resource) => resource.type)
        .sort(),
    ).toEqual([
      'iac-compare:cluster:Cluster',
      'iac-compare:network:Network',
      'iac-compare:workloads:Workloads',
    ]);
    for (const resource of file.resources.filter((r) => r.custom && r.type.startsWith('aws:'))) {
      expect(resource.provider, resource.urn).toBe(provider!.urn);
    }
  });

  it('sends every Kubernetes object through a provider built from the cluster, secrets hashed', () => {
    const [kubernetes] = ofType('pulumi:providers:kubernetes');
    expect(kubernetes).toBeDefined();
    const kubernetesResources = file.resources.filter((r) => r.custom && r.type.startsWith('kubernetes:'));
    expect(kubernetesResources.map((r) => r.type).sort()).toEqual([
      'kubernetes:apps/v1:Deployment',
      'kubernetes:batch/v1:Job',
      'kubernetes:core/v1:ConfigMap',
      'kubernetes:core/v1:Namespace',
      'kubernetes:core/v1:Secret',
      'kubernetes:core/v1:Service',
      'kubernetes:core/v1:Service',
      'kubernetes:helm.sh/v3:Release',
      'kubernetes:policy/v1:PodDisruptionBudget',
    ]);
    for (const resource of kubernetesResources) expect(resource.provider, resource.urn).toBe(kubernetes!.urn);
    // ConfigMap and Secret data update in place, as in Terraform and kubectl (review 18, R3); the
    // engine sends provider inputs as strings.
    expect(kubernetes!.inputs).toMatchObject({ enableConfigMapMutable: 'true', enableSecretMutable: 'true' });
    const text = JSON.stringify(file);
    for (const value of Object.values(spec.workloads!.app.secrets)) {
      expect(text).not.toContain(value);
      expect(text).not.toContain(Buffer.from(value).toString('base64'));
    }
    const [deployment] = ofType('kubernetes:apps/v1:Deployment');
    expect(deployment!.dependencies).toEqual(
      expect.arrayContaining([
        urnOf('kubernetes:core/v1:ConfigMap', 'env'),
        urnOf('kubernetes:core/v1:Secret', 'secrets'),
      ]),
    );
  });

  it('creates every spec subnet, its VPC ID unknown until deploy but traced to the VPC', () => {
    const subnets = ofType('aws:ec2/subnet:Subnet');
    expect(subnets.map((s) => `${s.inputs.availabilityZone} ${s.inputs.cidrBlock}`).sort()).toEqual(
      infra.subnets.map((s) => `${s.availabilityZone} ${s.cidr}`).sort(),
    );
    const vpcUrn = urnOf('aws:ec2/vpc:Vpc', 'vpc');
    for (const subnet of subnets) {
      expect(subnet.inputs.vpcId).toEqual({ $unknown: true });
      expect(subnet.propertyDependencies.vpcId).toEqual([vpcUrn]);
    }
    expect(byName('aws:ec2/subnet:Subnet', 'subnet-public-eu-west-1a').inputs.tags).toMatchObject({
      'kubernetes.io/role/elb': '1',
    });
  });

  it('routes each private subnet to the NAT gateway in its AZ (per-az)', () => {
    for (const az of spec.availabilityZones) {
      const route = byName('aws:ec2/route:Route', `route-nat-${az}`);
      expect(route.propertyDependencies.natGatewayId).toEqual([
        urnOf('aws:ec2/natGateway:NatGateway', `nat-${az}`),
      ]);
      expect(route.propertyDependencies.routeTableId).toEqual([
        urnOf('aws:ec2/routeTable:RouteTable', `route-table-private-${az}`),
      ]);
      const nat = byName('aws:ec2/natGateway:NatGateway', `nat-${az}`);
      expect(nat.propertyDependencies.subnetId).toEqual([
        urnOf('aws:ec2/subnet:Subnet', `subnet-public-${az}`),
      ]);
    }
    expect(ofType('aws:ec2/eip:Eip')).toHaveLength(3);
  });

  it('configures the cluster and traces its subnets to the intra tier', () => {
    const cluster = byName('aws:eks/cluster:Cluster', 'cluster');
    expect(cluster.inputs).toMatchObject({
      name: 'iac-compare-demo',
      version: '1.37',
      bootstrapSelfManagedAddons: false,
      enabledClusterLogTypes: ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'],
      accessConfig: { authenticationMode: 'API', bootstrapClusterCreatorAdminPermissions: false },
    });
    expect((cluster.inputs.vpcConfig as Record<string, unknown>).publicAccessCidrs).toEqual(['0.0.0.0/0']);
    expect(cluster.propertyDependencies.vpcConfig!.sort()).toEqual(
      spec.availabilityZones.map((az) => urnOf('aws:ec2/subnet:Subnet', `subnet-intra-${az}`)).sort(),
    );
    expect(cluster.propertyDependencies.encryptionConfig).toEqual([urnOf('aws:kms/key:Key', 'secrets-key')]);
    expect(cluster.dependencies).toContain(urnOf('aws:cloudwatch/logGroup:LogGroup', 'control-plane-logs'));
  });

  it('creates node groups after vpc-cni and kube-proxy, and coredns after the node groups', () => {
    const nodeGroups = ofType('aws:eks/nodeGroup:NodeGroup');
    // A name prefix (Pulumi replaces new-first, which a fixed name would make fail) and a Name tag.
    expect(nodeGroups.map((ng) => ng.inputs.nodeGroupNamePrefix).sort()).toEqual(['general-', 'system-']);
    expect(nodeGroups.every((ng) => ng.inputs.nodeGroupName === undefined)).toBe(true);
    for (const nodeGroup of nodeGroups) {
      // The autoscaler owns the desired size; Pulumi's default order creates the replacement first.
      expect(nodeGroup.options).toMatchObject({
        ignoreChanges: ['scalingConfig.desiredSize'],
        deleteBeforeReplace: false,
      });
      // Registered where the program says so, in TypeScript.
      expect(nodeGroup.source?.file).toMatch(/packages\/pulumi\/src\/cluster\.ts$/);
      // Waits for the NAT routes of the private subnets.
      for (const az of spec.availabilityZones) {
        expect(nodeGroup.dependencies).toContain(urnOf('aws:ec2/route:Route', `route-nat-${az}`));
      }
    }
    const system = byName('aws:eks/nodeGroup:NodeGroup', 'node-group-system');
    expect(system.inputs).toMatchObject({
      instanceTypes: ['m7i.large'],
      capacityType: 'ON_DEMAND',
      scalingConfig: { minSize: 2, desiredSize: 2, maxSize: 4 },
      labels: { workload: 'system' },
      taints: [{ key: 'CriticalAddonsOnly', value: 'true', effect: 'NO_SCHEDULE' }],
    });
    for (const nodeGroup of nodeGroups) {
      expect(nodeGroup.dependencies).toEqual(
        expect.arrayContaining([
          urnOf('aws:eks/addon:Addon', 'addon-vpc-cni'),
          urnOf('aws:eks/addon:Addon', 'addon-kube-proxy'),
        ]),
      );
    }
    const coredns: RecordedResource = byName('aws:eks/addon:Addon', 'addon-coredns');
    expect(coredns.dependencies).toEqual(expect.arrayContaining(nodeGroups.map((ng) => ng.urn)));
    const template = byName('aws:ec2/launchTemplate:LaunchTemplate', 'launch-template-system');
    expect(template.inputs.metadataOptions).toEqual({
      httpEndpoint: 'enabled',
      httpTokens: 'required',
      httpPutResponseHopLimit: 2,
    });
  });

  it('answers aws.getPartition offline from the spec, and builds policy ARNs from it', () => {
    expect(file.invokes).toEqual([
      {
        token: 'aws:index/getPartition:getPartition',
        result: {
          id: 'aws',
          partition: 'aws',
          dnsSuffix: 'amazonaws.com',
          reverseDnsPrefix: 'com.amazonaws',
        },
      },
    ]);
  });

  it('attaches managed policies as separate resources and associates access policies', () => {
    expect(
      ofType('aws:iam/rolePolicyAttachment:RolePolicyAttachment')
        .map((a) => a.inputs.policyArn)
        .sort(),
    ).toEqual([...infra.clusterRole.managedPolicyArns, ...infra.nodeRole.managedPolicyArns].sort());
    const [association] = ofType('aws:eks/accessPolicyAssociation:AccessPolicyAssociation');
    expect(association!.inputs).toMatchObject({
      principalArn: 'arn:aws:iam::111122223333:role/platform-admin',
      policyArn: 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy',
      accessScope: { type: 'cluster' },
    });
    // EKS knows an association by cluster, principal and policy: a scope change (every argument is
    // ForceNew) must delete the old one first, or its delete removes the new one (review 18, R5).
    expect(association!.options.deleteBeforeReplace).toBe(true);
  });
});
