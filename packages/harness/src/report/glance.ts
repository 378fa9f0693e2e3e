/**
 * Differences at a glance: what a team choosing a tool asks right after "do they agree?" — how the
 * tools differ — in one sentence per topic, built only from data the report already holds (the
 * overhead ledger, the ordering facts, the resource diff, the envelopes, lines of code). Nothing
 * here is measured or guessed anew: each sentence restates numbers shown in detail further down.
 */
import { sectionOf } from '../compare/facts.js';
import { ON_DELETE_FAILURE } from '../kubernetes/workload-lifecycle.js';
import type { Value } from '../model/value.js';
import { listOf, nounFor, plural, verbFor } from '../words.js';
import { formatValue } from './format-value.js';
import type { CompareReport, GlanceItem, ImplementationReport } from './model.js';
import { groupResourceDifferences } from './resource-groups.js';

type ReportData = Omit<CompareReport, 'glance'>;

/** What a piece of tool machinery is for, from its type and the reason the source recorded. */
interface MachineryCategory {
  readonly key: string;
  /** A label a count follows: "kubectl provider 7". */
  readonly label: string;
}

const MACHINERY: readonly (MachineryCategory & {
  readonly match: (type: string, reason: string) => boolean;
})[] = [
  {
    key: 'kubectl',
    label: 'kubectl provider',
    match: (_type, reason) => /kubectl/i.test(reason),
  },
  {
    key: 'custom-resource',
    label: 'custom-resource handlers',
    match: (_type, reason) => /custom resource|Custom::/i.test(reason),
  },
  {
    key: 'provider',
    label: 'providers',
    match: (type, reason) =>
      type.startsWith('provider:') || /^pulumi:providers:/.test(type) || /provider \(/.test(reason),
  },
  {
    key: 'component',
    label: 'components',
    match: (_type, reason) => /component resource/i.test(reason),
  },
  {
    key: 'barrier',
    label: 'readiness barrier',
    match: (_type, reason) => /readiness barrier/i.test(reason),
  },
  {
    key: 'metadata',
    label: 'CDK metadata',
    match: (type) => type === 'AWS::CDK::Metadata',
  },
  {
    key: 'nested-stack',
    label: 'nested-stack shells',
    match: (type) => type === 'AWS::CloudFormation::Stack',
  },
];

/** What one piece of machinery is for, as a label ("kubectl provider"); its type when no category matches. */
export function machineryLabelOf(type: string, reason: string): string {
  return MACHINERY.find((category) => category.match(type, reason))?.label ?? type;
}

/** Machinery counted by category, largest first: "kubectl provider 7, custom-resource handlers 6". */
export function machineryBreakdown(implementation: ImplementationReport): string {
  const counts = new Map<string, { category: MachineryCategory; count: number }>();
  for (const resource of implementation.overheadResources) {
    const found = MACHINERY.find((category) => category.match(resource.type, resource.reason));
    const category = found ?? { key: resource.type, label: resource.type };
    const entry = counts.get(category.key) ?? { category, count: 0 };
    entry.count++;
    counts.set(category.key, entry);
  }
  return [...counts.values()]
    .sort((a, b) => b.count - a.count || a.category.key.localeCompare(b.category.key))
    .map(({ category, count }) => `${category.label} ${count}`)
    .join(', ');
}

/** Implementations with the same text, listed together in their report order. */
function groupedBy(
  implementations: readonly ImplementationReport[],
  textOf: (implementation: ImplementationReport) => string | undefined,
): { readonly ids: string[]; readonly text: string }[] {
  const groups: { ids: string[]; text: string }[] = [];
  for (const implementation of implementations) {
    const text = textOf(implementation);
    if (text === undefined) continue;
    const found = groups.find((group) => group.text === text);
    if (found) found.ids.push(implementation.id);
    else groups.push({ ids: [implementation.id], text });
  }
  return groups;
}

function built(report: ReportData): ImplementationReport[] {
  return report.implementations.filter((implementation) => implementation.status === 'compared');
}

function machineryItem(report: ReportData): GlanceItem | undefined {
  const compared = built(report);
  if (compared.length === 0) return undefined;
  const sorted = [...compared].sort((a, b) => b.overhead - a.overhead);
  const groups = groupedBy(sorted, (implementation) =>
    implementation.overhead === 0
      ? 'none'
      : `${implementation.overhead} (${machineryBreakdown(implementation)})`,
  );
  const text = groups.map((group) => `${listOf(group.ids)} ${group.text}`).join('; ');
  return {
    topic: 'machinery',
    title: 'Machinery (resources a tool adds to run itself)',
    text: `${text}.`,
    implementations: compared.map((implementation) => implementation.id),
  };
}

/** Provider configurations built from resources of the same run: the two-phase apply. */
function twoPhaseItem(report: ReportData): GlanceItem | undefined {
  const compared = built(report);
  const twoPhase = compared
    .map((implementation) => ({
      id: implementation.id,
      providers: implementation.overheadResources
        .filter((resource) => /two phases/.test(resource.reason))
        .map((resource) => resource.type.replace(/^provider:/, '')),
    }))
    .filter((entry) => entry.providers.length > 0);
  if (twoPhase.length === 0) return undefined;
  const groups = groupedBy(
    compared.filter((implementation) => twoPhase.some((entry) => entry.id === implementation.id)),
    (implementation) => listOf(twoPhase.find((entry) => entry.id === implementation.id)!.providers.sort()),
  );
  const hasWorkloads = report.comparison.rows.some((row) => sectionOf(row.key) === 'workloads');
  const others = hasWorkloads
    ? compared
        .filter((implementation) => !twoPhase.some((entry) => entry.id === implementation.id))
        .filter(
          (implementation) => !implementation.outsideSections.some((gap) => gap.section === 'workloads'),
        )
        .map((implementation) => implementation.id)
    : [];
  const sentences = groups.map(
    (group) =>
      `${listOf(group.ids)} ${verbFor(group.ids.length, 'configures', 'configure')} the ${group.text} ${nounFor(group.text.includes(' and ') ? 2 : 1, 'provider')} from the cluster ${group.ids.length === 1 ? 'it creates' : 'they create'}: a new cluster takes two applies`,
  );
  return {
    topic: 'two-phase-apply',
    title: 'Two-phase apply',
    text: `${sentences.join('; ')}${others.length > 0 ? `; ${listOf(others)} ${verbFor(others.length, 'deploys', 'deploy')} it all in one` : ''}.`,
    implementations: twoPhase.map((entry) => entry.id),
  };
}

/** An implementation's items replaced delete-first, and how many items it has in the diff. */
function deleteFirstItems(report: ReportData): Map<string, Set<string>> {
  const byImplementation = new Map<string, Set<string>>(
    report.resourceDiff.implementations.map((id) => [id, new Set<string>()]),
  );
  for (const difference of report.resourceDiff.differences) {
    if (difference.path !== '$lifecycle.replacementOrder') continue;
    for (const [id, value] of Object.entries(difference.values))
      if (value === 'destroy-before-create') byImplementation.get(id)?.add(difference.identity);
  }
  return byImplementation;
}

/** Items counted by family, in words: "the access entry, 2 add-ons and 3 routes". */
export function itemFamilies(identities: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const identity of identities) {
    const family = identity.split('[')[0]!;
    counts.set(family, (counts.get(family) ?? 0) + 1);
  }
  return listOf(
    [...counts].map(([family, count]) => {
      const words = FAMILY_WORDS[family];
      if (!words) return count === 1 ? family : `${count} × ${family}`;
      return count === 1 ? words[0] : `${count} ${words[1]}`;
    }),
  );
}

