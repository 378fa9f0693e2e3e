/**
 * Replacements and creations that collide with what still exists when they run. A tool that creates
 * the replacement first (CloudFormation always; Pulumi by default; Terraform under
 * create_before_destroy, set or inherited) briefly has the old and the new resource side by side —
 * and AWS refuses two of some things at once:
 *
 * - a fixed name (CloudFormation custom names; Terraform names under create_before_destroy);
 * - overlapping subnet CIDR blocks in one VPC (CreateSubnet: InvalidSubnet.Conflict, "The CIDR
 *   'x' conflicts with another subnet", EC2 API error codes);
 * - two routes to one destination in one route table (CreateRoute: RouteAlreadyExists);
 * - two NAT gateways on one Elastic IP allocation (CreateNatGateway: the allocation is already
 *   associated; "An Elastic IP address can be associated with one NAT gateway", VPC User Guide, NAT
 *   gateway basics).
 *
 * CloudFormation and Pulumi delete removed resources last (CloudFormation's cleanup phase; Pulumi's
 * deletes run after creates and updates), so a create also collides with a resource the same plan
 * deletes. Terraform orders an unrelated destroy and create freely, so there it is a race, noted.
 */
import type { InventoryResource } from '../model/inventory.js';
import { isUnknown, type Value } from '../model/value.js';
import { bitsOf, type IpNetwork, networkBase, parseCidr } from '../net/cidr.js';
import { sameValue, valueReferences } from './diff.js';
import { addFailure, addNote, changing, type Draft, type PlanContext } from './draft.js';
import { fixedNameOf } from './names.js';

const isPulumi = (resource: InventoryResource) => resource.address.startsWith('urn:pulumi:');
const isTerraform = (resource: InventoryResource) => resource.dialect === 'terraform' && !isPulumi(resource);

/** The property a resource takes from `names`, in whichever tool's spelling. */
function property(resource: InventoryResource, ...names: string[]): Value | undefined {
  for (const name of names) {
    const value = resource.properties[name];
    if (value !== undefined) return value;
  }
  return undefined;
}

/** The resource an Unknown reference points at (one address), else undefined. */
function pointsAt(value: Value | undefined): string | undefined {
  if (!value || !isUnknown(value)) return undefined;
  const addresses = [...new Set(valueReferences(value).map((reference) => reference.address))];
  return addresses.length === 1 ? addresses[0] : undefined;
}

/** Whether a resource this one lives in (its VPC, its route table) keeps its identity through the plan. */
function kept(context: PlanContext, address: string | undefined): boolean {
  if (!address) return false;
  const draft = context.drafts.get(address);
  return draft !== undefined && (draft.action === null || draft.action === 'update');
}

/** A new resource that exists alongside `old` for a while: created first, or created while old is deleted last. */
function coexists(draft: Draft): boolean {
  if (draft.action === 'replace') return draft.order?.order === 'create-first';
  return draft.action === 'create';
}

/** Resources whose old version still exists while `draft`'s new one is created. */
function stillThere(
  context: PlanContext,
  draft: Draft,
  kind: string,
): { resource: InventoryResource; race: boolean }[] {
  const out: { resource: InventoryResource; race: boolean }[] = [];
  for (const other of context.before.resources) {
    if (other.kind !== kind) continue;
    const otherDraft = context.drafts.get(other.address);
    if (!otherDraft) continue;
    if (other.address === draft.resource.address) {
      if (draft.action === 'replace' && draft.order?.order === 'create-first')
        out.push({ resource: other, race: false });
      continue;
    }
    if (otherDraft.action === null || otherDraft.action === 'update')
      out.push({ resource: other, race: false });
    else if (otherDraft.action === 'replace' && otherDraft.order?.order === 'create-first')
      out.push({ resource: other, race: false });
    else if (otherDraft.action === 'delete') out.push({ resource: other, race: isTerraform(other) });
  }
  return out;
}

interface Cidr {
  readonly text: string;
  readonly network: IpNetwork;
}

function cidrOf(resource: InventoryResource): Cidr | undefined {
  const value = property(resource, 'CidrBlock', 'cidr_block');
  const network = typeof value === 'string' ? parseCidr(value) : undefined;
  return network && typeof value === 'string' ? { text: value, network } : undefined;
}

/** Two blocks overlap when the shorter prefix contains the other's base address. */
function overlaps(a: Cidr, b: Cidr): boolean {
  if (a.network.version !== b.network.version) return false;
  const prefix = Math.min(a.network.prefixLength, b.network.prefixLength);
  const hostBits = BigInt(bitsOf(a.network.version) - prefix);
  return networkBase(a.network) >> hostBits === networkBase(b.network) >> hostBits;
}

