/**
 * Policy: one rule set over the model every implementation is reconstructed into, so the same
 * control gets the same verdict whichever tool wrote the infrastructure. A rule is data (id, title,
 * severity, rationale, what it reads, its equivalents in other scanners, how to fix it in each of
 * the six tools) plus one pure function over `PolicyInput` — the anchors' shape: Checkov's checks,
 * cdk-nag's rules (compliant / non-compliant / not applicable), trivy-checks' metadata beside the check.
 */
import type { SourceLocation } from '../errors.js';
import type { Inventory } from '../model/inventory.js';
import type { Value, ValueObject } from '../model/value.js';
import type { ObservedInfrastructure } from '../observe/model.js';

export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** The six tools a fix is written for (the implementations' ids). */
export const FIX_TOOLS = [
  'cdk-l2',
  'cdk-l1',
  'cloudformation',
  'infra-terraform',
  'cdktf',
  'pulumi',
] as const;
export type FixTool = (typeof FIX_TOOLS)[number];

export const SCANNERS = ['checkov', 'trivy', 'kics', 'cdkNag'] as const;
export type Scanner = (typeof SCANNERS)[number];

/** A rule of another scanner that judges the same control, with the file it was read in. */
export interface Equivalent {
  readonly id: string;
  /** `repository path` of the rule's source, where the id was verified. */
  readonly source: string;
  /** How it differs (formats it reads, a stricter threshold …). */
  readonly note?: string;
}

/** `[]` is "none": the scanner has no rule for the control (itself information). */
export type Equivalents = Readonly<Record<Scanner, readonly Equivalent[]>>;

/** One resource (in the tool's own terms) as a rule sees it. */
export interface PolicyResource {
  /** The tool's identity: `<stack>/<LogicalId>`, a Terraform address, a Pulumi URN. */
  readonly address: string;
  readonly displayName: string;
  readonly nativeType: string;
  readonly kind: string | null;
  /** The model's name for it when observe read it (`cluster`, `nodeGroup[system]`), else `kind:displayName`. */
  readonly identity: string;
  readonly location?: SourceLocation;
  /** Its properties in CloudFormation's vocabulary (nested), whatever tool wrote it. */
  readonly properties: Readonly<Record<string, Value>>;
}

/** A security-group ingress rule, from whichever form the tool wrote it in. */
export interface IngressRule {
  /** The resource that states the rule (the group for inline rules, the rule resource otherwise). */
  readonly resource: PolicyResource;
  /** `tcp`, `udp`, `icmp`, `-1` (all) …, lower case; IANA numbers as strings. */
  readonly protocol: string;
  /** Inclusive; null for "all ports". */
  readonly fromPort: number | null;
  readonly toPort: number | null;
  /** IPv4 and IPv6 CIDRs the rule admits; Unknowns where a value is computed. */
  readonly cidrs: readonly Value[];
  /** How the tool wrote it, for the message: `inline ingress`, `aws_security_group_rule` … */
  readonly form: string;
}

/** One Kubernetes object the implementation deploys, canonical, with the resource that sends it. */
export interface KubernetesObject {
  /** `Deployment phoenix/phoenix`. */
  readonly key: string;
  readonly object: ValueObject;
  readonly resource: PolicyResource;
}

/** What a rule reads: the observed model, the inventory (core resources) and the Kubernetes layer. */
export interface PolicyInput {
  readonly implementation: string;
  readonly inventory: Inventory;
  readonly observed: ObservedInfrastructure;
  /** Core resources, in inventory order (tool machinery is not judged: docs/policy.md). */
  readonly resources: readonly PolicyResource[];
  readonly ingressRules: readonly IngressRule[];
  readonly kubernetes: readonly KubernetesObject[];
  /** The resource observe read as `identity`, if any. */
  readonly resourceFor: (identity: string) => PolicyResource | undefined;
}

export type OutcomeStatus = 'compliant' | 'non-compliant' | 'unknown';

/** One judgement of one subject. A rule that returns none is "not applicable". */
export interface RuleOutcome {
  readonly status: OutcomeStatus;
  readonly resource: PolicyResource;
  /** What is wrong (non-compliant), or why it cannot be told offline (unknown). */
  readonly message: string;
}

export interface PolicyRule {
  /** Ours, stable forever (waivers and code-scanning alerts key on it). */
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  /** Why it matters, one paragraph. */
  readonly rationale: string;
  /** What it reads, in the model's words (`cluster.publicAccessCidrs`, `AWS::EC2::SecurityGroup ingress`). */
  readonly reads: readonly string[];
  readonly equivalents: Equivalents;
  /** How to fix it in each tool. */
  readonly fix: Readonly<Record<FixTool, string>>;
  /** A documentation link for the control. */
  readonly helpUri: string;
  /** The section of the target it reads (an implementation may declare a section outside its envelope). */
  readonly section?: 'workloads';
  readonly check: (input: PolicyInput) => readonly RuleOutcome[];
}

/** The rule's metadata without its function: what a report, SARIF or a user-rules child sends. */
export type RuleMetadata = Omit<PolicyRule, 'check'> & {
  /** Set for a rule loaded with --rules FILE. */
  readonly origin?: string;
};

/**
 * `outside-envelope`: the rule reads a section of the target the implementation declares it does
 * not build (the CloudFormation family and workloads), so its verdict is not compared.
 */
export type Verdict = 'pass' | 'fail' | 'unknown' | 'not-applicable' | 'outside-envelope';

export interface WaiverMatch {
  readonly reason: string;
  readonly expires?: string;
  /** The waivers file and its line. */
  readonly source: string;
}

export interface PolicyFinding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly implementation: string;
  /** The resource in the tool's own terms. */
  readonly address: string;
  readonly displayName: string;
  readonly nativeType: string;
  /** The model's identity, the same in every tool (`nodeGroup[system]`). */
  readonly identity: string;
  readonly location?: SourceLocation;
  readonly message: string;
  readonly status: 'non-compliant' | 'unknown';
  /** Waived with a valid waiver. */
  readonly waiver?: WaiverMatch;
  /** A waiver matched but does not hold (expired, malformed date, no reason): the finding stands. */
  readonly waiverProblem?: string;
}

export interface RuleVerdict {
  readonly ruleId: string;
  readonly verdict: Verdict;
  /** Subjects judged compliant (for "not applicable" vs "compliant"). */
  readonly compliant: number;
  readonly findings: readonly PolicyFinding[];
  /** The rule threw (its verdict is unknown). */
  readonly error?: string;
}

export interface ImplementationPolicy {
  readonly implementation: string;
  readonly verdicts: readonly RuleVerdict[];
}

export interface PolicyReport {
  readonly rules: readonly RuleMetadata[];
  readonly implementations: readonly ImplementationPolicy[];
  /** The waivers file read, if any, and problems with entries that matched nothing. */
  readonly waivers?: { readonly file: string; readonly unused: readonly string[] };
  /** Notes for the reader: user rules loaded, rules that failed to run. */
  readonly notes: readonly string[];
}