/**
 * Who deletes before creating, on which items, against the tools that create every replacement
 * first: the resource diff's `$lifecycle.replacementOrder`, per implementation.
 */
function replacementOrderItem(report: ReportData): GlanceItem | undefined {
  const diff = report.resourceDiff;
  if (diff.implementations.length < 2) return undefined;
  const deleteFirst = deleteFirstItems(report);
  const total = diff.items.length;
  const createFirst = [...deleteFirst].filter(([, items]) => items.size === 0).map(([id]) => id);
  const groups: { ids: string[]; items: string[] }[] = [];
  for (const [id, items] of deleteFirst) {
    if (items.size === 0) continue;
    const sorted = [...items].sort();
    const found = groups.find((group) => group.items.join('\u0000') === sorted.join('\u0000'));
    if (found) found.ids.push(id);
    else groups.push({ ids: [id], items: sorted });
  }
  if (groups.length === 0) {
    return {
      topic: 'replacement-order',
      title: 'Replacement order',
      text: `every implementation creates each replacement before deleting the old resource (${plural(total, 'item')}).`,
      implementations: [],
    };
  }
  groups.sort((a, b) => a.items.length - b.items.length);
  const clauses: string[] = [];
  groups.forEach((group, index) => {
    const previous = groups[index - 1];
    const extends_ = previous?.items.every((item) => group.items.includes(item)) ?? false;
    if (previous && extends_) {
      const more = group.items.filter((item) => !previous.items.includes(item));
      clauses.push(`${listOf(group.ids)} on those and ${more.length} more (${itemFamilies(more)})`);
    } else {
      clauses.push(
        `${listOf(group.ids)} ${verbFor(group.ids.length, 'deletes', 'delete')} first on ${group.items.length} of ${total} items (${itemFamilies(group.items)})`,
      );
    }
  });
  const first =
    createFirst.length > 0
      ? `${listOf(createFirst)} ${verbFor(createFirst.length, 'creates', 'create')} every replacement first. `
      : '';
  return {
    topic: 'replacement-order',
    title: 'Replacement order',
    text: `${first}${clauses.join('; ')}.`,
    implementations: groups.flatMap((group) => group.ids),
  };
}

