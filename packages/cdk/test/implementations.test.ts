/**
 * Both CDK apps, for the default target and for targets drawn from the spec arbitraries, asserted
 * fact by fact against resolveTarget(spec).
 */
import { loadTarget, resolveTarget, type TargetSpec, templatePublicAccessCidrs } from '@iac-compare/spec';
import { arbitraryTarget } from '@iac-compare/spec/arbitraries';
import { Template } from 'aws-cdk-lib/assertions';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CdkVariant, createApp, stackName } from '../src/app.js';
import { TemplateFacts } from './template-facts.js';

function sampleTarget(predicate: (spec: TargetSpec) => boolean, seed: number): TargetSpec {
  const [spec] = fc.sample(arbitraryTarget.filter(predicate), { numRuns: 1, seed });
  return spec!;
}

const TARGETS: [string, TargetSpec][] = [
  ['the default target', loadTarget()],
  [
    'an arbitrary target with a single NAT and no intra tier',
    sampleTarget((s) => s.network.natGateways === 'single' && !s.network.subnets.intra, 7),
  ],
  [
    'an arbitrary target with no NAT',
    sampleTarget((s) => s.network.natGateways === 'none' && s.nodeGroups.length > 1, 11),
  ],
  [
    'an arbitrary target in a 4-AZ region with a private-only endpoint',
    sampleTarget((s) => s.availabilityZones.length === 4 && !s.cluster.endpoint.publicAccess, 3),
  ],
];

function templateOf(spec: TargetSpec, variant: CdkVariant): Template {
  const app = createApp(spec, variant);
  return Template.fromStack(app.node.findChild(stackName(spec, variant)) as never);
}

describe.each(['l2', 'l1'] as const)('CDK %s access entries', (variant) => {
  it('gives two principals that share a role name two resources', () => {
    const base = loadTarget();
    const spec: TargetSpec = {
      ...base,
      cluster: {
        ...base.cluster,
        accessEntries: [
          { principalArn: 'arn:aws:iam::111122223333:role/admin', kubernetesGroups: [], policies: [] },
          { principalArn: 'arn:aws:iam::444455556666:role/admin', kubernetesGroups: [], policies: [] },
        ],
      },
    };
    const entries = new TemplateFacts(templateOf(spec, variant)).ofType('AWS::EKS::AccessEntry');
    // The target's workloads give the L2 app a kubectl provider, which aws-eks-v2 lets in with an entry of its own.
    const principals = entries.map(([, entry]) => entry.Properties?.PrincipalArn);
    expect(principals.filter((arn) => typeof arn === 'string').sort()).toEqual([
      'arn:aws:iam::111122223333:role/admin',
      'arn:aws:iam::444455556666:role/admin',
    ]);
    expect(JSON.stringify(principals.filter((arn) => typeof arn !== 'string'))).toMatch(
      variant === 'l2' ? /KubectlProviderHandlerServiceRole/ : /^\[\]$/,
    );
  });
});

