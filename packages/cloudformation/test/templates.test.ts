import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CLOUDFORMATION_SLOTS,
  checkEnvelope,
  loadEnvelope,
  loadTarget,
  type TargetSpec,
  toCloudFormationParameters,
} from '@iac-compare/spec';
import { arbitraryTargetWithin } from '@iac-compare/spec/arbitraries';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PACKAGE_DIR, synthesize, TEMPLATES_DIR } from '../src/synthesize.js';
import { loadTemplate, walk } from './cfn-yaml.js';

const network = loadTemplate(join(TEMPLATES_DIR, 'network.yaml'));
const cluster = loadTemplate(join(TEMPLATES_DIR, 'cluster.yaml'));
const envelope = loadEnvelope(join(PACKAGE_DIR, 'envelope.json'));
const PSEUDO = [
  'AWS::Region',
  'AWS::AccountId',
  'AWS::Partition',
  'AWS::StackName',
  'AWS::StackId',
  'AWS::URLSuffix',
  'AWS::NoValue',
];

/** Logical IDs the template declares, with Fn::ForEach expanded by name pattern. */
function declaredNames(template: Record<string, any>): Set<string> {
  const names = new Set<string>([...Object.keys(template.Parameters ?? {}), ...PSEUDO]);
  for (const key of Object.keys(template.Resources ?? {})) names.add(key);
  return names;
}

/** Loop identifiers of every Fn::ForEach, which Ref and ${} may use inside the loop. */
function loopIdentifiers(template: Record<string, any>): Set<string> {
  const identifiers = new Set<string>();
  walk(template, (object) => {
    for (const [key, value] of Object.entries(object)) {
      if (key.startsWith('Fn::ForEach::') && Array.isArray(value)) identifiers.add(String(value[0]));
    }
  });
  return identifiers;
}

describe.each([
  // The network stack avoids the transform: under it a false-conditioned resource's Fn::Select
  // still fails (cfn-language-discussion#159), so a two-AZ or no-intra stack would not deploy.
  ['network.yaml', network, undefined],
  ['cluster.yaml', cluster, 'AWS::LanguageExtensions'],
])('%s', (_file, template, transform) => {
  it('uses the transform it needs (or none) and describes every parameter type', () => {
    expect(template.AWSTemplateFormatVersion).toBe('2010-09-09');
    expect(template.Transform).toBe(transform);
    for (const [name, parameter] of Object.entries<Record<string, unknown>>(template.Parameters)) {
      expect(
        ['String', 'Number', 'CommaDelimitedList', 'List<AWS::EC2::AvailabilityZone::Name>'],
        name,
      ).toContain(parameter.Type);
    }
  });

  it('refers only to what it declares: parameters, resources, pseudo parameters, conditions, mappings', () => {
    const names = declaredNames(template);
    const identifiers = loopIdentifiers(template);
    const conditions = new Set(Object.keys(template.Conditions ?? {}));
    const mappings = new Set(Object.keys(template.Mappings ?? {}));
    walk(template, (object) => {
      if (typeof object.Ref === 'string' && !identifiers.has(object.Ref))
        expect(names, `Ref ${object.Ref}`).toContain(object.Ref);
      const getAtt = object['Fn::GetAtt'];
      if (Array.isArray(getAtt)) expect(Object.keys(template.Resources)).toContain(getAtt[0]);
      if (typeof object.Condition === 'string')
        expect(conditions, `Condition ${object.Condition}`).toContain(object.Condition);
      const ifArgs = object['Fn::If'];
      if (Array.isArray(ifArgs)) expect(conditions, `Fn::If ${ifArgs[0]}`).toContain(ifArgs[0]);
      const findInMap = object['Fn::FindInMap'];
      if (Array.isArray(findInMap)) expect(mappings).toContain(findInMap[0]);
      const sub = object['Fn::Sub'];
      if (typeof sub === 'string') {
        for (const [, variable] of sub.matchAll(/\$\{([^!}][^}]*)\}/g)) {
          const name = variable!.split('.')[0]!;
          if (!identifiers.has(name)) expect(names, `\${${variable}} in Fn::Sub`).toContain(name);
        }
      }
    });
  });
});

