/** The Markdown rendering (docs/comparison.md is one). */
import { formatSynthTime, formatValue } from './format-value.js';
import { CELL_SYMBOL as SYMBOL, markdownTable as tableOf } from './layout.js';
import type { CompareReport } from './model.js';

export function renderMarkdown(report: CompareReport): string {
  const t = report.target;
  const ids = report.implementations.map((implementation) => implementation.id);
  const out: string[] = [];
  out.push(`# iac-compare: ${t.name}`);
  out.push('');
  out.push(
    `Target \`${t.file}\`: ${t.region}, ${t.availabilityZones.length} availability zones (${t.availabilityZones.join(', ')}), NAT ${t.natGateways}, EKS ${t.kubernetesVersion}, ${t.nodeGroups} node groups.`,
  );
  out.push('');
  out.push(
    `**${report.summary.conforming} of ${report.summary.implementations}** implementations build the target as specified, checked on ${report.summary.facts} facts each.`,
  );
  out.push('');
  out.push('## Implementations');
  out.push('');
  out.push(
    ...tableOf(
      [
        'Implementation',
        'Tool',
        'Conforms',
        'Core resources',
        'Overhead',
        'Lines of code',
        'Synth',
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
          String(implementation.overhead),
          String(implementation.linesOfCode),
          formatSynthTime(implementation.synth),
          envelope
            ? `AZs ${envelope.availabilityZones.min}–${envelope.availabilityZones.max ?? 'any'}; node groups ≤ ${envelope.nodeGroups.max ?? 'any'}; labels ≤ ${envelope.labelsPerNodeGroup.max ?? 'any'}; taints ≤ ${envelope.taintsPerNodeGroup.max ?? 'any'}`
            : '—',
        ];
      }),
    ),
  );
  out.push('');
  out.push('## Facts');
  out.push('');
  out.push(
    '✓ equal · ✗ differs · – missing · + not in the target · ? unknown · ○ outside envelope · ! failed',
  );
  out.push('');
  out.push(
    ...tableOf(
      ['Fact', 'Expected', ...ids],
      report.comparison.rows.map((fact) => [
        fact.key,
        fact.inTarget ? formatValue(fact.expected, 60) : '(not in target)',
        ...ids.map((id) => SYMBOL[fact.cells[id]?.status ?? 'failed']),
      ]),
    ),
  );
  const details = report.implementations.flatMap((implementation) => [
    ...(implementation.failure ? [`- \`${implementation.id}\`: ${implementation.failure}`] : []),
    ...implementation.outsideEnvelope.map(
      (violation) =>
        `- \`${implementation.id}\` outside its envelope: ${violation.path}: ${violation.message}`,
    ),
    ...implementation.differences.map(
      (difference) =>
        `- \`${implementation.id}\` ${difference.fact}: expected ${formatValue(difference.expected)}, got ${difference.status === 'missing' ? 'nothing' : formatValue(difference.actual)}`,
    ),
    ...implementation.unknowns.map(
      (unknown) => `- \`${implementation.id}\` ${unknown.fact}: unknown (${unknown.why})`,
    ),
  ]);
  out.push('');
  out.push('## Differences');
  out.push('');
  out.push(...(details.length ? details : ['None: every implementation builds every fact of the target.']));
  out.push('');
  out.push('## Resources by kind');
  out.push('');
  const kinds = [
    ...new Set(
      report.implementations.flatMap((implementation) => Object.keys(implementation.resourcesByKind)),
    ),
  ].sort();
  out.push(
    ...tableOf(
      ['Kind', ...ids],
      kinds.map((kind) => [
        kind,
        ...report.implementations.map((implementation) =>
          String(implementation.resourcesByKind[kind] ?? '·'),
        ),
      ]),
    ),
  );
  out.push('');
  out.push('## Overhead (tool machinery)');
  out.push('');
  const overhead = report.implementations.flatMap((implementation) =>
    implementation.overheadResources.map((resource) => [
      `\`${implementation.id}\``,
      resource.type,
      resource.reason,
    ]),
  );
  out.push(
    ...(overhead.length ? tableOf(['Implementation', 'Type', 'What it is for'], overhead) : ['None.']),
  );
  out.push('');
  return `${out.join('\n')}\n`;
}
