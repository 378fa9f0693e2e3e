/**
 * The plan: for one edit of the target, what each implementation would create, update in place,
 * replace or delete — offline, from two Inventories (baseline and current). JSON-serializable and
 * versioned (PLAN_SCHEMA_VERSION); docs/report-schema.md describes it.
 */
import type { Value } from '../model/value.js';

export const PLAN_SCHEMA_VERSION = 1;

export type PlanAction = 'create' | 'update' | 'replace' | 'delete';

/**
 * Where a verdict on one property comes from:
 * - `cloudformation-spec`: the CloudFormation resource specification (nested paths included);
 * - `derived`: a Terraform/Pulumi argument mapped to its CloudFormation property, then the spec;
 * - `provider`: the Terraform AWS provider's own schema, where it differs (see provider-rules.ts);
 * - `cascade`: the value comes from a resource that is replaced, so it changes too;
 * - `unmapped`: no rule known — shown as an update, and the report says replacement is undetermined.
 */
export type VerdictSource = 'cloudformation-spec' | 'derived' | 'provider' | 'cascade' | 'unmapped';

export interface PropertyChange {
  /** Dotted path in the tool's own property names; list items as `[n]`. */
  readonly path: string;
  /** null: absent on that side. Unknown values serialize as {"$unknown": …}. */
  readonly before: Value | null;
  readonly after: Value | null;
  readonly replaces: boolean;
  readonly source: VerdictSource;
  /** Why, in words: the rule and where it comes from. */
  readonly why: string;
  /** For a list value: the elements the change adds and removes (the order of the rest is kept). */
  readonly added?: readonly Value[];
  readonly removed?: readonly Value[];
}

export interface ResourceChange {
  /** Identity in the tool's own terms: CloudFormation logical ID, Terraform address, Pulumi URN. */
  readonly address: string;
  readonly displayName: string;
  readonly nativeType: string;
  readonly kind: string | null;
  readonly role: 'core' | 'overhead';
  readonly action: PlanAction;
  /** The property changes behind an update or replace (empty for create and delete). */
  readonly changes: readonly PropertyChange[];
  /** For a create: what the resource is created with, in its tool's property names. */
  readonly attributes?: Readonly<Record<string, Value>>;
  /** What the tool will make of it beyond the action: informational (a failure is `failure`). */
  readonly note?: string;
  /** The change fails at deploy: a blocked replacement, a skipped EKS version. */
  readonly fails?: true;
  /** Why it fails, when `fails` (older plans put the reason in `note`). */
  readonly failure?: string;
  /** For a replace: whether the tool creates the replacement first or deletes the old one first. */
  readonly replacementOrder?: 'create-first' | 'delete-first';
  /** Why that order (Terraform's create_before_destroy, set or inherited; Pulumi's deleteBeforeReplace …). */
  readonly replacementOrderWhy?: string;
}

export type ActionCounts = Readonly<Record<PlanAction, number>>;

export interface ImplementationPlan {
  readonly id: string;
  readonly label: string;
  /**
   * planned; outside-envelope (for the baseline or the current target); failed (synth or read);
   * no-baseline (the baseline holds nothing for it).
   */
  readonly status: 'planned' | 'outside-envelope' | 'failed' | 'no-baseline' | 'refused';
  readonly detail: string | null;
  /** Changes to the target's resources; tool machinery is counted apart, in `machineryCounts`. */
  readonly counts: ActionCounts;
  /** Changes to tool machinery (CDK metadata, a provider configuration, a Pulumi component). */
  readonly machineryCounts?: ActionCounts;
  /** Some change would fail at deploy. */
  readonly fails?: true;
  /** What the plan as a whole means beyond its lines (a new deployment, stacks left behind). */
  readonly notes?: readonly string[];
  readonly changes: readonly ResourceChange[];
}

export interface PlanReport {
  readonly schemaVersion: typeof PLAN_SCHEMA_VERSION;
  readonly baseline: { readonly source: string; readonly target: string };
  readonly target: { readonly file: string; readonly name: string };
  readonly implementations: readonly ImplementationPlan[];
}

export const NO_CHANGES: ActionCounts = { create: 0, update: 0, replace: 0, delete: 0 };