describe('the stacks together', () => {
  it('imports only what the network stack exports', () => {
    const exported = Object.values<Record<string, any>>(network.Outputs).map((output) =>
      String(output.Export.Name['Fn::Sub']).replace('${AWS::StackName}', '${NetworkStackName}'),
    );
    const imported: string[] = [];
    walk(cluster, (object) => {
      const value = object['Fn::ImportValue'] as Record<string, unknown> | undefined;
      if (value) imported.push(String(value['Fn::Sub']));
    });
    expect(imported.length).toBeGreaterThan(0);
    for (const name of imported) expect(exported).toContain(name);
  });

  it('shows the anatomy: AZ list type, mappings, conditions and exported outputs', () => {
    expect(network.Parameters.AvailabilityZones.Type).toBe('List<AWS::EC2::AvailabilityZone::Name>');
    expect(network.Mappings.NatLayout['per-az']).toEqual({ FirstAz: 'true', OtherAzs: 'true' });
    expect(cluster.Mappings.NodeVolume.BOTTLEROCKET.DeviceName).toBe('/dev/xvdb');
    expect(Object.keys(network.Conditions)).toEqual(
      expect.arrayContaining(['HasNat', 'NatPerAz', 'HasIntraTier', 'HasThirdAz']),
    );
    expect(Object.keys(cluster.Conditions)).toEqual(
      expect.arrayContaining(['HasNodeGroup2', 'HasAccessEntry1']),
    );
    expect(network.Parameters.VpcCidr.AllowedPattern).toBeDefined();
    for (const output of Object.values<Record<string, any>>(network.Outputs))
      expect(output.Export).toBeDefined();
  });

  it('has exactly the slots the exporter and envelope.json declare', () => {
    const resources = Object.keys(cluster.Resources);
    const slots = (prefix: string) =>
      resources.filter((name) => new RegExp(`^${prefix}\\d$`).test(name)).length;
    expect(slots('NodeGroup')).toBe(CLOUDFORMATION_SLOTS.nodeGroups);
    expect(slots('AccessEntry')).toBe(CLOUDFORMATION_SLOTS.accessEntries);
    expect(Object.keys(network.Resources).filter((name) => /^PublicSubnet\d$/.test(name))).toHaveLength(
      CLOUDFORMATION_SLOTS.availabilityZones.max,
    );
    const labelLoops = Object.keys(cluster.Resources.NodeGroup1.Properties.Labels);
    expect(labelLoops).toHaveLength(CLOUDFORMATION_SLOTS.labelsPerNodeGroup);
    expect(cluster.Resources.NodeGroup1.Properties.Taints).toHaveLength(
      CLOUDFORMATION_SLOTS.taintsPerNodeGroup,
    );
    expect(envelope.availabilityZones).toEqual({ min: 2, max: CLOUDFORMATION_SLOTS.availabilityZones.max });
    expect(envelope.nodeGroups.max).toBe(CLOUDFORMATION_SLOTS.nodeGroups);
    expect(envelope.labelsPerNodeGroup.max).toBe(CLOUDFORMATION_SLOTS.labelsPerNodeGroup);
    expect(envelope.taintsPerNodeGroup.max).toBe(CLOUDFORMATION_SLOTS.taintsPerNodeGroup);
    expect(envelope.accessEntries.max).toBe(CLOUDFORMATION_SLOTS.accessEntries);
    expect(envelope.policiesPerAccessEntry.max).toBe(CLOUDFORMATION_SLOTS.policiesPerAccessEntry);
    expect(envelope.tags.max).toBe(CLOUDFORMATION_SLOTS.tags);
    expect(Object.keys(cluster.Parameters).filter((name) => /^Tag\dKey$/.test(name))).toHaveLength(
      CLOUDFORMATION_SLOTS.tags,
    );
  });

  it('never names a parameter and a resource alike (CloudFormation rejects it: F3007)', () => {
    for (const template of [network, cluster]) {
      const clash = Object.keys(template.Parameters).filter((name) =>
        Object.hasOwn(template.Resources, name),
      );
      expect(clash).toEqual([]);
    }
  });

  it('generates only alphanumeric label keys, as Fn::ForEach output keys must be (RFC 0009)', () => {
    for (const [name, parameter] of Object.entries<Record<string, unknown>>(cluster.Parameters)) {
      if (/^NodeGroup\dLabel\dKey$/.test(name)) expect(String(parameter.Default)).toMatch(/^[A-Za-z0-9]+$/);
    }
    expect(envelope.labelKeys?.pattern).toBe('^[A-Za-z0-9]+$');
  });

  it('always sends the endpoint settings CloudFormation requires it to keep once set', () => {
    // "you must include these properties if the previous CloudFormation template of the resource had
    // them" (AWS::EKS::Cluster ResourcesVpcConfig): no condition may drop one, so turning the public
    // endpoint off stays deployable.
    const config = cluster.Resources.Cluster.Properties.ResourcesVpcConfig;
    expect(config.EndpointPublicAccess).toEqual({ Ref: 'EndpointPublicAccess' });
    expect(config.EndpointPrivateAccess).toEqual({ Ref: 'EndpointPrivateAccess' });
    expect(config.PublicAccessCidrs).toEqual({ Ref: 'PublicAccessCidrs' });
    const base = loadTarget();
    const privateOnly: TargetSpec = {
      ...base,
      cluster: { ...base.cluster, endpoint: { privateAccess: true, publicAccess: false } },
    };
    expect(toCloudFormationParameters(privateOnly).cluster.PublicAccessCidrs).toBe('0.0.0.0/0');
    const restricted: TargetSpec = {
      ...base,
      cluster: {
        ...base.cluster,
        endpoint: { privateAccess: true, publicAccess: true, publicAccessCidrs: ['203.0.113.0/24'] },
      },
    };
    expect(toCloudFormationParameters(restricted).cluster.PublicAccessCidrs).toBe('203.0.113.0/24');
  });

  it('creates node groups without a custom name, so CloudFormation can replace them', () => {
    for (const slot of [1, 2, 3]) {
      const properties = cluster.Resources[`NodeGroup${slot}`].Properties;
      expect(properties.NodegroupName).toBeUndefined();
      expect(properties.Tags).toEqual({ Name: { Ref: `NodeGroup${slot}Name` } });
    }
  });
});