/** Item families in words, one and many: "the access entry", "2 add-ons". */
const FAMILY_WORDS: Readonly<Record<string, readonly [string, string]>> = {
  vpc: ['the VPC', 'VPCs'],
  internetGateway: ['the internet gateway', 'internet gateways'],
  subnet: ['a subnet', 'subnets'],
  routeTable: ['a route table', 'route tables'],
  routeTableAssociation: ['a route table association', 'route table associations'],
  route: ['a route', 'routes'],
  eip: ['an Elastic IP', 'Elastic IPs'],
  natGateway: ['a NAT gateway', 'NAT gateways'],
  vpcEndpoint: ['a VPC endpoint', 'VPC endpoints'],
  defaultSecurityGroup: ['the default security group', 'default security groups'],
  kmsKey: ['the KMS key', 'KMS keys'],
  kmsAlias: ['the KMS alias', 'KMS aliases'],
  logGroup: ['the log group', 'log groups'],
  clusterRole: ['the cluster role', 'cluster roles'],
  nodeRole: ['the node role', 'node roles'],
  cluster: ['the cluster', 'clusters'],
  addon: ['an add-on', 'add-ons'],
  accessEntry: ['the access entry', 'access entries'],
  nodeGroup: ['a node group', 'node groups'],
  launchTemplate: ['a launch template', 'launch templates'],
  k8s: ['a Kubernetes object', 'Kubernetes objects'],
  helmRelease: ['a Helm release', 'Helm releases'],
};

