/**
 * Which comes first when a resource is replaced — the new one, or the deletion of the old one — as
 * each tool decides it, before any particular change:
 *
 * - CloudFormation creates every replacement first and deletes the old resources in its cleanup
 *   phase ("Update behaviors of stack resources", Replacement: "creates a new resource … then
 *   deletes the old resource").
 * - Terraform destroys first unless `lifecycle.create_before_destroy` is set — and a resource that
 *   sets it forces it on everything it depends on, which cannot be overridden
 *   (hashicorp/terraform docs/destroying.md, "Forced Create Before Destroy"; the lifecycle
 *   meta-argument page says the same). CDKTF runs the same Terraform, so the same holds.
 * - Pulumi creates first unless `deleteBeforeReplace` is set; its providers can ask for delete-first
 *   on a change (a fixed name: see replacementOrderOf in plan.ts).
 */
import type { Inventory, InventoryResource } from '../model/inventory.js';
import type { ReplacementOrder } from './model.js';

export interface OrderVerdict {
  readonly order: ReplacementOrder;
  readonly why: string;
  /** For Terraform: the create_before_destroy resource this one inherits it from. */
  readonly forcedBy?: string;
}

const isPulumi = (resource: InventoryResource) => resource.address.startsWith('urn:pulumi:');

/** The resources `resource` depends on, by address: its references and explicit depends_on. */
export function dependenciesOf(resource: InventoryResource): string[] {
  const out = new Set<string>();
  for (const edge of resource.references) if (edge.target !== resource.address) out.add(edge.target);
  for (const address of resource.dependsOn) if (address !== resource.address) out.add(address);
  return [...out];
}

/**
 * Terraform's forced create_before_destroy: every resource a create_before_destroy resource depends
 * on, directly or not, is replaced new-first too. Breadth-first from each such resource, bounded by
 * the inventory's size.
 */
function forcedCreateBeforeDestroy(inventory: Inventory): Map<string, string> {
  const byAddress = new Map(inventory.resources.map((resource) => [resource.address, resource]));
  const forced = new Map<string, string>();
  for (const origin of inventory.resources) {
    if (origin.lifecycle.replacementOrder !== 'create-before-destroy') continue;
    if (origin.dialect !== 'terraform' || isPulumi(origin)) continue;
    const queue = dependenciesOf(origin);
    for (let steps = 0; queue.length > 0 && steps < inventory.resources.length * 4; steps++) {
      const address = queue.shift()!;
      const target = byAddress.get(address);
      if (!target || forced.has(address)) continue;
      forced.set(address, origin.displayName);
      queue.push(...dependenciesOf(target));
    }
  }
  return forced;
}

/** The replacement order of every resource of one inventory, with why. */
export function replacementOrders(inventory: Inventory): Map<string, OrderVerdict> {
  const out = new Map<string, OrderVerdict>();
  const terraform = inventory.resources.some(
    (resource) => resource.dialect === 'terraform' && !isPulumi(resource),
  );
  const forced = terraform ? forcedCreateBeforeDestroy(inventory) : new Map<string, string>();
  for (const resource of inventory.resources) {
    if (resource.dialect === 'cloudformation') {
      out.set(resource.address, {
        order: 'create-first',
        why: 'CloudFormation creates the replacement, then deletes the old resource in its cleanup phase',
      });
    } else if (isPulumi(resource)) {
      out.set(
        resource.address,
        resource.lifecycle.replacementOrder === 'destroy-before-create'
          ? { order: 'delete-first', why: 'deleteBeforeReplace is set' }
          : { order: 'create-first', why: "Pulumi's default: the replacement is created first" },
      );
    } else if (resource.lifecycle.replacementOrder === 'create-before-destroy') {
      out.set(resource.address, { order: 'create-first', why: 'lifecycle.create_before_destroy is set' });
    } else if (forced.has(resource.address)) {
      const origin = forced.get(resource.address)!;
      out.set(resource.address, {
        order: 'create-first',
        why: `create_before_destroy is forced on it: ${origin} sets it and depends on it, and Terraform propagates it to every dependency ("Forced Create Before Destroy", hashicorp/terraform docs/destroying.md)`,
        forcedBy: origin,
      });
    } else {
      out.set(resource.address, {
        order: 'delete-first',
        why: "Terraform's default: the old resource is destroyed, then the new one created",
      });
    }
  }
  return out;
}
