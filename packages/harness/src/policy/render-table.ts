/** The policy report for a terminal: the answer first, then the matrix, then each finding with its fix. */
import type { PolicyFinding, PolicyReport } from './model.js';
import { CELL_TEXT, cellOf, fixToolOf, formatWhere, headline, type RenderOptions } from './summary.js';

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

function findingLines(finding: PolicyFinding, options: RenderOptions): string[] {
  const where = formatWhere(finding.location, options.relativeTo);
  const lines = [`  ${finding.implementation}  ${where}`, `    ${finding.displayName}: ${finding.message}`];
  if (finding.waiver)
    lines.push(
      `    waived: ${finding.waiver.reason} (${finding.waiver.source}${finding.waiver.expires ? `, until ${finding.waiver.expires}` : ''})`,
    );
  if (finding.waiverProblem) lines.push(`    not waived: ${finding.waiverProblem}`);
  return lines;
}

export function renderPolicyTable(report: PolicyReport, options: RenderOptions = {}): string {
  const out: string[] = [headline(report), ''];
  const ids = report.implementations.map((implementation) => implementation.implementation);
  const ruleWidth = Math.max(...report.rules.map((rule) => rule.id.length), 4) + 2;
  const cellWidth = Math.max(...ids.map((id) => id.length), 7) + 1;
  out.push(
    pad('rule', ruleWidth) +
      ids
        .map((id) => pad(id, cellWidth))
        .join('')
        .trimEnd(),
  );
  for (const rule of report.rules) {
    out.push(
      pad(rule.id, ruleWidth) +
        ids
          .map((id) => pad(CELL_TEXT[cellOf(report, id, rule.id)], cellWidth))
          .join('')
          .trimEnd(),
    );
  }
  for (const rule of report.rules) {
    const findings = report.implementations.flatMap(
      (implementation) =>
        implementation.verdicts.find((verdict) => verdict.ruleId === rule.id)?.findings ?? [],
    );
    if (findings.length === 0) continue;
    const open = findings.filter((finding) => !finding.waiver && finding.status === 'non-compliant');
    const label =
      open.length > 0 ? 'FAIL' : findings.every((finding) => finding.waiver) ? 'WAIVED' : 'UNKNOWN';
    out.push('', `${label} ${rule.id} (${rule.severity}): ${rule.title}`);
    for (const finding of findings) out.push(...findingLines(finding, options));
    const tools = [
      ...new Set(
        findings
          .filter((finding) => !finding.waiver)
          .map((finding) => fixToolOf(finding.implementation, options)),
      ),
    ];
    for (const tool of tools) if (tool) out.push(`  fix (${tool}): ${rule.fix[tool]}`);
  }
  if (report.waivers?.unused.length) out.push('', ...report.waivers.unused.map((note) => `note: ${note}`));
  if (report.notes.length > 0) out.push('', ...report.notes.map((note) => `note: ${note}`));
  return `${out.join('\n')}\n`;
}
