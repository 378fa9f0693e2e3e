/** The policy report in Markdown: the answer, the rule × implementation table, findings with their fix. */
import type { PolicyReport } from './model.js';
import { CELL_TEXT, cellOf, fixToolOf, formatWhere, headline, type RenderOptions } from './summary.js';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderPolicyMarkdown(report: PolicyReport, options: RenderOptions = {}, level = 2): string {
  const hashes = '#'.repeat(level);
  const ids = report.implementations.map((implementation) => implementation.implementation);
  const out: string[] = [`${hashes} Policy`, '', headline(report), ''];
  out.push(`| rule | severity | ${ids.join(' | ')} |`, `| --- | --- | ${ids.map(() => '---').join(' | ')} |`);
  for (const rule of report.rules) {
    const cells = ids.map((id) => {
      const cell = CELL_TEXT[cellOf(report, id, rule.id)];
      return cell === 'FAIL' ? '**FAIL**' : cell;
    });
    out.push(`| \`${rule.id}\` | ${rule.severity} | ${cells.join(' | ')} |`);
  }
  const failing = report.rules.filter((rule) =>
    report.implementations.some((implementation) =>
      implementation.verdicts.some((verdict) => verdict.ruleId === rule.id && verdict.findings.length > 0),
    ),
  );
  for (const rule of failing) {
    out.push('', `${hashes}# \`${rule.id}\`: ${cell(rule.title)} (${rule.severity})`, '', rule.rationale, '');
    out.push('| implementation | where | resource | finding |', '| --- | --- | --- | --- |');
    const waivers = new Map<string, string>();
    for (const implementation of report.implementations) {
      const verdict = implementation.verdicts.find((candidate) => candidate.ruleId === rule.id);
      for (const finding of verdict?.findings ?? []) {
        if (finding.waiver)
          waivers.set(
            finding.waiver.source,
            `${finding.waiver.reason} (${finding.waiver.source}${finding.waiver.expires ? `, until ${finding.waiver.expires}` : ''})`,
          );
        const state = finding.waiver
          ? ` — waived (${finding.waiver.source})`
          : finding.waiverProblem
            ? ` — **not waived**: ${cell(finding.waiverProblem)}`
            : '';
        out.push(
          `| ${finding.implementation} | \`${formatWhere(finding.location, options.relativeTo)}\` | ${cell(finding.displayName)} | ${cell(finding.message)}${state} |`,
        );
      }
      const tool = fixToolOf(implementation.implementation, options);
      if (tool && verdict?.findings.some((finding) => !finding.waiver))
        out.push(`| | fix (${tool}) | | ${cell(rule.fix[tool])} |`);
    }
    for (const reason of waivers.values()) out.push('', `Waived: ${cell(reason)}`);
  }
  const notes = [...(report.waivers?.unused ?? []), ...report.notes];
  if (notes.length > 0) out.push('', ...notes.map((note) => `- ${cell(note)}`));
  return `${out.join('\n')}\n`;
}
