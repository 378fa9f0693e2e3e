/**
 * Policy findings as the page shows them: the rule × implementation verdicts (a failing rule whose
 * findings are all waived reads "waived", as in the table and Markdown), then each finding with its
 * rule id, its source line (repository-relative, linked) and the fix in that implementation's tool.
 */
import type { PolicyReport } from '../../policy/model.js';
import { cellOf, fixToolOf, headline, type RenderOptions } from '../../policy/summary.js';
import type { PolicyView } from './page-model.js';

function relativeFile(file: string, relativeTo: string | undefined): string {
  return relativeTo && file.startsWith(`${relativeTo}/`) ? file.slice(relativeTo.length + 1) : file;
}

export function policyView(report: PolicyReport, options: RenderOptions = {}): PolicyView {
  const implementations = report.implementations.map((implementation) => implementation.implementation);
  const verdicts: Record<string, Record<string, string>> = {};
  for (const rule of report.rules)
    verdicts[rule.id] = Object.fromEntries(implementations.map((id) => [id, cellOf(report, id, rule.id)]));
  const rules = new Map(report.rules.map((rule) => [rule.id, rule]));
  const findings = report.implementations.flatMap((implementation) => {
    const tool = fixToolOf(implementation.implementation, options);
    return implementation.verdicts.flatMap((verdict) =>
      verdict.findings.map((finding) => {
        const location = finding.location
          ? `${relativeFile(finding.location.file, options.relativeTo)}${finding.location.line ? `:${finding.location.line}` : ''}`
          : undefined;
        const fix = tool && !finding.waiver ? rules.get(finding.ruleId)?.fix[tool] : undefined;
        return {
          ruleId: finding.ruleId,
          severity: finding.severity,
          implementation: finding.implementation,
          subject: finding.displayName,
          message: finding.status === 'unknown' ? `not known offline: ${finding.message}` : finding.message,
          ...(location ? { location } : {}),
          ...(finding.waiver
            ? {
                waived: `${finding.waiver.reason} (${finding.waiver.source}${finding.waiver.expires ? `, until ${finding.waiver.expires}` : ''})`,
              }
            : {}),
          ...(finding.waiverProblem ? { waiverProblem: finding.waiverProblem } : {}),
          ...(fix ? { fix } : {}),
        };
      }),
    );
  });
  return {
    headline: headline(report),
    rules: report.rules.map((rule) => ({
      id: rule.id,
      title: rule.title,
      severity: rule.severity,
      helpUri: rule.helpUri,
    })),
    verdicts,
    findings,
    implementations,
    notes: [...(report.waivers?.unused ?? []), ...report.notes],
  };
}