describe.each(['l2', 'l1'] as const)('CDK %s', (variant) => {
  describe.each(TARGETS)('on %s', (_name, spec) => {
    const template = templateOf(spec, variant);
    const facts = new TemplateFacts(template);
    const infra = resolveTarget(spec);

    it('creates the spec’s subnets with their CIDRs, AZs and ELB tags', () => {
      const expected = new Map<string, string[]>();
      for (const subnet of infra.subnets) {
        expected.set(
          subnet.availabilityZone,
          [...(expected.get(subnet.availabilityZone) ?? []), subnet.cidr].sort(),
        );
      }
      expect(facts.subnetCidrsByAz()).toEqual(expected);
      for (const subnet of infra.subnets) {
        const actual = facts.subnets().find((candidate) => candidate.cidr === subnet.cidr)!;
        expect(actual.public).toBe(subnet.tier === 'public');
        if (subnet.tier === 'public') expect(actual.tags['kubernetes.io/role/elb']).toBe('1');
        if (subnet.tier === 'private') expect(actual.tags['kubernetes.io/role/internal-elb']).toBe('1');
      }
    });

    it('places NAT gateways per strategy and routes every subnet as the spec says', () => {
      expect(facts.natAvailabilityZones()).toEqual(
        infra.natGateways.map((nat) => nat.availabilityZone).sort(),
      );
      const routes = facts.defaultRoutes();
      for (const subnet of infra.subnets) {
        const expected =
          subnet.defaultRoute.target === 'internet-gateway'
            ? 'igw'
            : subnet.defaultRoute.target === 'nat-gateway'
              ? `nat:${subnet.defaultRoute.availabilityZone}`
              : 'none';
        expect(routes.get(subnet.cidr), subnet.key).toBe(expected);
      }
      template.resourceCountIs('AWS::EC2::EIP', infra.natGateways.length);
      template.resourceCountIs('AWS::EC2::VPCEndpoint', infra.vpcEndpoints.length);
    });

    it('configures the cluster: version, subnets, endpoint, logging, encryption, access', () => {
      const props = facts.ofType('AWS::EKS::Cluster')[0]![1].Properties as Record<string, any>;
      expect(props.Name).toBe(spec.cluster.name);
      expect(props.Version).toBe(spec.cluster.version);
      const subnetCidrs = infra.cluster.subnets
        .map((key) => infra.subnets.find((s) => s.key === key)!.cidr)
        .sort();
      expect(facts.cidrsOf(props.ResourcesVpcConfig.SubnetIds)).toEqual(subnetCidrs);
      expect(props.ResourcesVpcConfig.EndpointPrivateAccess).toBe(infra.cluster.endpointPrivateAccess);
      expect(props.ResourcesVpcConfig.EndpointPublicAccess).toBe(infra.cluster.endpointPublicAccess);
      // Always sent, EKS's default with the public endpoint off: CloudFormation requires the
      // property to stay once a template had it (a private-only target is among TARGETS).
      expect(props.ResourcesVpcConfig.PublicAccessCidrs).toEqual(templatePublicAccessCidrs(spec));
      expect(props.Logging.ClusterLogging.EnabledTypes.map((t: { Type: string }) => t.Type)).toEqual(
        infra.cluster.logging,
      );
      expect(props.EncryptionConfig).toHaveLength(1);
      expect(props.EncryptionConfig[0].Resources).toEqual(['secrets']);
      expect(props.AccessConfig).toEqual({
        AuthenticationMode: infra.cluster.authenticationMode,
        BootstrapClusterCreatorAdminPermissions: infra.cluster.bootstrapClusterCreatorAdminPermissions,
      });
      expect(props.BootstrapSelfManagedAddons).toBe(false);
      template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: infra.kmsKey.enableKeyRotation });
      template.hasResourceProperties('AWS::KMS::Alias', { AliasName: infra.kmsKey.alias });
      template.hasResourceProperties('AWS::Logs::LogGroup', {
        LogGroupName: infra.logGroup.name,
        RetentionInDays: infra.logGroup.retentionDays,
      });
      // L2 with workloads: one more, for the kubectl provider's role (tool machinery).
      const kubectlEntries = variant === 'l2' && spec.workloads ? 1 : 0;
      template.resourceCountIs('AWS::EKS::AccessEntry', infra.accessEntries.length + kubectlEntries);
    });

    it('creates each node group with its scaling, types, labels, taints, private subnets and IMDSv2', () => {
      const privateCidrs = infra.subnets
        .filter((s) => s.tier === 'private')
        .map((s) => s.cidr)
        .sort();
      const nodegroups = facts.ofType('AWS::EKS::Nodegroup');
      expect(nodegroups).toHaveLength(infra.nodeGroups.length);
      for (const group of infra.nodeGroups) {
        // No NodegroupName (CloudFormation generates one, so a replacement can start the new group
        // first); the Name tag carries the group's name.
        const found = nodegroups.find(
          ([, resource]) => (resource.Properties?.Tags as any)?.Name === group.name,
        );
        expect(found, group.name).toBeDefined();
        const props = found![1].Properties as Record<string, any>;
        expect(props.NodegroupName).toBeUndefined();
        expect(props.ForceUpdateEnabled).toBe(group.update.force);
        expect(props.UpdateConfig).toEqual(
          group.update.maxUnavailable !== null
            ? { MaxUnavailable: group.update.maxUnavailable }
            : { MaxUnavailablePercentage: group.update.maxUnavailablePercentage },
        );
        expect(props.ScalingConfig).toEqual({
          MinSize: group.scaling.minSize,
          DesiredSize: group.scaling.desiredSize,
          MaxSize: group.scaling.maxSize,
        });
        expect(props.InstanceTypes).toEqual(group.instanceTypes);
        expect(props.CapacityType).toBe(group.capacityType);
        expect(props.AmiType).toBe(group.amiType);
        expect(props.Labels ?? {}).toEqual(group.labels);
        expect(props.Taints ?? []).toEqual(
          group.taints.map((taint) => ({
            Key: taint.key,
            Effect: taint.effect,
            ...(taint.value ? { Value: taint.value } : {}),
          })),
        );
        expect(facts.cidrsOf(props.Subnets)).toEqual(privateCidrs);
        const templateId = (props.LaunchTemplate.Id as { Ref: string }).Ref;
        const launchData = facts.resources[templateId]!.Properties!.LaunchTemplateData as Record<string, any>;
        expect(launchData.MetadataOptions.HttpTokens).toBe('required');
        expect(launchData.MetadataOptions.HttpPutResponseHopLimit).toBe(2);
        expect(launchData.BlockDeviceMappings[0]).toEqual({
          DeviceName: group.launchTemplate.volume.deviceName,
          Ebs: { VolumeSize: group.launchTemplate.volume.sizeGiB, VolumeType: 'gp3', Encrypted: true },
        });
      }
    });

    it('starts node groups only after the private subnets’ default routes exist', () => {
      const routes = facts
        .ofType('AWS::EC2::Route')
        .filter(([, route]) => route.Properties?.NatGatewayId !== undefined)
        .map(([id]) => id);
      expect(routes.length > 0).toBe(infra.natGateways.length > 0);
      for (const [id, group] of facts.ofType('AWS::EKS::Nodegroup')) {
        const dependsOn = [group.DependsOn ?? []].flat();
        for (const route of routes) expect(dependsOn, `${id} waits for ${route}`).toContain(route);
      }
    });

    it('tags what the launch templates launch with the target’s tags, as the spec asks', () => {
      const tagged = (entry: { Tags: { Key: string }[] }) =>
        Object.keys(spec.tags).every((key) => entry.Tags.some((tag) => tag.Key === key));
      for (const group of spec.nodeGroups) {
        const idPart = `${group.name.replace(/[^A-Za-z0-9]/g, '')}LaunchTemplate`;
        const [, template] = facts.ofType('AWS::EC2::LaunchTemplate').find(([id]) => id.includes(idPart))!;
        const data = template.Properties!.LaunchTemplateData as Record<string, any>;
        const types = ((data.TagSpecifications ?? []) as { ResourceType: string; Tags: { Key: string }[] }[])
          .filter(tagged)
          .map((entry) => entry.ResourceType)
          .sort();
        const expected = Object.keys(spec.tags).length === 0 ? [] : [...group.propagateTagsTo].sort();
        if (Object.keys(spec.tags).length > 0) expect(types, group.name).toEqual(expected);
      }
    });

    it('restricts the default security group and sets deletion policies as the spec says', () => {
      const restrict = Object.values(facts.resources).filter((resource) =>
        /^Custom::(VpcRestrictDefaultSG|RestrictDefaultSecurityGroup)$/.test(resource.Type),
      );
      expect(restrict).toHaveLength(spec.network.restrictDefaultSecurityGroup ? 1 : 0);
      const policy = (resource: { DeletionPolicy?: string }) => resource.DeletionPolicy;
      const [, key] = facts.ofType('AWS::KMS::Key')[0]!;
      expect(policy(key as never)).toBe(infra.kmsKey.onDelete === 'retain' ? 'Retain' : 'Delete');
      const [, logGroup] = facts.ofType('AWS::Logs::LogGroup')[0]!;
      expect(policy(logGroup as never)).toBe(infra.logGroup.onDelete === 'retain' ? 'Retain' : 'Delete');
    });

    it('orders add-ons around the node groups', () => {
      const addons = facts.ofType('AWS::EKS::Addon');
      expect(addons.map(([, a]) => a.Properties?.AddonName).sort()).toEqual(
        infra.addons.map((a) => a.name).sort(),
      );
      const nodegroupIds = facts.ofType('AWS::EKS::Nodegroup').map(([id]) => id);
      for (const [id, addon] of addons) {
        const order = infra.addons.find((a) => a.name === addon.Properties?.AddonName)!.order;
        if (order === 'after-node-groups') {
          expect(facts.dependsOn(id).filter((dep) => nodegroupIds.includes(dep)).length).toBeGreaterThan(0);
        }
        if (order === 'before-node-groups') {
          for (const nodegroup of nodegroupIds) expect(facts.dependsOn(nodegroup)).toContain(id);
        }
        expect(addon.Properties?.ResolveConflicts).toBe('OVERWRITE');
      }
    });

    it('tags taggable resources with the target tags', () => {
      if (Object.keys(spec.tags).length === 0) return;
      const vpc = facts.ofType('AWS::EC2::VPC')[0]![1];
      const tags = Object.fromEntries(
        (vpc!.Properties!.Tags as { Key: string; Value: string }[]).map((t) => [t.Key, t.Value]),
      );
      expect(tags).toMatchObject(spec.tags);
      const cluster = facts.ofType('AWS::EKS::Cluster')[0]![1];
      const clusterTags = Object.fromEntries(
        (cluster!.Properties!.Tags as { Key: string; Value: string }[]).map((t) => [t.Key, t.Value]),
      );
      expect(clusterTags).toMatchObject(spec.tags);
    });
  });
});
