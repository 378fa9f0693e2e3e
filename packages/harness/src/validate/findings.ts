/** What AWS or a provider would reject, found offline: one finding, wherever it came from. */
import type { SourceLocation } from '../errors.js';

export type FindingSeverity = 'error' | 'warning';

/**
 * - `cloudformation-validate`: AWS's validator on a CloudFormation-family template;
 * - `derived`: the same resource schemas, applied to a Terraform or Pulumi resource read in
 *   CloudFormation's vocabulary (canonical/vocabulary.ts);
 * - `provider-limit`: a limit of the Terraform AWS provider's schema (spec's limits.ts);
 * - `service-limit`: a limit the AWS API enforces that no resource schema states (spec's limits.ts);
 * - `service-quirk`: where the service is stricter than its documentation;
 * - `evaluator`: what iac-compare's evaluator warns about while reading the artifact.
 */
export type FindingSource =
  | 'cloudformation-validate'
  | 'derived'
  | 'provider-limit'
  | 'service-limit'
  | 'service-quirk'
  | 'evaluator';

export interface Finding {
  readonly severity: FindingSeverity;
  readonly source: FindingSource;
  /** The rule: a validator rule id (E3012, W9009), or a limit id. */
  readonly rule: string;
  readonly message: string;
  /** The resource (logical ID, address or URN) and the property the finding is about. */
  readonly subject?: string;
  readonly property?: string;
  readonly location?: SourceLocation;
  /** Where the rule comes from (documentation, a provider source file). */
  readonly ruleSource?: string;
  /** Acknowledged in the code with a reason (CDK's Validations.acknowledge): shown, not counted. */
  readonly acknowledged?: string;
}

export function errorsIn(findings: readonly Finding[]): Finding[] {
  return findings.filter((finding) => finding.severity === 'error' && !finding.acknowledged);
}
