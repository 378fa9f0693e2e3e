/**
 * Holds one scenario's plans to its expectations: every expectation met, every changed core
 * resource accounted for, and the invariants every plan keeps (a replace says its order, a failure
 * says why, machinery is never counted). Returns what does not hold, in words.
 */
import type { ImplementationPlan, Inventory, InventoryResource, ResourceChange } from '@iac-compare/harness';
import type { Expectation, Scenario, Selector, Tool, Workload } from './model.js';

const TERRAFORM_TYPES: Record<Workload, RegExp> = {
  Namespace: /^kubernetes_namespace(_v1)?$/,
  ConfigMap: /^kubernetes_config_map(_v1)?$/,
  Secret: /^kubernetes_secret(_v1)?$/,
  Service: /^kubernetes_service(_v1)?$/,
  Deployment: /^kubernetes_deployment(_v1)?$/,
  Job: /^kubernetes_job(_v1)?$/,
  PodDisruptionBudget: /^kubernetes_pod_disruption_budget(_v1)?$/,
  HelmRelease: /^helm_release$/,
};

/** The kinds of Kubernetes object a CDK manifest resource sends. */
function manifestKinds(resource: InventoryResource | undefined): string[] {
  const manifest = resource?.properties.Manifest;
  if (typeof manifest !== 'string') return [];
  try {
    const parsed = JSON.parse(manifest) as unknown;
    return (Array.isArray(parsed) ? parsed : [parsed])
      .map((object) => (object as { kind?: unknown }).kind)
      .filter((kind): kind is string => typeof kind === 'string');
  } catch {
    return [];
  }
}

function sendsWorkload(
  change: ResourceChange,
  resource: InventoryResource | undefined,
  workload: Workload,
): boolean {
  const type = change.nativeType;
  if (TERRAFORM_TYPES[workload].test(type)) return true;
  if (type.startsWith('kubernetes:')) {
    return workload === 'HelmRelease'
      ? type === 'kubernetes:helm.sh/v3:Release'
      : type.endsWith(`:${workload}`);
  }
  if (type === 'Custom::AWSCDK-EKS-HelmChart') return workload === 'HelmRelease';
  if (type === 'Custom::AWSCDK-EKS-KubernetesResource') return manifestKinds(resource).includes(workload);
  return false;
}

export function matches(
  change: ResourceChange,
  resource: InventoryResource | undefined,
  selector: Selector,
): boolean {
  if (selector.any) return true;
  if (selector.kind !== undefined && change.kind !== selector.kind) return false;
  if (selector.type && !selector.type.test(change.nativeType)) return false;
  if (selector.name && !selector.name.test(change.address) && !selector.name.test(change.displayName))
    return false;
  if (selector.workload && !sendsWorkload(change, resource, selector.workload)) return false;
  return (
    selector.kind !== undefined ||
    selector.type !== undefined ||
    selector.name !== undefined ||
    selector.workload !== undefined
  );
}

function describeSelector(selector: Selector): string {
  return [
    selector.kind && `kind ${selector.kind}`,
    selector.workload && `workload ${selector.workload}`,
    selector.type && `type ${selector.type}`,
    selector.name && `name ${selector.name}`,
    selector.any && 'any',
  ]
    .filter(Boolean)
    .join(', ');
}

function summary(change: ResourceChange): string {
  return `${change.action} ${change.nativeType} ${change.displayName}${change.replacementOrder ? ` [${change.replacementOrder}]` : ''}${change.failure ? ` ✗ ${change.failure}` : ''}`;
}

/**
 * One expectation against one tool's changes: the changes its selector picks *with its action*
 * (a change with another action is left for the exhaustive check to name), counted, and each held
 * to the failure, order and words expected. A known gap is matched by its selector alone, so the
 * changes it is about stay accounted for while the engine misses them.
 */
