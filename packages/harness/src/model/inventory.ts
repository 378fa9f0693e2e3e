/**
 * Inventory: what one implementation's artifact declares, as concrete resources. Sources (one per
 * artifact kind) build it; observe, compare, plan and policy read it. It is JSON-serializable
 * (Unknowns become `{"$unknown": …}`) so plan baselines can be saved and reloaded.
 */
import type { SourceLocation } from '../errors.js';
import { type Reference, referencesIn, reviveValue, type Value, type ValueObject } from './value.js';

export const INVENTORY_SCHEMA_VERSION = 2;

/** Which tool family's property names a resource uses. */
export type Dialect = 'cloudformation' | 'terraform';

export type SourceKind = 'cloudformation' | 'cdk-assembly' | 'terraform' | 'pulumi';

export type ResourceRole = 'core' | 'overhead';

/** A property of one resource pointing at another resource. */
export interface ReferenceEdge {
  /** Dotted path of the property, e.g. `ResourcesVpcConfig.SubnetIds[1]` (Pulumi: the top-level input). */
  readonly path: string;
  readonly target: string;
  readonly attribute?: string;
}

/**
 * What a deploy does to a resource beyond its properties: on delete, on replacement, and which
 * changes it ignores — in one vocabulary for every tool (CloudFormation DeletionPolicy and
 * UpdateReplacePolicy; Terraform's lifecycle block; Pulumi's resource options).
 */
export interface ResourceLifecycle {
  /** Deleting the stack or destroying the configuration: delete it, keep it, snapshot it, or refuse. */
  readonly onDelete: 'delete' | 'retain' | 'snapshot' | 'refuse';
  /** The old resource when a change replaces it. */
  readonly onReplace: 'delete' | 'retain' | 'snapshot';
  /** How a replacement happens: the new one first (CloudFormation always; Pulumi by default) or not. */
  readonly replacementOrder: 'create-before-destroy' | 'destroy-before-create';
  /** Properties whose changes a deploy ignores, in the tool's own paths; `all` for every one. */
  readonly ignoreChanges: readonly string[] | 'all';
  /** The settings these come from, for the report: `DeletionPolicy: Retain`, `lifecycle.create_before_destroy`. */
  readonly setBy: readonly string[];
}

/** A tool's behaviour when nothing is set. */
export const DEFAULT_LIFECYCLE: Record<'cloudformation' | 'terraform' | 'pulumi', ResourceLifecycle> = {
  cloudformation: {
    onDelete: 'delete',
    onReplace: 'delete',
    replacementOrder: 'create-before-destroy',
    ignoreChanges: [],
    setBy: [],
  },
  terraform: {
    onDelete: 'delete',
    onReplace: 'delete',
    replacementOrder: 'destroy-before-create',
    ignoreChanges: [],
    setBy: [],
  },
  pulumi: {
    onDelete: 'delete',
    onReplace: 'delete',
    replacementOrder: 'create-before-destroy',
    ignoreChanges: [],
    setBy: [],
  },
};

export interface InventoryResource {
  /** Tool-native identity: `<stack>/<LogicalId>`, a Terraform address, or a Pulumi URN. */
  readonly address: string;
  /** What a person reads: the CDK construct path, CDKTF's metadata path, the Pulumi name. */
  readonly displayName: string;
  readonly nativeType: string;
  /** Canonical kind (see canonical/kinds.ts), or null when the type is not one we model. */
  readonly kind: string | null;
  readonly dialect: Dialect;
  readonly role: ResourceRole;
  /** Why an overhead resource is there (tool machinery it belongs to). */
  readonly overheadReason?: string;
  /** Evaluated properties, in the tool's own names. */
  readonly properties: ValueObject;
  /**
   * Tags applied from outside the resource: CloudFormation stack tags, Terraform provider
   * default_tags, Pulumi provider defaultTags. The resource's own tags win on a clash.
   */
  readonly defaultTags?: Readonly<Record<string, Value>>;
  readonly references: readonly ReferenceEdge[];
  readonly dependsOn: readonly string[];
  readonly lifecycle: ResourceLifecycle;
  /** Where it is declared: the implementation's own file (template, .tf, TypeScript) and line. */
  readonly location?: SourceLocation;
}

export interface Diagnostic {
  readonly severity: 'warning' | 'info';
  readonly message: string;
  readonly subject?: string;
}

export interface Inventory {
  readonly schemaVersion: typeof INVENTORY_SCHEMA_VERSION;
  readonly implementation: string;
  readonly source: SourceKind;
  readonly resources: readonly InventoryResource[];
  readonly diagnostics: readonly Diagnostic[];
  /**
   * Stacks of one deployment that wait for others (CloudFormation: a stack that imports another's
   * exports is created after it), by stack name: every resource of the later stack comes after
   * every resource of the earlier one. Addresses start with `<stack>/`.
   */
  readonly stackOrder?: Readonly<Record<string, readonly string[]>>;
}

/** Edges from every Unknown's references, plus edges a source knows otherwise (Pulumi's dependencies). */
export function edgesOf(properties: ValueObject, extra: readonly ReferenceEdge[] = []): ReferenceEdge[] {
  const edges = new Map<string, ReferenceEdge>();
  const add = (edge: ReferenceEdge) =>
    edges.set(`${edge.path}\u0000${edge.target}\u0000${edge.attribute ?? ''}`, edge);
  for (const { path, reference } of referencesIn(properties as Value)) {
    add({
      path,
      target: reference.address,
      ...(reference.attribute ? { attribute: reference.attribute } : {}),
    });
  }
  for (const edge of extra) add(edge);
  return [...edges.values()];
}

export function serializeInventory(inventory: Inventory): string {
  return JSON.stringify(inventory, null, 1);
}

/** Parses an inventory written by serializeInventory; throws on anything else. */
export function parseInventory(json: unknown): Inventory {
  const object = json as Partial<Inventory> | null;
  if (!object || typeof object !== 'object' || !Array.isArray(object.resources)) {
    throw new Error('not an inventory: no resources list');
  }
  if (object.schemaVersion !== INVENTORY_SCHEMA_VERSION) {
    throw new Error(
      `inventory schema version ${String(object.schemaVersion)}, this build reads ${INVENTORY_SCHEMA_VERSION}`,
    );
  }
  return {
    ...(object as Inventory),
    resources: object.resources.map((resource) => ({
      ...resource,
      properties: reviveValue(resource.properties) as ValueObject,
    })),
  };
}

export type { Reference };
