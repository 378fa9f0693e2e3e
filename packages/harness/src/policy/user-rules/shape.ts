/**
 * The shape a user's rules module must have (`--rules FILE`): a default export or a `rules`
 * export, a list of rules of the built-in shape. Checked field by field, so a mistake is named.
 */
import {
  FIX_TOOLS,
  type PolicyRule,
  type RuleMetadata,
  type RuleOutcome,
  SCANNERS,
  SEVERITIES,
} from '../model.js';

export interface ShapeProblem {
  readonly index: number;
  readonly id?: string;
  readonly problem: string;
}

const ID = /^[a-z0-9][a-z0-9-]*$/;

/** The rules a module exports, or the problems that make them unusable. */
export function rulesFromModule(module: Record<string, unknown>): {
  rules: PolicyRule[];
  problems: ShapeProblem[];
} {
  const exported = module.rules ?? module.default;
  const list = Array.isArray(exported) ? exported : undefined;
  if (!list)
    return {
      rules: [],
      problems: [
        { index: -1, problem: 'exports no `rules` list (export const rules = [...], or a default export)' },
      ],
    };
  const problems: ShapeProblem[] = [];
  const rules: PolicyRule[] = [];
  list.forEach((candidate: unknown, index) => {
    const rule = candidate as Partial<PolicyRule> | null;
    const id = typeof rule?.id === 'string' ? rule.id : undefined;
    const wrong = (problem: string) => problems.push({ index, ...(id ? { id } : {}), problem });
    if (!rule || typeof rule !== 'object') {
      wrong('is not an object');
      return;
    }
    if (!id || !ID.test(id)) wrong('needs an `id` in kebab-case (a-z, 0-9, -)');
    if (typeof rule.title !== 'string' || rule.title === '') wrong('needs a `title`');
    if (!SEVERITIES.includes(rule.severity as never)) wrong(`needs a \`severity\`: ${SEVERITIES.join(', ')}`);
    if (typeof rule.rationale !== 'string') wrong('needs a `rationale`');
    if (typeof rule.check !== 'function') wrong('needs a `check(input)` function returning outcomes');
    rules.push(rule as PolicyRule);
  });
  return { rules, problems };
}

/** A user rule's metadata with what it left out filled in, and its origin. */
export function userMetadata(rule: PolicyRule, origin: string): RuleMetadata {
  const equivalents = Object.fromEntries(
    SCANNERS.map((scanner) => [
      scanner,
      Array.isArray(rule.equivalents?.[scanner]) ? rule.equivalents[scanner] : [],
    ]),
  ) as unknown as RuleMetadata['equivalents'];
  const fix = Object.fromEntries(
    FIX_TOOLS.map((tool) => [
      tool,
      typeof rule.fix?.[tool] === 'string' ? rule.fix[tool] : '(the rule gives no fix for this tool)',
    ]),
  ) as unknown as RuleMetadata['fix'];
  return {
    id: rule.id,
    title: rule.title,
    severity: rule.severity,
    rationale: rule.rationale,
    reads: Array.isArray(rule.reads) ? rule.reads.map(String) : [],
    equivalents,
    fix,
    helpUri:
      typeof rule.helpUri === 'string'
        ? rule.helpUri
        : 'https://github.com/iac-compare/iac-compare/blob/main/docs/policy.md',
    ...(rule.section === 'workloads' ? { section: 'workloads' as const } : {}),
    origin,
  };
}

export interface UserRulesRequest {
  readonly module: string;
  /**
   * tsx's ESM API (file URL), to load a TypeScript module whatever its package's module type: the
   * CLI resolves it (the harness does not depend on tsx).
   */
  readonly tsImport?: string;
  /** Implementation id → its inventory as serializeInventory writes it. */
  readonly inventories: Readonly<Record<string, unknown>>;
}

export interface UserRulesResult {
  readonly rules: RuleMetadata[];
  readonly problems: ShapeProblem[];
  readonly runs: Readonly<
    Record<
      string,
      readonly {
        ruleId: string;
        outcomes: { status: RuleOutcome['status']; address: string; message: string }[];
        error?: string;
      }[]
    >
  >;
}
