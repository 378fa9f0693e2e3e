/**
 * The plan scenario corpus: one edit of the target each, planned in all six implementations, with
 * the action every tool takes on every resource that changes — and where each expectation comes
 * from (a provider's source file, a documentation page, an issue). The expectations are reasoned
 * from those sources, never copied from the plan under test; a scenario whose expectation cannot
 * be sourced says so in `unsourced`.
 */
import type { PlanAction, ReplacementOrder } from '@iac-compare/harness';
import type { TargetSpec } from '@iac-compare/spec';

export const ALL_TOOLS = [
  'cdk-l2',
  'cdk-l1',
  'cloudformation',
  'infra-terraform',
  'cdktf',
  'pulumi',
] as const;
export type Tool = (typeof ALL_TOOLS)[number];
export const CLOUDFORMATION_FAMILY: readonly Tool[] = ['cdk-l2', 'cdk-l1', 'cloudformation'];
export const TERRAFORM_FAMILY: readonly Tool[] = ['infra-terraform', 'cdktf'];
/** The four tools that deploy the workloads (CDK L1 and raw CloudFormation leave them out: their envelope). */
export const KUBERNETES_TOOLS: readonly Tool[] = ['cdk-l2', 'infra-terraform', 'cdktf', 'pulumi'];

/** Kubernetes objects and Helm releases, whichever resource sends them. */
export type Workload =
  | 'Namespace'
  | 'ConfigMap'
  | 'Secret'
  | 'Service'
  | 'Deployment'
  | 'Job'
  | 'PodDisruptionBudget'
  | 'HelmRelease';

/** Which changed resources an expectation is about. */
export interface Selector {
  /** Canonical kind (canonical/kinds.ts): vpc, subnet, eks-node-group … */
  readonly kind?: string;
  /** A Kubernetes object or Helm release, in any tool (CDK: the manifest that holds it). */
  readonly workload?: Workload;
  /** The tool's native type. */
  readonly type?: RegExp;
  /** The tool's address or display name. */
  readonly name?: RegExp;
  /** Any changed core resource. */
  readonly any?: true;
}

export interface Expectation {
  readonly tools: readonly Tool[];
  readonly match: Selector;
  readonly action: PlanAction;
  /** How many resources match; by default one or more. */
  readonly count?: number;
  /** The failure each must carry (a pattern of its reason), or false: none fails. */
  readonly fails: RegExp | false;
  /** On a replace: which comes first. */
  readonly order?: ReplacementOrder;
  /** A pattern every matched change's why/note must meet (what the tool says it does). */
  readonly says?: RegExp;
  /** Every property change of a matched resource is at a path like this (nothing else changes). */
  readonly onlyPaths?: RegExp;
  /** Where the expectation comes from: provider file, documentation page, issue. */
  readonly source: string;
  /**
   * The engine does not plan this yet, and who owns the fix (an issue item): the expectation stays
   * the truth, its mismatch is reported as a known gap — and the corpus fails once the gap closes,
   * so the marker is removed.
   */
  readonly gap?: string;
}

export type Edit = (spec: TargetSpec & Record<string, unknown>) => void;

export interface Scenario {
  readonly id: string;
  readonly title: string;
  /** The issues that ask for it (18, 20, 21 …). */
  readonly issues: readonly string[];
  /** The baseline: the default target with this edit (none: the default target). */
  readonly before?: Edit;
  /** The current target: the default target with this edit (none: the default target). */
  readonly after?: Edit;
  /**
   * Every changed core resource of every tool must be met by some expectation, each with its
   * action, failure and order — unless the scenario lists only some (`partial`, with why).
   */
  readonly expect: readonly Expectation[];
  readonly partial?: string;
  /** Tools whose plan is refused, with the reason's pattern and its source. */
  readonly refused?: { readonly tools: readonly Tool[]; readonly says: RegExp; readonly source: string };
  /** Plan-level notes a tool's plan must carry (a new deployment, stacks left behind). */
  readonly notes?: { readonly tools: readonly Tool[]; readonly says: RegExp; readonly source: string };
  /** Why some expectation could not be sourced, when that is so. */
  readonly unsourced?: string;
  /** Runs only in the full corpus (PLAN_CORPUS=full): kept out of CI for time. */
  readonly full?: true;
}
