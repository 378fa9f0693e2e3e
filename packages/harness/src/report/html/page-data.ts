/**
 * The page's data from a compare, check or plan report: the report itself and what only the
 * harness can say in words (the verdict, card texts, what to fix, the plan summary), with the
 * diagrams rendered to SVG. Everything here is a function of the report: the same report gives the
 * same page, byte for byte (no clock, no random id; synth times are left out, as the Markdown
 * report leaves them out).
 */
import type { ImplementationPlan, PlanReport, ResourceChange } from '../../plan/model.js';
import { planSummary } from '../../plan/render.js';
import type { PolicyReport } from '../../policy/model.js';
import { cellOf, findingsOf as findingsOfPolicy, type RenderOptions } from '../../policy/summary.js';
import { errorsIn } from '../../validate/findings.js';
import { listOf, plural } from '../../words.js';
import { MARK_STYLES } from '../diagram/dot.js';
import { MARK_WORDS, type Mark } from '../diagram/model.js';
import { type DiagramPanel, renderDiagrams } from '../diagram/render.js';
import { compareTopologies, describeChange, planTopologies, targetDetails } from '../diagram/topology.js';
import { formatValue } from '../format-value.js';
import { machineryBreakdown } from '../glance.js';
import type { CompareReport, ImplementationReport } from '../model.js';
import { differenceText, envelopeText } from '../render-table.js';
import { groupResourceDifferences, KNOWN_TOOL_SEMANTICS } from '../resource-groups.js';
import { allConform, verdictOf } from '../verdict.js';
import {
  type Card,
  type FindingRow,
  type Fix,
  type LegendEntry,
  PAGE_VERSION,
  type PageCommand,
  type PageData,
  type PlanChangeRow,
  type PolicyView,
} from './page-model.js';
import { policyView } from './policy-view.js';

export interface PageOptions {
  /** The command line that wrote the page (shown in it, and in its first line). */
  readonly writtenBy: string;
  /** From the page's folder to the repository root (`''`, `'../'`), or null for no source links. */
  readonly linkRoot: string | null;
  readonly policy?: PolicyView;
}

const COMPARE_MARKS: readonly Mark[] = ['equal', 'differs', 'unknown', 'unexpected', 'absent', 'outside'];
const PLAN_MARKS: readonly Mark[] = ['unchanged', 'create', 'update', 'replace', 'delete', 'fails', 'absent'];

function legendOf(marks: readonly Mark[]): LegendEntry[] {
  return marks.map((mark) => {
    const style = MARK_STYLES[mark];
    const dash = style.style.includes('dashed')
      ? 'dashed'
      : style.style.includes('dotted')
        ? 'dotted'
        : undefined;
    return { mark, words: MARK_WORDS[mark], fill: style.fill, color: style.color, ...(dash ? { dash } : {}) };
  });
}

/** A location as the page links it: `file:line` without the column. */
function locationText(location: { file: string; line?: number } | undefined): string | undefined {
  if (!location) return undefined;
  return `${location.file}${location.line ? `:${location.line}` : ''}`;
}

