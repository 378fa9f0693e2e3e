/**
 * The plan: for one edit of the target, what each implementation would create, update in place,
 * replace or delete — offline, from two Inventories (baseline and current). JSON-serializable and
 * versioned (PLAN_SCHEMA_VERSION); docs/report-schema.md describes it, docs/schemas/plan.schema.json
 * is its contract.
 */
import type { Value } from '../model/value.js';

/** 2: replacement order, failures apart from notes, machinery counted apart, list elements, plan notes. */
export const PLAN_SCHEMA_VERSION = 2;

export type PlanAction = 'create' | 'update' | 'replace' | 'delete';

/**
 * Where a verdict on one property comes from:
 * - `cloudformation-spec`: the CloudFormation resource specification (nested paths included), or a
 *   documented correction of it (replacement.ts names the source);
 * - `derived`: a Terraform/Pulumi argument mapped to its CloudFormation property, then the spec;
 * - `provider`: the provider's own schema or code, where it differs (provider-rules.ts,
 *   kubernetes-rules.ts, each entry with its source file);
 * - `cascade`: the value comes from a resource that is replaced (or updated), so it changes too;
 * - `placement`: the region or account the resource lives in changes (placement.ts);
 * - `unmapped`: no rule known — shown as an update, and the report says replacement is undetermined.
 */
export type VerdictSource =
  | 'cloudformation-spec'
  | 'derived'
  | 'provider'
  | 'cascade'
  | 'placement'
  | 'unmapped';

export interface PropertyChange {
  /** Dotted path in the tool's own property names; list items as `[n]`. */
  readonly path: string;
  /** null: absent on that side. Unknown values serialize as {"$unknown": …}. */
  readonly before: Value | null;
  readonly after: Value | null;
  /** For a list (on either side): the elements the new list adds and the ones it drops. */
  readonly added?: readonly Value[];
  readonly removed?: readonly Value[];
  readonly replaces: boolean;
  readonly source: VerdictSource;
  /** Why, in words: the rule and where it comes from. */
  readonly why: string;
}

/** How a replacement happens: the new resource first, or the old one deleted first. */
export type ReplacementOrder = 'create-first' | 'delete-first';

export interface ResourceChange {
  /** Identity in the tool's own terms: CloudFormation logical ID, Terraform address, Pulumi URN. */
  readonly address: string;
  readonly displayName: string;
  readonly nativeType: string;
  readonly kind: string | null;
  /** `overhead`: tool machinery, counted apart (ImplementationPlan.machineryCounts). */
  readonly role: 'core' | 'overhead';
  readonly action: PlanAction;
  /** The property changes behind an update or replace (empty for create and delete). */
  readonly changes: readonly PropertyChange[];
  /** For a create: what the resource is created with, in its tool's property names. */
  readonly attributes?: Readonly<Record<string, Value>>;
  /** On a replace: which the tool does first, and why (Terraform's create_before_destroy, inherited or set; Pulumi's deleteBeforeReplace …). */
  readonly replacementOrder?: ReplacementOrder;
  readonly replacementOrderWhy?: string;
  /** Informational: what the tool will make of it beyond the action (a rollout, capacity dropping to zero). */
  readonly note?: string;
  /** The change fails at deploy, as the tool would run it; `failure` says why. */
  readonly fails?: true;
  readonly failure?: string;
  /** The model item the resource is read as (`subnet[private/eu-west-1a]`), when observe reads it: for diagrams. */
  readonly item?: string;
}

export type ActionCounts = Readonly<Record<PlanAction, number>>;

export interface ImplementationPlan {
  readonly id: string;
  readonly label: string;
  /**
   * planned; outside-envelope (for the baseline or the current target); failed (synth or read);
   * no-baseline (the baseline holds nothing for it); refused (the change is not one the tool can
   * plan as an edit — `detail` says why and what to do instead).
   */
  readonly status: 'planned' | 'outside-envelope' | 'failed' | 'no-baseline' | 'refused';
  readonly detail: string | null;
  /** Core resources only: what the infrastructure undergoes. */
  readonly counts: ActionCounts;
  /** Tool machinery (CDK metadata, provider configurations, Pulumi components, handler Lambdas), apart. */
  readonly machineryCounts: ActionCounts;
  /** In one order for every tool: network, cluster, node groups, workloads, then machinery. */
  readonly changes: readonly ResourceChange[];
  /** Some change fails as the tool would run it. */
  readonly fails?: true;
  /** What the plan as a whole means beyond its lines (a new deployment, stacks left behind). */
  readonly notes?: readonly string[];
  /** The model items on either side (identity → addresses), for diagrams (plan/items.ts). */
  readonly items?: Readonly<Record<string, readonly string[]>>;
  /** Each subnet's default route on the current side (the baseline's for a removed subnet). */
  readonly routes?: Readonly<Record<string, string>>;
}

export interface PlanReport {
  readonly schemaVersion: typeof PLAN_SCHEMA_VERSION;
  readonly baseline: { readonly source: string; readonly target: string };
  readonly target: { readonly file: string; readonly name: string };
  readonly implementations: readonly ImplementationPlan[];
}

export const NO_CHANGES: ActionCounts = { create: 0, update: 0, replace: 0, delete: 0 };