/** Facts that say what waits for what (creation order decides whether a first deploy succeeds). */
const ORDERING: readonly {
  readonly suffix: RegExp;
  readonly says: (keys: readonly string[], expected: readonly Value[]) => string;
}[] = [
  {
    suffix: /^nodeGroup\[[^\]]+\]\.waitsForPrivateEgress$/,
    says: () => 'node groups after their NAT routes or VPC endpoints',
  },
  {
    suffix: /^logGroup\.createdBeforeCluster$/,
    says: () => 'the log group before the cluster',
  },
  {
    suffix: /^addon\[[^\]]+\]\.order$/,
    says: (keys, expected) => {
      const byOrder = new Map<string, string[]>();
      keys.forEach((key, index) => {
        const name = /\[([^\]]+)\]/.exec(key)?.[1] ?? key;
        const order = String(expected[index]);
        byOrder.set(order, [...(byOrder.get(order) ?? []), name]);
      });
      return [...byOrder]
        .map(([order, names]) => `${listOf(names.sort())} ${order.replaceAll('-', ' ')}`)
        .join(', ');
    },
  },
];

function waitingItem(report: ReportData): GlanceItem | undefined {
  const compared = built(report);
  if (compared.length === 0) return undefined;
  const rows = report.comparison.rows.filter((row) => row.inTarget);
  const parts: string[] = [];
  const differing = new Map<string, string[]>();
  let facts = 0;
  for (const ordering of ORDERING) {
    const matching = rows.filter((row) => ordering.suffix.test(row.key));
    if (matching.length === 0) continue;
    facts += matching.length;
    parts.push(
      ordering.says(
        matching.map((row) => row.key),
        matching.map((row) => row.expected),
      ),
    );
    for (const row of matching) {
      for (const implementation of compared) {
        const cell = row.cells[implementation.id];
        if (cell && cell.status !== 'equal' && cell.status !== 'outside-envelope')
          differing.set(implementation.id, [...(differing.get(implementation.id) ?? []), row.key]);
      }
    }
  }
  const awaiting = awaitSentence(report);
  if (facts === 0 && awaiting === undefined) return undefined;
  const agreeing = compared.filter((implementation) => !differing.has(implementation.id)).map((i) => i.id);
  const verdict =
    differing.size === 0
      ? `${compared.length === 1 ? compared[0]!.id : `all ${compared.length}`} ${verbFor(compared.length, 'matches', 'match')} the target on the ${plural(facts, 'ordering fact')}`
      : `${[...differing].map(([id, keys]) => `${id} differs on ${listOf(keys)}`).join('; ')}${agreeing.length ? `; ${listOf(agreeing)} ${verbFor(agreeing.length, 'matches', 'match')} the target` : ''}`;
  const order = facts > 0 ? `${verdict} (${parts.join('; ')}).` : '';
  return {
    topic: 'waiting',
    title: 'Who waits for what',
    text: [order, awaiting?.text].filter(Boolean).join(' '),
    implementations: [...new Set([...differing.keys(), ...(awaiting?.implementations ?? [])])],
  };
}

/** What a deploy waits for on one workload item, in words; undefined when it waits for nothing. */
function awaitPhrase(identity: string, value: Value | null): string | undefined {
  if (typeof value !== 'string' || value.startsWith('nothing')) return undefined;
  const object = /^k8s\[(\w+) ([^\]]+)\]$/.exec(identity);
  const release = /^helmRelease\[([^\]]+)\]$/.exec(identity);
  const name = object ? `${object[1]} ${object[2]}` : release ? `release ${release[1]}` : identity;
  if (value.startsWith('the rollout')) return `${name} to roll out`;
  if (value.startsWith('completion')) return `${name} to complete`;
  if (value.startsWith('a ready pod')) return `a ready pod behind ${name}`;
  if (value.startsWith('the load balancer')) return `${name}'s load balancer`;
  if (value.startsWith('helm --wait')) return `${name} (helm --wait)`;
  return `${name}: ${value}`;
}

/**
 * Who waits for the rollout: the resource diff's `$await` rows (harness/src/kubernetes/await.ts),
 * per implementation the workload items its deploy waits for, smallest set first, a superset said
 * as "also".
 */
