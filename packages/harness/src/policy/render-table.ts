/** The policy report for a terminal: the answer first, then the matrix, then each finding with its fix. */
import type { PolicyFinding, PolicyReport, RuleMetadata } from './model.js';
import {
  CELL_LEGEND,
  CELL_TEXT,
  cellOf,
  fixToolOf,
  formatWhere,
  headline,
  type RenderOptions,
  SHORT_NAMES,
} from './summary.js';

/** Words to lines of at most `width` columns (a long word stays whole); the first line keeps its indent. */
function wrap(text: string, width: number, indent = ''): string[] {
  const lead = /^ */.exec(text)![0];
  const lines: string[] = [];
  let line = lead;
  for (const word of text.slice(lead.length).split(' ')) {
    if (line.trim() !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = indent + word;
    } else line = line.trim() === '' ? line + word : `${line} ${word}`;
  }
  if (line.trim() !== '') lines.push(line);
  return lines;
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

function waiverText(finding: PolicyFinding): string {
  const waiver = finding.waiver!;
  return `${waiver.reason} (${waiver.source}${waiver.expires ? `, until ${waiver.expires}` : ''})`;
}

function ruleSection(
  rule: RuleMetadata,
  findings: readonly PolicyFinding[],
  options: RenderOptions,
): string[] {
  const open = findings.filter((finding) => !finding.waiver && finding.status === 'non-compliant');
  const label = open.length > 0 ? 'FAIL' : findings.every((finding) => finding.waiver) ? 'WAIVED' : 'UNKNOWN';
  const out = ['', ...wrap(`${label} ${rule.id} (${rule.severity}): ${rule.title}`, 80, '  ')];
  for (const finding of findings) {
    out.push(
      `  ${finding.implementation}  ${formatWhere(finding.location, options.relativeTo)}`,
      ...wrap(`    ${finding.displayName}: ${finding.message}`, 80, '      '),
    );
    if (finding.waiverProblem) out.push(...wrap(`    not waived: ${finding.waiverProblem}`, 80, '      '));
  }
  // One waiver usually covers the rule in every tool: say it once.
  const reasons = [...new Set(findings.filter((finding) => finding.waiver).map(waiverText))];
  for (const reason of reasons) out.push(...wrap(`  waived: ${reason}`, 80, '    '));
  const tools = [
    ...new Set(
      findings
        .filter((finding) => !finding.waiver)
        .map((finding) => fixToolOf(finding.implementation, options)),
    ),
  ];
  for (const tool of tools) if (tool) out.push(...wrap(`  fix (${tool}): ${rule.fix[tool]}`, 80, '    '));
  return out;
}

export function renderPolicyTable(report: PolicyReport, options: RenderOptions = {}): string {
  const out: string[] = [...wrap(headline(report), 80), ''];
  const ids = report.implementations.map((implementation) => implementation.implementation);
  const names = ids.map((id) => SHORT_NAMES[id] ?? id);
  const ruleWidth = Math.max(...report.rules.map((rule) => rule.id.length), 4) + 2;
  const cellWidth = Math.max(...names.map((name) => name.length), 6) + 1;
  out.push(
    pad('rule', ruleWidth) +
      names
        .map((name) => pad(name, cellWidth))
        .join('')
        .trimEnd(),
  );
  for (const rule of report.rules) {
    const cells = ids.map((id) => pad(CELL_TEXT[cellOf(report, id, rule.id)], cellWidth));
    out.push((pad(rule.id, ruleWidth) + cells.join('')).trimEnd());
  }
  const shortened = ids.filter((id) => SHORT_NAMES[id]);
  if (shortened.length > 0) out.push(shortened.map((id) => `${SHORT_NAMES[id]} = ${id}`).join(', '));
  out.push(CELL_LEGEND);
  for (const rule of report.rules) {
    const findings = report.implementations.flatMap(
      (implementation) =>
        implementation.verdicts.find((verdict) => verdict.ruleId === rule.id)?.findings ?? [],
    );
    if (findings.length > 0) out.push(...ruleSection(rule, findings, options));
  }
  if (report.waivers?.unused.length) out.push('', ...report.waivers.unused.map((note) => `note: ${note}`));
  if (report.notes.length > 0) out.push('', ...report.notes.map((note) => `note: ${note}`));
  return `${out.join('\n')}\n`;
}
