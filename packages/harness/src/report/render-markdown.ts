/**
 * The Markdown rendering (docs/comparison.md is one; a pull request comment another). It leads with
 * the verdict and what differs; the long tables (every fact, resources by kind, warnings) are folded
 * into <details>. It holds no synth times, so a regenerated report only changes when something real
 * does (timings are measured in bench/, and the terminal report shows them).
 */
import { formatLocation } from '../errors.js';
import { listOf, plural } from '../words.js';
import { formatValue } from './format-value.js';
import { CELL_SYMBOL as SYMBOL, markdownTable as tableOf } from './layout.js';
import type { CompareReport } from './model.js';
import { differenceText, relativePath, whereText } from './render-table.js';
import { groupResourceDifferences, KNOWN_TOOL_SEMANTICS, listDelta } from './resource-groups.js';
import { allConform, verdictOf } from './verdict.js';

export interface MarkdownOptions {
  /** Paths are shown relative to this folder (the repository). */
  readonly relativeTo?: string;
}

function details(summary: string, body: string[]): string[] {
  return ['<details>', `<summary>${summary}</summary>`, '', ...body, '', '</details>', ''];
}

export function renderMarkdown(report: CompareReport, options: MarkdownOptions = {}): string {
  const root = options.relativeTo;
  const t = report.target;
  const ids = report.implementations.map((implementation) => implementation.id);
  const out: string[] = [];
  out.push('<!-- written by iac-compare compare: regenerate it rather than edit it -->');
  out.push(`# iac-compare: ${t.name}`);
  out.push('');
  out.push(
    `Target \`${t.file}\`: ${t.region}, ${plural(t.availabilityZones.length, 'availability zone')} (${t.availabilityZones.join(', ')}), NAT ${t.natGateways}, EKS ${t.kubernetesVersion}, ${plural(t.nodeGroups, 'node group')}.`,
  );
  out.push('');
  out.push(`**${allConform(report) ? '✓' : '✗'} ${verdictOf(report)}.**`);
  out.push('');
  if (report.glance.length > 0) {
    out.push('## Differences at a glance', '');
    for (const item of report.glance) out.push(`- **${item.title}:** ${item.text}`);
    out.push('');
  }

  out.push('## Differences from the target');
  out.push('');
  const problems = report.implementations.flatMap((implementation) => {
    const id = `\`${implementation.id}\``;
    return [
      ...(implementation.failure ? [`- ${id}: ${implementation.failure}`] : []),
      ...implementation.outsideEnvelope.map(
        (violation) => `- ${id} outside its envelope: ${violation.path}: ${violation.message}`,
      ),
      ...implementation.differences.map(
        (difference) =>
          `- ${id} ${difference.fact}: ${differenceText(difference, (text) => `\`${text}\``)}${whereText(difference, root)}`,
      ),
      ...implementation.unknowns.map((unknown) => `- ${id} ${unknown.fact}: unknown (${unknown.why})`),
      ...implementation.ledger.unaccounted.map(
        (entry) =>
          `- ${id} unaccounted \`${entry.nativeType}\` ${entry.displayName} (${entry.location ? relativePath(formatLocation(entry.location), root) : entry.address}): ${entry.reason}`,
      ),
      ...implementation.findings
        .filter((finding) => finding.severity === 'error' && !finding.acknowledged)
        .map(
          (finding) =>
            `- ${id} ${finding.source === 'derived' ? 'derived ' : ''}rejected (${finding.rule}): ${finding.location ? `${relativePath(formatLocation(finding.location), root)}: ` : ''}${finding.subject ? `${finding.subject}: ` : ''}${finding.message}`,
        ),
    ];
  });
  out.push(
    ...(problems.length
      ? problems
      : [
          'None: every implementation builds every fact of the target, accounts for every resource, and holds nothing AWS or a provider would reject.',
        ]),
  );
  out.push('');
  const gaps = report.implementations.flatMap((implementation) =>
    (implementation.outsideSections ?? []).map(
      (gap) => `- \`${implementation.id}\` leaves out the ${gap.section}: ${gap.why}`,
    ),
  );
  if (gaps.length > 0) out.push('## Outside an envelope', '', ...gaps, '');

  const diff = report.resourceDiff;
  if (diff.implementations.length > 1) {
    out.push('## What else differs between the tools');
    out.push('');
    out.push(
      `Every property of ${plural(diff.items.length, 'item')}, in CloudFormation's vocabulary, after ${plural(diff.defaultsUsed.length, 'documented default')} and ${plural(diff.namingSetAside.length, 'naming convention')}. Differences per pair:`,
    );
    out.push('');
    out.push(
      ...tableOf(
        ['', ...diff.implementations],
        diff.implementations.map((a) => [
          a,
          ...diff.implementations.map((b) => (a === b ? '·' : String(diff.pairs[a]?.[b]?.differences ?? 0))),
        ]),
      ),
    );
    out.push('');
    for (const group of groupResourceDifferences(diff)) {
      out.push(
        `- **${group.path}** (${group.type}) on ${group.items.map((item) => `\`${item}\``).join(', ')}`,
      );
      const reference = group.variants[0]!;
      group.variants.forEach((variant, index) => {
        const delta = index > 0 ? listDelta(reference.value, variant.value) : undefined;
        const shown =
          delta && (delta.added.length || delta.removed.length)
            ? [
                ...delta.added.map((item) => `+\`${formatValue(item)}\``),
                ...delta.removed.map((item) => `−\`${formatValue(item)}\``),
              ].join(' ')
            : variant.value === null
              ? '(not set)'
              : `\`${formatValue(variant.value, 120)}\``;
        out.push(`  - ${shown}: ${listOf([...variant.implementations])}`);
      });
      const why = KNOWN_TOOL_SEMANTICS[group.path];
      if (why) out.push(`  - ${why}`);
    }
    if (diff.differences.length === 0) out.push('None.');
    out.push('');
    out.push(
      ...details(
        `Defaults and naming set aside (${diff.defaultsUsed.length + diff.namingSetAside.length + diff.toolDefaultsSetAside.length})`,
        [
          ...diff.defaultsUsed.map((entry) => `- default ${entry.type} \`${entry.path}\`: ${entry.source}`),
          ...diff.namingSetAside.map((entry) => `- naming ${entry.type} \`${entry.path}\`: ${entry.reason}`),
          ...diff.toolDefaultsSetAside.map(
            (entry) => `- tool default ${entry.type} \`${entry.path}\`: points at ${entry.toolDefault}`,
          ),
        ],
      ),
    );
  }

  const defaults = report.implementations.flatMap((implementation) =>
    implementation.ledger.toolDefaults.map((entry) => [
      `\`${implementation.id}\``,
      entry.nativeType,
      entry.reason ?? '',
      entry.source ?? '',
    ]),
  );
  if (defaults.length > 0) {
    out.push('## Tool defaults');
    out.push('');
    out.push(
      'Built beyond the target by a tool on its own, documented as harmless (`packages/harness/src/observe/tool-defaults.ts`).',
    );
    out.push('');
    out.push(...tableOf(['Implementation', 'Type', 'Why it changes nothing', 'Source'], defaults));
    out.push('');
  }

  out.push('## Implementations');
  out.push('');
  out.push(
    ...tableOf(
      [
        'Implementation',
        'Tool',
        'Conforms',
        'Core resources',
        'Accounted for',
        'Overhead',
        'Lines of code',
        'Envelope',
      ],
      report.implementations.map((implementation) => {
        const envelope = implementation.envelope;
        return [
          `\`${implementation.id}\` ${implementation.label}`,
          implementation.tool,
          implementation.conforms
            ? 'yes'
            : implementation.status === 'compared'
              ? 'no'
              : implementation.status,
          String(implementation.resources),
          `${implementation.ledger.claimed} claimed, ${plural(implementation.ledger.toolDefaults.length, 'tool default')}, ${implementation.ledger.unaccounted.length} unaccounted`,
          String(implementation.overhead),
          String(implementation.linesOfCode),
          envelope
            ? `AZs ${envelope.availabilityZones.min}–${envelope.availabilityZones.max ?? 'any'}; node groups ≤ ${envelope.nodeGroups.max ?? 'any'}; labels ≤ ${envelope.labelsPerNodeGroup.max ?? 'any'}; taints ≤ ${envelope.taintsPerNodeGroup.max ?? 'any'}`
            : '—',
        ];
      }),
    ),
  );
  out.push('');

  out.push(
    ...details(`Every fact (${report.comparison.rows.length})`, [
      '✓ equal · ✗ differs · – missing · + not in the target · ? unknown · ○ outside envelope · ! failed',
      '',
      ...tableOf(
        ['Fact', 'Expected', ...ids],
        report.comparison.rows.map((fact) => [
          fact.key,
          fact.inTarget ? formatValue(fact.expected, 60) : '(not in target)',
          ...ids.map((id) => SYMBOL[fact.cells[id]?.status ?? 'failed']),
        ]),
      ),
    ]),
  );

  const warnings = report.implementations.flatMap((implementation) =>
    implementation.findings
      .filter((finding) => finding.severity === 'warning' || finding.acknowledged)
      .map((finding) => [
        `\`${implementation.id}\``,
        finding.rule,
        finding.location ? relativePath(formatLocation(finding.location), root) : '',
        `${finding.subject ? `${finding.subject}: ` : ''}${finding.message}${finding.acknowledged ? ` (acknowledged: ${finding.acknowledged})` : ''}`,
      ]),
  );
  if (warnings.length > 0) {
    out.push(
      ...details(
        `Validation warnings (${warnings.length}; AWS would accept these)`,
        tableOf(['Implementation', 'Rule', 'Where', 'What'], warnings),
      ),
    );
  }

  const kinds = [
    ...new Set(
      report.implementations.flatMap((implementation) => Object.keys(implementation.resourcesByKind)),
    ),
  ].sort();
  out.push(
    ...details(
      'Resources by kind',
      tableOf(
        ['Kind', ...ids],
        kinds.map((kind) => [
          kind,
          ...report.implementations.map((implementation) =>
            String(implementation.resourcesByKind[kind] ?? '·'),
          ),
        ]),
      ),
    ),
  );
  const overhead = report.implementations.flatMap((implementation) =>
    implementation.overheadResources.map((resource) => [
      `\`${implementation.id}\``,
      resource.type,
      resource.reason,
    ]),
  );
  out.push(
    ...details(
      'Overhead (tool machinery)',
      overhead.length ? tableOf(['Implementation', 'Type', 'What it is for'], overhead) : ['None.'],
    ),
  );
  return `${out.join('\n')}\n`;
}
