/**
 * Fn::ImportValue across stacks (test/fixtures/cloudformation/multi-stack): a stack checked alone
 * takes its imports at deploy from the stack that exports them, so they are Unknown with that
 * reason (not an error); given with the exporting stack, in either order, they resolve.
 */
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readStackPlan } from '../src/cloudformation/stack-plan.js';
import { isUnknown, type Unknown } from '../src/model/value.js';

const FIXTURE = join(import.meta.dirname, 'fixtures', 'cloudformation', 'multi-stack');

/** A stack plan folder as `check --cloudformation net=network.yaml app=app.yaml` writes it. */
function stackPlan(stacks: readonly { name: string; template: string }[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'import-value-'));
  for (const stack of stacks) copyFileSync(join(FIXTURE, stack.template), join(dir, stack.template));
  writeFileSync(
    join(dir, 'stacks.json'),
    JSON.stringify({
      schemaVersion: 1,
      account: '111122223333',
      region: 'eu-west-1',
      stacks: stacks.map((stack) => ({ name: stack.name, template: stack.template })),
    }),
  );
  return dir;
}

const vpcIdOf = (inventory: ReturnType<typeof readStackPlan>) =>
  inventory.resources.find((resource) => resource.address === 'app/AppSecurityGroup')!.properties.VpcId;

describe('Fn::ImportValue', () => {
  it('is Unknown, given at deploy by the exporting stack, when that stack is not checked', () => {
    const inventory = readStackPlan(stackPlan([{ name: 'app', template: 'app.yaml' }]), 'yours');
    const vpcId = vpcIdOf(inventory) as Unknown;
    expect(isUnknown(vpcId)).toBe(true);
    expect(vpcId.reason).toBe('missing-input');
    expect(vpcId.detail).toBe('given at deploy by the stack that exports net-VpcId');
    const endpoint = inventory.resources.find((resource) => resource.address === 'app/AppEndpoint')!;
    expect((endpoint.properties.SubnetIds as Unknown).detail).toBe(
      'given at deploy by the stack that exports net-PublicSubnets',
    );
  });

  it('resolves an export of a stack checked with it, whichever order the templates come in', () => {
    for (const order of [
      [
        { name: 'net', template: 'network.yaml' },
        { name: 'app', template: 'app.yaml' },
      ],
      [
        { name: 'app', template: 'app.yaml' },
        { name: 'net', template: 'network.yaml' },
      ],
    ]) {
      const inventory = readStackPlan(stackPlan(order), 'yours');
      expect((vpcIdOf(inventory) as Unknown).references).toEqual([{ address: 'net/VPC', attribute: 'Ref' }]);
      const endpoint = inventory.resources.find((resource) => resource.address === 'app/AppEndpoint')!;
      expect((endpoint.properties.SubnetIds as Unknown).references).toEqual([
        { address: 'net/PublicSubnetOne', attribute: 'Ref' },
        { address: 'net/PublicSubnetTwo', attribute: 'Ref' },
      ]);
      // The application stack is deployed after the network stack it imports from.
      expect(inventory.stackOrder).toEqual({ app: ['net'] });
    }
  });
});
