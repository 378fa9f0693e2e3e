import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCdkAssembly } from '../src/cloudformation/assembly.js';
import { isUnknown, type Unknown } from '../src/model/value.js';
import { observe } from '../src/observe/observe.js';
import { errorOf } from './cfn-helpers.js';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const PLACEMENT = { account: '111122223333', region: 'eu-west-1' };

describe('CDK cloud assemblies', () => {
  const inventory = readCdkAssembly(join(FIXTURES, 'cdk-nested'), 'fixture', PLACEMENT);
  const byAddress = new Map(inventory.resources.map((resource) => [resource.address, resource]));

  it('reads nested stacks from their asset templates, addressed under the parent', () => {
    const subnet = byAddress.get('Parent/NetworkNestedStack/Subnet');
    expect(subnet?.nativeType).toBe('AWS::EC2::Subnet');
    expect(subnet?.properties.AvailabilityZone).toBe('eu-west-1b');
    // The nested stack's parameter carries the parent's Ref: the edge reaches the parent VPC.
    expect((subnet!.properties.VpcId as Unknown).references).toEqual([
      { address: 'Parent/Vpc', attribute: 'Ref' },
    ]);
    expect(subnet?.references).toContainEqual({ path: 'VpcId', target: 'Parent/Vpc', attribute: 'Ref' });
  });

  it('wires a nested stack output back into the parent', () => {
    const topic = byAddress.get('Parent/Topic')!;
    expect(isUnknown(topic.properties.DisplayName)).toBe(true);
    expect((topic.properties.DisplayName as Unknown).references).toEqual([
      { address: 'Parent/NetworkNestedStack/Subnet', attribute: 'Ref' },
    ]);
  });

  it('marks the nested-stack shell and CDKMetadata as overhead, with why', () => {
    expect(byAddress.get('Parent/NetworkNestedStack')?.role).toBe('overhead');
    expect(byAddress.get('Parent/NetworkNestedStack')?.overheadReason).toMatch(/nested stack/);
    expect(byAddress.get('Parent/CDKMetadata')?.overheadReason).toBe('CDK version reporting (CDKMetadata)');
    expect(byAddress.get('Parent/Vpc')?.role).toBe('core');
  });

  it('uses aws:cdk:path as the display name and applies stack tags to taggable resources', () => {
    expect(byAddress.get('Parent/Vpc')?.displayName).toBe('Parent/Vpc/Resource');
    expect(byAddress.get('Parent/Vpc')?.defaultTags).toEqual({ team: 'core' });
    expect(byAddress.get('Parent/Vpc')?.kind).toBe('vpc');
  });

  it('refuses an assembly with missing context, naming the context', () => {
    const error = errorOf(() => readCdkAssembly(join(FIXTURES, 'cdk-missing-context'), 'fixture', PLACEMENT));
    expect(error.code).toBe('MISSING_CONTEXT');
    expect(error.message).toContain(
      'availability-zones:account=123456789012:region=eu-west-1 (availability-zones)',
    );
  });

  it('says when the folder is not an assembly', () => {
    const error = errorOf(() => readCdkAssembly(join(FIXTURES, 'nowhere'), 'fixture', PLACEMENT));
    expect(error.code).toBe('ARTIFACT_MISSING');
  });
});

describe('an aws-eks (v1) app', () => {
  const inventory = readCdkAssembly(join(FIXTURES, 'cdk-eks-v1'), 'legacy', PLACEMENT);

  it('recognises Custom::AWSCDK-EKS-Cluster as the cluster and its provider as overhead', () => {
    const cluster = inventory.resources.find(
      (resource) => resource.nativeType === 'Custom::AWSCDK-EKS-Cluster',
    )!;
    expect(cluster.kind).toBe('eks-cluster');
    expect(cluster.role).toBe('core');
    const overhead = inventory.resources
      .filter((resource) => resource.role === 'overhead')
      .map((resource) => resource.nativeType)
      .sort();
    expect(overhead).toEqual(['AWS::IAM::Role', 'AWS::Lambda::Function']);
  });

  it('compares like any cluster', () => {
    const observed = observe(inventory);
    expect(observed.cluster).toMatchObject({
      name: 'legacy',
      version: '1.33',
      endpointPrivateAccess: true,
      endpointPublicAccess: true,
      publicAccessCidrs: ['0.0.0.0/0'],
      logging: ['api', 'audit'],
      authenticationMode: 'API_AND_CONFIG_MAP',
    });
    expect(observed.clusterRole?.managedPolicyArns).toEqual([
      'arn:aws:iam::aws:policy/AmazonEKSClusterPolicy',
    ]);
    expect(observed.clusterRole?.servicePrincipals).toEqual(['eks.amazonaws.com']);
  });
});