function applySubnetOverlaps(context: PlanContext): void {
  for (const draft of changing(context)) {
    if (draft.resource.kind !== 'subnet' || !coexists(draft)) continue;
    const cidr = cidrOf(draft.resource);
    const vpc = pointsAt(property(draft.resource, 'VpcId', 'vpc_id'));
    if (!cidr || !kept(context, vpc)) continue;
    for (const { resource: other, race } of stillThere(context, draft, 'subnet')) {
      const otherCidr = cidrOf(other);
      if (!otherCidr || pointsAt(property(other, 'VpcId', 'vpc_id')) !== vpc || !overlaps(cidr, otherCidr))
        continue;
      const which =
        other.address === draft.resource.address
          ? 'its own old CIDR'
          : `${other.displayName}'s ${otherCidr.text}`;
      const message = `the new subnet (${cidr.text}) is created while ${which} still exists in the same VPC: EC2 refuses overlapping subnets (InvalidSubnet.Conflict)`;
      if (race)
        addNote(
          draft,
          `${message} — unless Terraform happens to destroy ${other.displayName} first (it does not order the two)`,
        );
      else
        addFailure(draft, `${message}; move the subnet to a free range first, or replace it destroy-first`);
      break;
    }
  }
}

function applyRouteCollisions(context: PlanContext): void {
  for (const draft of changing(context)) {
    if (draft.resource.kind !== 'route' || !coexists(draft)) continue;
    const table = pointsAt(property(draft.resource, 'RouteTableId', 'route_table_id'));
    const destination = property(draft.resource, 'DestinationCidrBlock', 'destination_cidr_block');
    if (!kept(context, table) || destination === undefined) continue;
    for (const { resource: other, race } of stillThere(context, draft, 'route')) {
      if (pointsAt(property(other, 'RouteTableId', 'route_table_id')) !== table) continue;
      if (!sameValue(property(other, 'DestinationCidrBlock', 'destination_cidr_block'), destination))
        continue;
      const message = `the new route to ${String(destination)} is created while ${other.address === draft.resource.address ? 'the old one' : other.displayName} is still in the same route table: EC2 refuses it (RouteAlreadyExists)`;
      if (race) addNote(draft, `${message} — unless Terraform happens to destroy the old route first`);
      else addFailure(draft, `${message}; replace the route destroy-first, or update its target in place`);
      break;
    }
  }
}

function applyNatCollisions(context: PlanContext): void {
  for (const draft of changing(context)) {
    if (draft.resource.kind !== 'nat-gateway' || !coexists(draft)) continue;
    const allocation = pointsAt(property(draft.resource, 'AllocationId', 'allocation_id'));
    if (!kept(context, allocation)) continue;
    for (const { resource: other, race } of stillThere(context, draft, 'nat-gateway')) {
      if (pointsAt(property(other, 'AllocationId', 'allocation_id')) !== allocation) continue;
      const message = `the new NAT gateway is created on the Elastic IP ${other.address === draft.resource.address ? 'the old one' : other.displayName} still holds: an allocation serves one NAT gateway, so CreateNatGateway fails`;
      if (race) addNote(draft, `${message} — unless Terraform destroys the old one first`);
      else
        addFailure(
          draft,
          `${message}; replace the Elastic IP with it, or replace the NAT gateway destroy-first`,
        );
      break;
    }
  }
}

/**
 * A fixed name and a replacement created first: CloudFormation refuses to replace a custom-named
 * resource unless the name changes ("If you must replace the resource, specify a new name");
 * Terraform under create_before_destroy (set or inherited) fails on the name the old one holds.
 */
function applyNameCollisions(context: PlanContext): void {
  for (const draft of changing(context)) {
    if (draft.action !== 'replace' || draft.order?.order !== 'create-first') continue;
    const name = fixedNameOf(draft.resource);
    if (!name) continue;
    // A replacement in another region does not meet its old self: EKS, log group and launch
    // template names are unique per region.
    if (draft.changes.some((change) => change.path === '(region)')) continue;
    const renamed = draft.changes.some(
      (change) => change.path === name.property && !sameValue(change.before, change.after),
    );
    if (renamed) continue;
    if (draft.resource.dialect === 'cloudformation') {
      addFailure(
        draft,
        `${name.property} is set and unchanged: CloudFormation cannot replace a custom-named resource under the same name, so this stack update fails ("If you must replace the resource, specify a new name")`,
      );
    } else if (isTerraform(draft.resource)) {
      const inherited = draft.order.forcedBy ? ` (inherited from ${draft.order.forcedBy})` : '';
      addFailure(
        draft,
        `${name.property} is fixed and create_before_destroy${inherited} creates the replacement first: it fails on the name the old one still holds (use a name prefix, or change the name with the replacement)`,
      );
    }
  }
}

/** Terraform's default order takes a node group's capacity away before the replacement is ready. */
function applyCapacityNote(context: PlanContext): void {
  for (const draft of changing(context)) {
    if (draft.resource.kind !== 'eks-node-group' || draft.action !== 'replace') continue;
    if (draft.order?.order !== 'delete-first') continue;
    addNote(
      draft,
      'deleted before its replacement is created: the group’s capacity drops to zero until the new one is ready' +
        (isTerraform(draft.resource) ? ' (set create_before_destroy with a name prefix)' : ''),
    );
  }
}

export function applyCollisionRules(context: PlanContext): void {
  applyNameCollisions(context);
  applySubnetOverlaps(context);
  applyRouteCollisions(context);
  applyNatCollisions(context);
  applyCapacityNote(context);
}
