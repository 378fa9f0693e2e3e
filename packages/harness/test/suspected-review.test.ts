/**
 * The suspected-defects review (2026-12-07), its classes checked on hand-built inventories:
 * S5, a Secret whose stringData an apply keeps after a key is removed; S4, a node group update
 * config with neither limit; S2, what a CloudFormation deploy of new scaling numbers may do to an
 * autoscaler's desired size.
 */
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_LIFECYCLE,
  INVENTORY_SCHEMA_VERSION,
  type Inventory,
  type InventoryResource,
} from '../src/model/inventory.js';
import type { ValueObject } from '../src/model/value.js';
import { planInventories } from '../src/plan/plan.js';
import { checkServiceQuirks, SERVICE_QUIRKS } from '../src/validate/service-quirks.js';

function resource(
  nativeType: string,
  properties: ValueObject,
  dialect: InventoryResource['dialect'],
  kind: InventoryResource['kind'] = null,
) {
  return {
    address: `${nativeType}.secret`,
    displayName: nativeType,
    nativeType,
    kind,
    dialect,
    role: 'core',
    properties,
    references: [],
    dependsOn: [],
    lifecycle: DEFAULT_LIFECYCLE.terraform,
  } satisfies InventoryResource;
}

function inventory(source: Inventory['source'], resources: InventoryResource[]): Inventory {
  return { schemaVersion: INVENTORY_SCHEMA_VERSION, implementation: 'x', source, resources, diagnostics: [] };
}

const secret = (values: ValueObject) => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 'phoenix-secrets', namespace: 'phoenix' },
  type: 'Opaque',
  ...values,
});

const stringDataFindings = (inv: Inventory) =>
  checkServiceQuirks(inv).filter((finding) => finding.rule === SERVICE_QUIRKS.secretStringDataApplied.id);

describe('a Secret applied with stringData (review S5)', () => {
  it('is flagged on CDK’s kubectl manifest, naming the object and the fix', () => {
    const cdk = (object: ValueObject) =>
      inventory('cloudformation', [
        resource(
          'Custom::AWSCDK-EKS-KubernetesResource',
          { Manifest: JSON.stringify([object]) },
          'cloudformation',
        ),
      ]);
    const findings = stringDataFindings(cdk(secret({ stringData: { A: 'x' } })));
    expect(findings).toHaveLength(1);
    expect(findings[0]!.severity).toBe('warning');
    expect(findings[0]!.message).toMatch(/Secret phoenix\/phoenix-secrets is applied with stringData/);
    expect(findings[0]!.message).toMatch(/empty value.*base64-encoded in data/);
    expect(stringDataFindings(cdk(secret({ data: { A: 'eA==' } })))).toEqual([]);
    expect(
      stringDataFindings(cdk({ ...secret({}), kind: 'ConfigMap', stringData: { A: 'x' } } as ValueObject)),
    ).toEqual([]);
  });

  it('is flagged on kubernetes_manifest (server-side apply), not on kubernetes_secret_v1 or Pulumi', () => {
    const manifest = inventory('terraform', [
      resource('kubernetes_manifest', { manifest: secret({ stringData: { A: 'x' } }) }, 'terraform'),
    ]);
    expect(stringDataFindings(manifest).map((f) => f.message)).toEqual([
      expect.stringMatching(/server-side apply leaves it .* with its old value/),
    ]);
    const typed = inventory('terraform', [
      resource(
        'kubernetes_secret_v1',
        { metadata: [{ name: 'phoenix-secrets', namespace: 'phoenix' }], data: { A: 'x' } },
        'terraform',
      ),
    ]);
    expect(stringDataFindings(typed)).toEqual([]);
    const pulumi = inventory('pulumi', [
      resource(
        'kubernetes:core/v1:Secret',
        { metadata: { name: 'phoenix-secrets', namespace: 'phoenix' }, stringData: { A: 'x' } },
        'terraform',
      ),
    ]);
    expect(stringDataFindings(pulumi)).toEqual([]);
  });
});

describe('a node group update config with neither limit (review S4)', () => {
  const findings = (inv: Inventory) =>
    checkServiceQuirks(inv).filter(
      (finding) => finding.rule === SERVICE_QUIRKS.emptyNodeGroupUpdateConfig.id,
    );
  const cfn = (properties: ValueObject) =>
    inventory('cloudformation', [
      resource('AWS::EKS::Nodegroup', properties, 'cloudformation', 'eks-node-group'),
    ]);
  const tf = (properties: ValueObject) =>
    inventory('terraform', [resource('aws_eks_node_group', properties, 'terraform', 'eks-node-group')]);

  it('is an error in CloudFormation and in Terraform’s block form', () => {
    expect(findings(cfn({ UpdateConfig: {} })).map((f) => [f.severity, f.property])).toEqual([
      ['error', 'UpdateConfig'],
    ]);
    expect(findings(cfn({ UpdateConfig: {} }))[0]!.message).toMatch(/EKS requires one of the two/);
    expect(findings(tf({ update_config: [{}] })).map((f) => f.property)).toEqual(['update_config']);
    expect(findings(tf({ update_config: [{ max_unavailable: null }] }))).toHaveLength(1);
  });

  it('is fine with one limit, or with no update config at all', () => {
    expect(findings(cfn({ UpdateConfig: { MaxUnavailablePercentage: 33 } }))).toEqual([]);
    expect(findings(cfn({ UpdateConfig: { MaxUnavailable: 1 } }))).toEqual([]);
    expect(findings(cfn({}))).toEqual([]);
    expect(findings(tf({ update_config: [{ max_unavailable_percentage: 33 }] }))).toEqual([]);
    expect(findings(tf({}))).toEqual([]);
  });
});

describe('new scaling numbers in CloudFormation (review S2)', () => {
  const group = (min: number, desired: number, max: number) => ({
    ...resource(
      'AWS::EKS::Nodegroup',
      { ScalingConfig: { MinSize: min, DesiredSize: desired, MaxSize: max } },
      'cloudformation',
      'eks-node-group',
    ),
    lifecycle: DEFAULT_LIFECYCLE.cloudformation,
  });
  const notesOf = (before: InventoryResource, after: InventoryResource) =>
    planInventories(inventory('cloudformation', [before]), inventory('cloudformation', [after]))[0]?.note;

  it('a new min or max says the template’s DesiredSize may be sent again', () => {
    expect(notesOf(group(2, 2, 4), group(2, 2, 6))).toEqual(
      expect.stringMatching(
        /may send DesiredSize 2 .* resetting a desired size the cluster autoscaler changed/,
      ),
    );
  });

  it('says nothing when the desired size itself changes (the resize is the intent) or nothing scales', () => {
    expect(notesOf(group(2, 2, 4), group(2, 3, 6)) ?? '').not.toMatch(/DesiredSize/);
    expect(notesOf(group(2, 2, 4), group(2, 2, 4))).toBeUndefined();
  });
});