function compareCard(report: CompareReport, implementation: ImplementationReport): Card {
  const id = implementation.id;
  const cells = report.comparison.rows.map((row) => row.cells[id]).filter((cell) => cell !== undefined);
  const judged = cells.filter((cell) => cell.status !== 'outside-envelope');
  const equal = judged.filter((cell) => cell.status === 'equal').length;
  const errors = errorsIn(implementation.findings).length;
  const warnings = implementation.findings.filter((finding) => finding.severity === 'warning').length;
  const compared = implementation.status === 'compared';
  const tone: Card['tone'] = implementation.conforms
    ? 'ok'
    : implementation.status === 'outside-envelope'
      ? 'muted'
      : 'bad';
  const badge = implementation.conforms
    ? 'conforms'
    : implementation.status === 'compared'
      ? 'does not conform'
      : implementation.status === 'failed'
        ? 'failed'
        : 'outside its envelope';
  const facts: Card['facts'] = compared
    ? [
        { label: 'facts equal', value: `${equal} of ${judged.length}` },
        { label: 'core resources', value: String(implementation.resources) },
        {
          label: 'machinery',
          value: String(implementation.overhead),
          ...(implementation.overhead > 0 ? { title: machineryBreakdown(implementation) } : {}),
        },
        { label: 'unaccounted', value: String(implementation.ledger.unaccounted.length) },
        {
          label: 'lines of code',
          value: `${implementation.linesOfCode} in ${plural(implementation.sourceFiles, 'file')}`,
        },
        { label: 'validation', value: `${plural(errors, 'error')}, ${plural(warnings, 'warning')}` },
        { label: 'envelope', value: envelopeText(implementation) },
      ]
    : [{ label: 'envelope', value: envelopeText(implementation) }];
  const notes: Card['notes'] = [
    ...(implementation.overhead > 0 ? [{ text: `machinery: ${machineryBreakdown(implementation)}` }] : []),
    ...implementation.outsideSections.map((gap) => ({
      text: `leaves out the ${gap.section}`,
      detail: gap.why,
    })),
    ...implementation.outsideEnvelope.map((violation) => ({
      text: `${violation.path}: ${violation.message}`,
    })),
    ...(implementation.failure ? [{ text: implementation.failure }] : []),
  ];
  return { id, label: implementation.label, tone, badge, facts, notes };
}

function fixesOf(report: CompareReport): Fix[] {
  return report.implementations.flatMap((implementation): Fix[] => {
    const implementationId = implementation.id;
    return [
      ...implementation.differences.map((difference) => ({
        implementation: implementationId,
        subject: difference.fact,
        text: differenceText(difference),
        ...(difference.location ? { location: difference.location } : {}),
        ...(difference.locationScope && difference.locationScope !== 'attribute'
          ? { scope: difference.locationScope === 'block' ? 'not written; its block' : 'the resource' }
          : {}),
      })),
      ...implementation.unknowns.map((unknown) => ({
        implementation: implementationId,
        subject: unknown.fact,
        text: `unknown (${unknown.why})`,
      })),
      ...implementation.ledger.unaccounted.map((entry) => {
        const location = locationText(entry.location);
        return {
          implementation: implementationId,
          subject: entry.address,
          text: `unaccounted ${entry.nativeType}: ${entry.reason ?? 'built, and read by nothing in the model'}`,
          ...(location ? { location } : {}),
        };
      }),
      ...errorsIn(implementation.findings).map((finding) => {
        const location = locationText(finding.location);
        return {
          implementation: implementationId,
          subject: `${finding.rule}${finding.subject ? ` ${finding.subject}` : ''}`,
          text: `rejected: ${finding.message}`,
          ...(location ? { location } : {}),
        };
      }),
    ];
  });
}

function findingsOf(report: CompareReport): FindingRow[] {
  return report.implementations.flatMap((implementation) =>
    implementation.findings.map((finding) => {
      const location = locationText(finding.location);
      return {
        implementation: implementation.id,
        severity: finding.severity,
        rule: finding.rule,
        text: `${finding.subject ? `${finding.subject}${finding.property ? ` ${finding.property}` : ''}: ` : ''}${finding.message}`,
        ...(location ? { location } : {}),
        ...(finding.acknowledged ? { acknowledged: finding.acknowledged } : {}),
      };
    }),
  );
}

/** The report without what changes between two runs of the same inputs: synth times. */
function steadyReport(report: CompareReport): CompareReport {
  return {
    ...report,
    implementations: report.implementations.map((implementation) => ({
      ...implementation,
      synth: { ms: null, cached: false },
    })),
  };
}

function subtitleOf(report: CompareReport): string {
  const t = report.target;
  return `${t.name} · ${t.region} · ${plural(t.availabilityZones.length, 'AZ')} · NAT ${t.natGateways} · EKS ${t.kubernetesVersion} · ${plural(t.nodeGroups, 'node group')} · ${t.file}`;
}

