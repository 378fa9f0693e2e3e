/** An inventory as a graph: resources by address and kind, and who points at whom through which property. */
import type { Inventory, InventoryResource, ReferenceEdge } from '../model/inventory.js';
import type { FieldPath } from './views.js';

/** `vpc_config[0].subnet_ids[2]` → `vpc_config.subnet_ids`. */
function plainPath(path: string): string {
  return path.replace(/\[\d+\]/g, '');
}

export class ResourceGraph {
  readonly byAddress = new Map<string, InventoryResource>();
  private readonly stackOrder: Readonly<Record<string, readonly string[]>>;
  private readonly byKind = new Map<string, InventoryResource[]>();
  private readonly incoming = new Map<string, { source: InventoryResource; edge: ReferenceEdge }[]>();

  constructor(inventory: Inventory) {
    this.stackOrder = inventory.stackOrder ?? {};
    for (const resource of inventory.resources) {
      if (resource.role !== 'core') continue;
      this.byAddress.set(resource.address, resource);
      if (resource.kind) {
        const list = this.byKind.get(resource.kind);
        if (list) list.push(resource);
        else this.byKind.set(resource.kind, [resource]);
      }
    }
    for (const resource of this.byAddress.values()) {
      for (const edge of resource.references) {
        const list = this.incoming.get(edge.target) ?? [];
        list.push({ source: resource, edge });
        this.incoming.set(edge.target, list);
      }
    }
  }

  ofKind(kind: string): InventoryResource[] {
    return this.byKind.get(kind) ?? [];
  }

  /** Whether an edge sits at (or, for Pulumi's coarse top-level edges, above) the field. */
  private static edgeAt(resource: InventoryResource, edge: ReferenceEdge, field: FieldPath): boolean {
    const want = field[resource.dialect].join('.');
    const have = plainPath(edge.path);
    return have === want || have.startsWith(`${want}.`) || want.startsWith(`${have}.`);
  }

  /** Resources of `kind` that `resource` points at through `field`. */
  targets(resource: InventoryResource, field: FieldPath, kind?: string): InventoryResource[] {
    const found = new Map<string, InventoryResource>();
    for (const edge of resource.references) {
      if (!ResourceGraph.edgeAt(resource, edge, field)) continue;
      const target = this.byAddress.get(edge.target);
      if (target && (!kind || target.kind === kind)) found.set(target.address, target);
    }
    return [...found.values()];
  }

  /** Resources of `kind` that point at `resource` (through `field` when given). */
  referrers(resource: InventoryResource, kind: string, field?: FieldPath): InventoryResource[] {
    const found = new Map<string, InventoryResource>();
    for (const { source, edge } of this.incoming.get(resource.address) ?? []) {
      if (source.kind !== kind) continue;
      if (field && !ResourceGraph.edgeAt(source, edge, field)) continue;
      found.set(source.address, source);
    }
    return [...found.values()];
  }

  /** Whether stack `later` is created after stack `earlier` (it imports its exports, maybe through others). */
  private stackAfter(later: string, earlier: string): boolean {
    const seen = new Set<string>();
    const queue = [later];
    for (let head = 0; head < queue.length && head < 1000; head++) {
      for (const next of this.stackOrder[queue[head]!] ?? []) {
        if (next === earlier) return true;
        if (!seen.has(next)) {
          seen.add(next);
          queue.push(next);
        }
      }
    }
    return false;
  }

  /**
   * Whether `from` is created after `to`: it depends on it directly or through others (references
   * and dependsOn), or sits in a stack created after `to`'s.
   */
  reaches(from: InventoryResource, to: InventoryResource): boolean {
    const stackOf = (resource: InventoryResource) => resource.address.split('/')[0]!;
    if (Object.keys(this.stackOrder).length > 0 && this.stackAfter(stackOf(from), stackOf(to))) return true;
    const seen = new Set<string>([from.address]);
    const queue = [from.address];
    for (let head = 0; head < queue.length; head++) {
      const address = queue[head]!;
      const resource = this.byAddress.get(address);
      if (!resource) continue;
      for (const next of [...resource.references.map((edge) => edge.target), ...resource.dependsOn]) {
        if (next === to.address) return true;
        if (!seen.has(next)) {
          seen.add(next);
          queue.push(next);
        }
      }
    }
    return false;
  }
}