function checkExpectation(
  expectation: Expectation,
  tool: Tool,
  core: readonly ResourceChange[],
  resourceOf: (change: ResourceChange) => InventoryResource | undefined,
  problems: string[],
): Set<ResourceChange> {
  const selected = core.filter((change) => matches(change, resourceOf(change), expectation.match));
  const matched = selected.filter((change) => change.action === expectation.action);
  const label = `${tool}: ${describeSelector(expectation.match)} → ${expectation.action}`;
  if (expectation.count !== undefined ? matched.length !== expectation.count : matched.length === 0) {
    problems.push(
      `${label}: expected ${expectation.count ?? 'one or more'}, found ${matched.length}${
        selected.length > matched.length
          ? ` (and ${selected.length - matched.length} with another action: ${selected
              .filter((change) => !matched.includes(change))
              .map(summary)
              .join('; ')})`
          : ''
      }`,
    );
  }
  for (const change of matched) {
    if (expectation.fails === false && change.fails)
      problems.push(`${label}: should not fail: ${summary(change)}`);
    if (expectation.fails instanceof RegExp && !expectation.fails.test(change.failure ?? ''))
      problems.push(`${label}: should fail (${expectation.fails}): ${summary(change)}`);
    if (expectation.order && change.replacementOrder !== expectation.order)
      problems.push(`${label}: order should be ${expectation.order}: ${summary(change)}`);
    if (expectation.says) {
      const words = [
        change.note ?? '',
        change.failure ?? '',
        ...change.changes.map((property) => property.why),
      ].join(' | ');
      if (!expectation.says.test(words)) problems.push(`${label}: should say ${expectation.says}: ${words}`);
    }
    if (expectation.onlyPaths) {
      const others = change.changes
        .map((property) => property.path)
        .filter((path) => !expectation.onlyPaths!.test(path));
      if (others.length > 0)
        problems.push(
          `${label}: changes no more than ${expectation.onlyPaths}, but also ${others.join(', ')}`,
        );
    }
  }
  return new Set(expectation.gap ? selected : matched);
}

/** The invariants every plan keeps, whatever the scenario. */
export function planInvariants(tool: string, plan: ImplementationPlan): string[] {
  const problems: string[] = [];
  for (const change of plan.changes) {
    if (change.action === 'replace' && !change.replacementOrder)
      problems.push(`${tool}: replace without an order: ${summary(change)}`);
    if (change.fails && !change.failure) problems.push(`${tool}: fails without a reason: ${summary(change)}`);
    if (!change.fails && change.failure) problems.push(`${tool}: a reason without fails: ${summary(change)}`);
    for (const property of change.changes)
      if (!property.why) problems.push(`${tool}: a change without why: ${change.address} ${property.path}`);
  }
  const counted = Object.values(plan.counts).reduce((sum, value) => sum + value, 0);
  const core = plan.changes.filter((change) => change.role === 'core').length;
  if (counted !== core) problems.push(`${tool}: counts (${counted}) are not the core changes (${core})`);
  const machinery = Object.values(plan.machineryCounts).reduce((sum, value) => sum + value, 0);
  if (machinery !== plan.changes.length - core)
    problems.push(`${tool}: machineryCounts do not count the machinery`);
  if (Boolean(plan.fails) !== plan.changes.some((change) => change.fails))
    problems.push(`${tool}: plan.fails disagrees with its changes`);
  return problems;
}

export interface Evaluation {
  /** What does not hold. */
  readonly problems: string[];
  /** Expectations marked as a known gap, and whether the plan still misses them. */
  readonly gaps: {
    readonly gap: string;
    readonly tool: Tool;
    readonly open: boolean;
    readonly detail: string[];
  }[];
}

export function evaluateScenario(
  scenario: Scenario,
  plans: ReadonlyMap<Tool, ImplementationPlan>,
  inventories: ReadonlyMap<Tool, { before?: Inventory; after?: Inventory }>,
): Evaluation {
  const problems: string[] = [];
  const gaps: Evaluation['gaps'] = [];
  for (const [tool, plan] of plans) {
    problems.push(...planInvariants(tool, plan));
    if (scenario.refused?.tools.includes(tool)) {
      if (plan.status !== 'refused' || !scenario.refused.says.test(plan.detail ?? ''))
        problems.push(
          `${tool}: should be refused (${scenario.refused.says}): ${plan.status} ${plan.detail ?? ''}`,
        );
      continue;
    }
    if (plan.status !== 'planned') {
      problems.push(`${tool}: not planned: ${plan.status} ${plan.detail ?? ''}`);
      continue;
    }
    if (
      scenario.notes?.tools.includes(tool) &&
      !(plan.notes ?? []).some((note) => scenario.notes!.says.test(note))
    )
      problems.push(
        `${tool}: the plan should note ${scenario.notes.says}: ${(plan.notes ?? []).join(' | ')}`,
      );
    const sides = inventories.get(tool);
    const resourceOf = (change: ResourceChange) =>
      sides?.after?.resources.find((resource) => resource.address === change.address) ??
      sides?.before?.resources.find((resource) => resource.address === change.address);
    const core = plan.changes.filter((change) => change.role === 'core');
    const covered = new Set<ResourceChange>();
    for (const expectation of scenario.expect.filter((candidate) => candidate.tools.includes(tool))) {
      const own: string[] = [];
      for (const change of checkExpectation(expectation, tool, core, resourceOf, own)) covered.add(change);
      if (expectation.gap) gaps.push({ gap: expectation.gap, tool, open: own.length > 0, detail: own });
      else problems.push(...own);
    }
    if (!scenario.partial) {
      for (const change of core.filter((candidate) => !covered.has(candidate)))
        problems.push(`${tool}: a change no expectation accounts for: ${summary(change)}`);
    }
  }
  return { problems, gaps };
}