function awaitSentence(
  report: ReportData,
): { readonly text: string; readonly implementations: readonly string[] } | undefined {
  const rows = report.resourceDiff.differences.filter((difference) => difference.path === '$await');
  if (rows.length === 0) return undefined;
  const waits = new Map<string, string[]>();
  for (const row of rows) {
    for (const [id, value] of Object.entries(row.values)) {
      const phrase = awaitPhrase(row.identity, value);
      waits.set(id, [...(waits.get(id) ?? []), ...(phrase ? [phrase] : [])]);
    }
  }
  const groups: { ids: string[]; phrases: string[] }[] = [];
  for (const [id, phrases] of waits) {
    const found = groups.find((group) => group.phrases.join('\u0000') === phrases.join('\u0000'));
    if (found) found.ids.push(id);
    else groups.push({ ids: [id], phrases });
  }
  groups.sort((a, b) => a.phrases.length - b.phrases.length);
  const waiting = groups.filter((group) => group.phrases.length > 0);
  const clauses = waiting.map((group, index) => {
    const previous = waiting[index - 1];
    if (previous?.phrases.every((phrase) => group.phrases.includes(phrase))) {
      const more = group.phrases.filter((phrase) => !previous.phrases.includes(phrase));
      return `${listOf(group.ids)} also for ${listOf(more)}`;
    }
    return `${listOf(group.ids)} ${verbFor(group.ids.length, 'waits', 'wait')} for ${listOf(group.phrases)}`;
  });
  const none = groups.filter((group) => group.phrases.length === 0).flatMap((group) => group.ids);
  if (none.length > 0)
    clauses.push(
      `${listOf(none)} for none of them: ${none.length === 1 ? 'its deploy returns' : 'their deploys return'} once the API server accepts each object`,
    );
  return {
    text: `On deploy, ${clauses.join('; ')}.`,
    implementations: groups.flatMap((group) => group.ids),
  };
}

function envelopeItem(report: ReportData): GlanceItem | undefined {
  const clauses: string[] = [];
  const involved = new Set<string>();
  const sections = new Map<string, string[]>();
  for (const implementation of report.implementations) {
    for (const gap of implementation.outsideSections) {
      sections.set(gap.section, [...(sections.get(gap.section) ?? []), implementation.id]);
      involved.add(implementation.id);
    }
  }
  for (const [section, ids] of sections)
    clauses.push(`${listOf(ids)} ${verbFor(ids.length, 'leaves', 'leave')} out the ${section}`);
  const outside = report.implementations.filter(
    (implementation) => implementation.status === 'outside-envelope',
  );
  for (const implementation of outside) {
    clauses.push(
      `${implementation.id} cannot build this target (${implementation.outsideEnvelope.map((v) => v.path).join(', ')})`,
    );
    involved.add(implementation.id);
  }
  const limits = groupedBy(report.implementations, (implementation) => {
    const envelope = implementation.envelope;
    if (!envelope) return undefined;
    const perGroup = [
      envelope.labelsPerNodeGroup.max !== null ? plural(envelope.labelsPerNodeGroup.max, 'label') : undefined,
      envelope.taintsPerNodeGroup.max !== null ? plural(envelope.taintsPerNodeGroup.max, 'taint') : undefined,
    ].filter((bound): bound is string => bound !== undefined);
    const atMost = [
      envelope.nodeGroups.max !== null
        ? `${plural(envelope.nodeGroups.max, 'node group')}${perGroup.length ? ` (${listOf(perGroup)} each)` : ''}`
        : undefined,
      envelope.accessEntries.max !== null
        ? plural(envelope.accessEntries.max, 'access entry', 'access entries')
        : undefined,
      envelope.tags.max !== null ? plural(envelope.tags.max, 'tag') : undefined,
    ].filter((bound): bound is string => bound !== undefined);
    const zones = envelope.availabilityZones;
    const bounds = [
      zones.max !== null ? `${zones.min}–${zones.max} AZs` : undefined,
      atMost.length > 0 ? `at most ${listOf(atMost)}` : undefined,
    ].filter((bound): bound is string => bound !== undefined);
    return bounds.length > 0 ? bounds.join(' and ') : undefined;
  });
  for (const group of limits) {
    clauses.push(`${listOf(group.ids)} ${verbFor(group.ids.length, 'takes', 'take')} ${group.text}`);
    for (const id of group.ids) involved.add(id);
  }
  // Values a spec field may take that some implementations cannot build, merged when they split the same way.
  const byPath = new Map<string, string[]>();
  for (const implementation of report.implementations) {
    for (const unsupported of implementation.envelope?.unsupportedValues ?? []) {
      const key = `${unsupported.path}\u0000${unsupported.values.join(' or ')}`;
      byPath.set(key, [...(byPath.get(key) ?? []), implementation.id]);
    }
  }
  const bySplit = new Map<string, { paths: string[]; value: string; ids: string[] }>();
  for (const [key, ids] of byPath) {
    const [path, value] = key.split('\u0000') as [string, string];
    const split = `${value}\u0000${ids.join(',')}`;
    const entry = bySplit.get(split) ?? { paths: [], value, ids };
    entry.paths.push(path);
    bySplit.set(split, entry);
  }
  for (const entry of bySplit.values()) {
    clauses.push(`${listOf(entry.ids)} cannot set ${listOf(entry.paths, 'or')} to ${entry.value}`);
    for (const id of entry.ids) involved.add(id);
  }
  if (clauses.length === 0) return undefined;
  return {
    topic: 'envelope',
    title: 'Outside an envelope',
    text: `${clauses.join('; ')}.`,
    implementations: [...involved],
  };
}

