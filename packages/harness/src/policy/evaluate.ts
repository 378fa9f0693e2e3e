/**
 * Runs rules over one implementation's PolicyInput and folds outcomes into a verdict per rule:
 * fail when a subject is non-compliant, unknown when none is and one cannot be told offline, pass
 * when at least one subject complies, not applicable when the rule found nothing to judge.
 */
import type {
  ImplementationPolicy,
  PolicyFinding,
  PolicyInput,
  PolicyRule,
  RuleMetadata,
  RuleOutcome,
  RuleVerdict,
  Verdict,
} from './model.js';

/** A rule's outcomes as they come from its function or from a user-rules child. */
export interface RuleRun {
  readonly ruleId: string;
  readonly outcomes: readonly RuleOutcome[];
  /** The rule threw: its message (the verdict is unknown, and says so). */
  readonly error?: string;
}

export function runRules(rules: readonly PolicyRule[], input: PolicyInput): RuleRun[] {
  return rules.map((rule) => {
    try {
      return { ruleId: rule.id, outcomes: rule.check(input) };
    } catch (error) {
      return { ruleId: rule.id, outcomes: [], error: error instanceof Error ? error.message : String(error) };
    }
  });
}

export function ruleVerdictOf(outcomes: readonly RuleOutcome[], error?: string): Verdict {
  if (error) return 'unknown';
  if (outcomes.some((outcome) => outcome.status === 'non-compliant')) return 'fail';
  if (outcomes.some((outcome) => outcome.status === 'unknown')) return 'unknown';
  return outcomes.length > 0 ? 'pass' : 'not-applicable';
}

export function foldRuns(
  implementation: string,
  rules: readonly RuleMetadata[],
  runs: readonly RuleRun[],
): ImplementationPolicy {
  const byId = new Map(runs.map((run) => [run.ruleId, run]));
  const verdicts = rules.map((rule): RuleVerdict => {
    const run = byId.get(rule.id) ?? { ruleId: rule.id, outcomes: [], error: 'the rule did not run' };
    const findings = run.outcomes
      .filter((outcome) => outcome.status !== 'compliant')
      .map(
        (outcome): PolicyFinding => ({
          ruleId: rule.id,
          severity: rule.severity,
          implementation,
          address: outcome.resource.address,
          displayName: outcome.resource.displayName,
          nativeType: outcome.resource.nativeType,
          identity: outcome.resource.identity,
          ...(outcome.resource.location ? { location: outcome.resource.location } : {}),
          message: outcome.message,
          status: outcome.status === 'non-compliant' ? 'non-compliant' : 'unknown',
        }),
      );
    return {
      ruleId: rule.id,
      verdict: ruleVerdictOf(run.outcomes, run.error),
      compliant: run.outcomes.filter((outcome) => outcome.status === 'compliant').length,
      findings,
      ...(run.error ? { error: run.error } : {}),
    };
  });
  return { implementation, verdicts };
}

/** Metadata of a rule, without its function. */
export function metadataOf(rule: PolicyRule): RuleMetadata {
  const { check: _check, ...metadata } = rule;
  return metadata;
}