/** The page of a compare (or check) report. */
export async function comparePageData(
  report: CompareReport,
  command: Extract<PageCommand, 'compare' | 'check'>,
  options: PageOptions,
): Promise<PageData> {
  const panels = await renderDiagrams(compareTopologies(report), targetDetails(report), {
    ...(options.linkRoot !== null ? { linkRoot: options.linkRoot } : {}),
  });
  return {
    pageVersion: PAGE_VERSION,
    command,
    title: `iac-compare ${command}: ${report.target.name}`,
    subtitle: subtitleOf(report),
    verdict: { tone: allConform(report) ? 'ok' : 'bad', text: verdictOf(report) },
    writtenBy: options.writtenBy,
    linkRoot: options.linkRoot,
    glance: report.glance.map((item) => ({ title: item.title, text: item.text })),
    cards: report.implementations.map((implementation) => compareCard(report, implementation)),
    fixes: fixesOf(report),
    findings: findingsOf(report),
    otherDifferences: groupResourceDifferences(report.resourceDiff).map((group) => ({
      path: group.path,
      type: group.type,
      items: group.items,
      variants: group.variants.map((variant) => ({
        value: variant.value === null ? '(not set)' : formatValue(variant.value, 120),
        implementations: variant.implementations,
      })),
      ...(KNOWN_TOOL_SEMANTICS[group.path] ? { why: KNOWN_TOOL_SEMANTICS[group.path] } : {}),
      locations: group.locations,
    })),
    diagrams: { legend: legendOf(COMPARE_MARKS), panels },
    ...(options.policy ? { policy: options.policy } : {}),
    report: steadyReport(report),
  };
}

function changeRow(change: ResourceChange): PlanChangeRow {
  const order =
    change.action === 'replace' && change.replacementOrder
      ? `${change.replacementOrder === 'create-first' ? 'create first' : 'delete first'}${change.replacementOrderWhy ? `: ${change.replacementOrderWhy}` : ''}`
      : undefined;
  return {
    action: change.action,
    resource: change.displayName,
    address: change.address,
    type: change.nativeType,
    machinery: change.role === 'overhead',
    ...(order ? { order } : {}),
    changes: describeChange(change)
      .slice(1)
      .map((line) => line.trim())
      .filter((line) => !line.startsWith('fails:') && !line.startsWith('note:')),
    ...(change.fails ? { failure: change.failure ?? change.note ?? 'fails' } : {}),
    ...(change.note && !change.fails ? { note: change.note } : {}),
  };
}

function planCard(plan: ImplementationPlan): Card {
  const changes = plan.changes.filter((change) => change.role === 'core').length;
  const tone: Card['tone'] =
    plan.status !== 'planned' ? 'muted' : plan.fails ? 'bad' : plan.changes.length > 0 ? 'warn' : 'ok';
  const badge =
    plan.status !== 'planned'
      ? plan.status.replaceAll('-', ' ')
      : plan.fails
        ? `fails: ${plural(plan.changes.filter((change) => change.fails).length, 'change')}`
        : changes > 0
          ? plural(changes, 'change')
          : 'no changes';
  const counts = plan.counts;
  const machinery = plan.machineryCounts;
  const facts: Card['facts'] =
    plan.status === 'planned'
      ? [
          { label: 'create', value: String(counts.create) },
          { label: 'update', value: String(counts.update) },
          { label: 'replace', value: String(counts.replace) },
          { label: 'delete', value: String(counts.delete) },
          {
            label: 'machinery',
            value: String(machinery.create + machinery.update + machinery.replace + machinery.delete),
            title: listOf(
              (['create', 'update', 'replace', 'delete'] as const)
                .filter((action) => machinery[action] > 0)
                .map((action) => `${action} ${machinery[action]}`),
            ),
          },
        ]
      : [];
  return {
    id: plan.id,
    label: plan.label,
    tone,
    badge,
    facts,
    notes: [...(plan.detail ? [plan.detail] : []), ...(plan.notes ?? [])].map((text) => ({ text })),
  };
}