function linesOfCodeItem(report: ReportData): GlanceItem | undefined {
  const counted = report.implementations.filter((implementation) => implementation.linesOfCode > 0);
  if (counted.length < 2) return undefined;
  const sorted = [...counted].sort((a, b) => a.linesOfCode - b.linesOfCode);
  const fewest = sorted[0]!;
  const most = sorted[sorted.length - 1]!;
  const ratio = most.linesOfCode / fewest.linesOfCode;
  return {
    topic: 'lines-of-code',
    title: 'Lines of code',
    text: `${sorted.map((implementation) => `${implementation.id} ${implementation.linesOfCode}`).join(', ')}${ratio >= 1.5 ? `: ${most.id} takes ${ratio.toFixed(1)} times as many as ${fewest.id}` : ''}.`,
    implementations: sorted.map((implementation) => implementation.id),
  };
}

/** What a tool does with a workload beyond sending it: each path's clause and its values as verbs. */
const WORKLOAD_LIFECYCLE: readonly {
  path: string;
  says: string;
  verb: Readonly<Record<string, (count: number) => string>>;
}[] = [
  {
    path: '$lifecycle.onDeleteFailure',
    says: 'if a delete fails',
    verb: {
      [ON_DELETE_FAILURE.fails]: (count) =>
        `${verbFor(count, 'fails', 'fail')} the destroy and ${verbFor(count, 'says', 'say')} why`,
      [ON_DELETE_FAILURE.reportedDeleted]: (count) =>
        `${verbFor(count, 'reports', 'report')} it deleted though it may still run (the handler logs the error)`,
    },
  },
  {
    path: '$lifecycle.onDataChange',
    says: 'when a ConfigMap’s or Secret’s data changes, it is',
    verb: {},
  },
];