/** Checks parameter values as CloudFormation would before creating a stack. */
function checkParameters(template: Record<string, any>, values: Record<string, string>): string[] {
  const problems: string[] = [];
  const declared = template.Parameters as Record<string, Record<string, any>>;
  for (const name of Object.keys(values)) if (!declared[name]) problems.push(`${name} is not a parameter`);
  for (const [name, parameter] of Object.entries(declared)) {
    const value = values[name] ?? parameter.Default;
    if (value === undefined) {
      problems.push(`${name} has no value and no default`);
      continue;
    }
    const text = String(value);
    if (parameter.AllowedValues && !parameter.AllowedValues.map(String).includes(text))
      problems.push(`${name}=${text} not allowed`);
    if (parameter.AllowedPattern && !new RegExp(parameter.AllowedPattern).test(text))
      problems.push(`${name}=${text} breaks its pattern`);
    if (parameter.Type === 'Number') {
      const number = Number(text);
      if (Number.isNaN(number)) problems.push(`${name}=${text} is not a number`);
      if (parameter.MinValue !== undefined && number < parameter.MinValue)
        problems.push(`${name} below MinValue`);
      if (parameter.MaxValue !== undefined && number > parameter.MaxValue)
        problems.push(`${name} above MaxValue`);
    }
    if (parameter.MaxLength !== undefined && text.length > parameter.MaxLength)
      problems.push(`${name} too long`);
  }
  return problems;
}

describe('parameter files from the spec', () => {
  it('cover every parameter of both templates and satisfy their constraints, for the default target', () => {
    const set = toCloudFormationParameters(loadTarget());
    expect(Object.keys(set.network).sort()).toEqual(Object.keys(network.Parameters).sort());
    expect(Object.keys(set.cluster).sort()).toEqual(Object.keys(cluster.Parameters).sort());
    expect(checkParameters(network, set.network)).toEqual([]);
    expect(checkParameters(cluster, set.cluster)).toEqual([]);
  });

  it('satisfy the constraints for every target inside the envelope', () => {
    fc.assert(
      fc.property(arbitraryTargetWithin(envelope), (spec: TargetSpec) => {
        expect(checkEnvelope(spec, envelope)).toEqual([]);
        const set = toCloudFormationParameters(spec);
        expect(checkParameters(network, set.network)).toEqual([]);
        expect(checkParameters(cluster, set.cluster)).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  it('synth writes templates, parameter lists, tags and the stack plan, replacing the old output whole', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'cfn-')), 'out');
    const result = await synthesize(loadTarget(), out);
    expect(result.artifacts[0]?.id).toBe('cloudformation');
    const plan = JSON.parse(readFileSync(join(out, 'stacks.json'), 'utf8'));
    expect(plan.stacks.map((stack: { name: string }) => stack.name)).toEqual([
      'iac-compare-demo-network',
      'iac-compare-demo-cluster',
    ]);
    const parameters = JSON.parse(readFileSync(join(out, 'cluster.parameters.json'), 'utf8'));
    expect(parameters).toContainEqual({
      ParameterKey: 'NetworkStackName',
      ParameterValue: 'iac-compare-demo-network',
    });
    expect(JSON.parse(readFileSync(join(out, 'tags.json'), 'utf8'))).toContainEqual({
      Key: 'project',
      Value: 'iac-compare',
    });
    expect(readFileSync(join(out, 'network.yaml'), 'utf8')).toBe(
      readFileSync(join(TEMPLATES_DIR, 'network.yaml'), 'utf8'),
    );
  });
});