/** The page of a plan. */
export async function planPageData(report: PlanReport, options: PageOptions): Promise<PageData> {
  const panels: DiagramPanel[] = await renderDiagrams(
    planTopologies(report),
    {},
    {
      ...(options.linkRoot !== null ? { linkRoot: options.linkRoot } : {}),
    },
  );
  const failing = report.implementations.some((plan) => plan.fails);
  const changing = report.implementations.some((plan) => plan.changes.length > 0);
  return {
    pageVersion: PAGE_VERSION,
    command: 'plan',
    title: `iac-compare plan: ${report.target.name}`,
    subtitle: `baseline ${report.baseline.source} (${report.baseline.target}) → ${report.target.file}`,
    verdict: { tone: failing ? 'bad' : changing ? 'warn' : 'ok', text: planSummary(report) },
    writtenBy: options.writtenBy,
    linkRoot: options.linkRoot,
    glance: [],
    cards: report.implementations.map(planCard),
    fixes: [],
    findings: [],
    otherDifferences: [],
    diagrams: { legend: legendOf(PLAN_MARKS), panels },
    plan: {
      implementations: report.implementations.map((plan) => ({
        id: plan.id,
        label: plan.label,
        rows: plan.changes.map(changeRow),
      })),
    },
    report,
  };
}

function policyCard(report: PolicyReport, implementation: string): Card {
  const verdicts =
    report.implementations.find((entry) => entry.implementation === implementation)?.verdicts ?? [];
  const cells = report.rules.map((rule) => cellOf(report, implementation, rule.id));
  const count = (cell: string) => cells.filter((candidate) => candidate === cell).length;
  const open = verdicts
    .flatMap((verdict) => verdict.findings)
    .filter((finding) => finding.status === 'non-compliant' && !finding.waiver).length;
  const failing = count('fail');
  return {
    id: implementation,
    label: implementation,
    tone: failing > 0 ? 'bad' : count('unknown') > 0 || count('waived') > 0 ? 'warn' : 'ok',
    badge: failing > 0 ? `${plural(failing, 'rule')} failing` : 'no open findings',
    facts: [
      { label: 'pass', value: String(count('pass')) },
      { label: 'fail', value: String(failing), title: plural(open, 'open finding') },
      { label: 'waived', value: String(count('waived')) },
      { label: 'unknown', value: String(count('unknown')) },
      { label: 'not applicable', value: String(count('not-applicable')) },
      { label: 'outside envelope', value: String(count('outside-envelope')) },
    ],
    notes: [],
  };
}

/** The page of a policy report: the answer, one card per implementation, then the rules and findings. */
export function policyPageData(
  report: PolicyReport,
  options: PageOptions & {
    readonly target: string;
    readonly relativeTo?: string;
    readonly fixToolFor?: RenderOptions['fixToolFor'];
  },
): PageData {
  const view = policyView(report, {
    ...(options.relativeTo !== undefined ? { relativeTo: options.relativeTo } : {}),
    ...(options.fixToolFor ? { fixToolFor: options.fixToolFor } : {}),
  });
  const open = findingsOfPolicy(report).some(
    (finding) => finding.status === 'non-compliant' && !finding.waiver,
  );
  return {
    pageVersion: PAGE_VERSION,
    command: 'policy',
    title: `iac-compare policy: ${options.target}`,
    subtitle: `${plural(report.rules.length, 'rule')} · ${plural(report.implementations.length, 'implementation')} · ${options.target}`,
    verdict: { tone: open ? 'bad' : 'ok', text: view.headline },
    writtenBy: options.writtenBy,
    linkRoot: options.linkRoot,
    glance: [],
    cards: report.implementations.map((entry) => policyCard(report, entry.implementation)),
    fixes: [],
    findings: [],
    otherDifferences: [],
    diagrams: { legend: [], panels: [] },
    policy: view,
    report,
  };
}
