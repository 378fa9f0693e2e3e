/**
 * Differences at a glance: what a team choosing a tool asks right after "do they agree?" — how the
 * tools differ — in one sentence per topic, built only from data the report already holds (the
 * overhead ledger, the ordering facts, the resource diff, the envelopes, lines of code). Nothing
 * here is measured or guessed anew: each sentence restates numbers shown in detail further down.
 */
import { sectionOf } from '../compare/facts.js';
import type { Value } from '../model/value.js';
import { listOf, nounFor, plural, verbFor } from '../words.js';
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

function replacementOrderItem(report: ReportData): GlanceItem | undefined {
  const diff = report.resourceDiff;
  if (diff.implementations.length < 2) return undefined;
  const groups = groupResourceDifferences(diff).filter(
    (group) => group.path === '$lifecycle.replacementOrder',
  );
  const items = diff.items.length;
  if (groups.length === 0) {
    return {
      topic: 'replacement-order',
      title: 'Replacement order',
      text: `every implementation replaces each of the ${plural(items, 'item')} in the same order.`,
      implementations: [],
    };
  }
  const clauses = groups.map((group) => {
    const destroyFirst = group.variants.filter((variant) => variant.value === 'destroy-before-create');
    const createFirst = group.variants.filter((variant) => variant.value === 'create-before-destroy');
    const ids = (variants: typeof group.variants) =>
      listOf(variants.flatMap((variant) => [...variant.implementations]));
    if (destroyFirst.length > 0 && createFirst.length > 0) {
      const count = (variants: typeof group.variants) =>
        variants.reduce((sum, variant) => sum + variant.implementations.length, 0);
      return `${ids(destroyFirst)} ${verbFor(count(destroyFirst), 'deletes', 'delete')} first on ${group.items.length} of ${items} items, where ${ids(createFirst)} ${verbFor(count(createFirst), 'creates', 'create')} the replacement first`;
    }
    return group.variants
      .map((variant) => `${listOf(variant.implementations)}: ${String(variant.value ?? 'not set')}`)
      .join('; ');
  });
  const differing = new Set(groups.flatMap((group) => group.items));
  const same = diff.items.filter((item) => !differing.has(item.identity));
  const sameKinds = [
    ...new Set(same.map((item) => ITEM_WORDS[item.identity.split('[')[0]!] ?? item.identity.split('[')[0]!)),
  ];
  return {
    topic: 'replacement-order',
    title: 'Replacement order',
    text: `${clauses.join('; ')}${same.length > 0 ? `; no difference on the other ${plural(same.length, 'item')} (${listOf(sameKinds)})` : ''}.`,
    implementations: [
      ...new Set(groups.flatMap((group) => group.variants.flatMap((variant) => variant.implementations))),
    ],
  };
}

/** Item families in words, for "the same on the other 13 (node groups, launch templates, workloads)". */
const ITEM_WORDS: Readonly<Record<string, string>> = {
  nodeGroup: 'node groups',
  launchTemplate: 'launch templates',
  k8s: 'workloads',
  helmRelease: 'workloads',
  subnet: 'subnets',
  cluster: 'the cluster',
  addon: 'add-ons',
  vpc: 'the VPC',
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
  if (facts === 0) return undefined;
  const agreeing = compared.filter((implementation) => !differing.has(implementation.id)).map((i) => i.id);
  const verdict =
    differing.size === 0
      ? `${compared.length === 1 ? compared[0]!.id : `all ${compared.length}`} ${verbFor(compared.length, 'matches', 'match')} the target on the ${plural(facts, 'ordering fact')}`
      : `${[...differing].map(([id, keys]) => `${id} differs on ${listOf(keys)}`).join('; ')}${agreeing.length ? `; ${listOf(agreeing)} ${verbFor(agreeing.length, 'matches', 'match')} the target` : ''}`;
  return {
    topic: 'waiting',
    title: 'Who waits for what',
    text: `${verdict} (${parts.join('; ')}).`,
    implementations: [...differing.keys()],
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

/** Every other property that differs between tools, grouped by what differs and who has which value. */
function otherDifferencesItem(report: ReportData): GlanceItem | undefined {
  const diff = report.resourceDiff;
  if (diff.implementations.length < 2) return undefined;
  const groups = groupResourceDifferences(diff).filter(
    (group) => group.path !== '$lifecycle.replacementOrder',
  );
  if (groups.length === 0) return undefined;
  // Paths that split the tools the same way on the same items read as one clause.
  const merged = new Map<string, { paths: string[]; items: readonly string[]; split: string }>();
  for (const group of groups) {
    const split = group.variants
      .map(
        (variant) => `${variant.value === null ? 'not set by' : 'set by'} ${listOf(variant.implementations)}`,
      )
      .join(', ');
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
    otherDifferencesItem(report),
  ].filter((item): item is GlanceItem => item !== undefined);
}