/** The workload lifecycle differences (resource diff `$lifecycle.*` on workload items), one clause each. */
function workloadLifecycleItem(report: ReportData): GlanceItem | undefined {
  const diff = report.resourceDiff;
  if (diff.implementations.length < 2) return undefined;
  const groups = groupResourceDifferences(diff);
  const sentences: string[] = [];
  const involved = new Set<string>();
  for (const lifecycle of WORKLOAD_LIFECYCLE) {
    const group = groups.find((candidate) => candidate.path === lifecycle.path);
    if (!group) continue;
    const split = group.variants
      .map((variant) => {
        const ids = variant.implementations;
        for (const id of ids) involved.add(id);
        const value = typeof variant.value === 'string' ? variant.value : null;
        const verb = value === null ? undefined : lifecycle.verb[value];
        return `${listOf(ids)} ${verb ? verb(ids.length) : value === null ? 'not built' : value}`;
      })
      .join('; ');
    sentences.push(`${lifecycle.says} (${plural(group.items.length, 'item')}): ${split}.`);
  }
  if (sentences.length === 0) return undefined;
  const text = sentences.map((sentence) => sentence[0]!.toUpperCase() + sentence.slice(1)).join(' ');
  return { topic: 'workload-lifecycle', title: 'Workloads', text, implementations: [...involved] };
}

/** Paths other glance sentences already say (replacement order, who waits, the workload lifecycle). */
const SAID_ELSEWHERE = new Set([
  '$lifecycle.replacementOrder',
  '$await',
  ...WORKLOAD_LIFECYCLE.map((lifecycle) => lifecycle.path),
]);

/**
 * How the implementations split on one property: "set by a and b, not by c" when the only
 * question is whether it is set, else each value with who has it ("a: gp3; b: gp2; c: not set").
 */
export function splitOf(
  variants: readonly { value: Value | null; implementations: readonly string[] }[],
): string {
  const set = variants.filter((variant) => variant.value !== null);
  const unset = variants
    .filter((variant) => variant.value === null)
    .flatMap((variant) => variant.implementations);
  if (set.length <= 1) {
    const setBy = set.flatMap((variant) => variant.implementations);
    return [setBy.length ? `set by ${listOf(setBy)}` : '', unset.length ? `not by ${listOf(unset)}` : '']
      .filter(Boolean)
      .join(', ');
  }
  return variants
    .map(
      (variant) =>
        `${listOf(variant.implementations)} ${variant.value === null ? verbFor(variant.implementations.length, 'leaves it unset', 'leave it unset') : formatValue(variant.value, 40)}`,
    )
    .join('; ');
}

/** Every other property that differs between tools, grouped by what differs and who has which value. */
function otherDifferencesItem(report: ReportData): GlanceItem | undefined {
  const diff = report.resourceDiff;
  if (diff.implementations.length < 2) return undefined;
  const groups = groupResourceDifferences(diff).filter((group) => !SAID_ELSEWHERE.has(group.path));
  if (groups.length === 0) return undefined;
  // Paths that split the tools the same way on the same items read as one clause.
  const merged = new Map<string, { paths: string[]; items: readonly string[]; split: string }>();
  for (const group of groups) {
    const split = splitOf(group.variants);
    const key = `${group.items.join(',')}\u0000${split}`;
    const entry = merged.get(key) ?? { paths: [], items: group.items, split };
    entry.paths.push(group.path);
    merged.set(key, entry);
  }
  const SHOWN = 3;
  const entries = [...merged.values()];
  const clauses = entries.slice(0, SHOWN).map((entry) => {
    const items = entry.items.length > 2 ? `${entry.items.length} items` : listOf([...entry.items]);
    return `${listOf(entry.paths)} on ${items}: ${entry.split}`;
  });
  const more = entries.length - SHOWN;
  return {
    topic: 'other-settings',
    title: 'Other settings',
    text: `${clauses.join('; ')}${more > 0 ? `; and ${plural(more, 'other difference')} (below)` : ''}.`,
    implementations: [
      ...new Set(groups.flatMap((group) => group.variants.flatMap((variant) => variant.implementations))),
    ],
  };
}

/** The differences at a glance, in the order a person choosing a tool reads them. */
export function glanceOf(report: ReportData): GlanceItem[] {
  return [
    twoPhaseItem(report),
    machineryItem(report),
    replacementOrderItem(report),
    linesOfCodeItem(report),
    envelopeItem(report),
    waitingItem(report),
    workloadLifecycleItem(report),
    otherDifferencesItem(report),
  ].filter((item): item is GlanceItem => item !== undefined);
}
