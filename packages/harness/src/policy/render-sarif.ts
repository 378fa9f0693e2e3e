/**
 * SARIF 2.1.0 that GitHub code scanning accepts (github/docs, "SARIF support for code scanning"):
 * one run per implementation with its own `automationDetails.id` (runs sharing a category in one
 * upload are rejected); rules with short and full descriptions, help as text and Markdown,
 * `security-severity` and `precision`; each result with one location in the file the user edits,
 * `partialFingerprints` from the rule and the resource's identity (stable when lines move), and a
 * suppression when a waiver holds.
 */
import { createHash } from 'node:crypto';
import type { FixTool, PolicyFinding, PolicyReport, RuleMetadata, Severity } from './model.js';
import { FIX_TOOLS } from './model.js';
import { fixToolOf, formatWhere, type RenderOptions } from './summary.js';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const INFORMATION_URI = 'https://github.com/iac-compare/iac-compare/blob/main/docs/policy.md';

/** GitHub maps security-severity > 9 to critical, ≥ 7 high, ≥ 4 medium, else low. */
const SECURITY_SEVERITY: Readonly<Record<Severity, string>> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
};
const LEVEL: Readonly<Record<Severity, 'error' | 'warning' | 'note'>> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
};

export interface SarifOptions extends RenderOptions {
  /** The tool version in `driver.semanticVersion`. */
  readonly version?: string;
  /** Where a finding without a source location points (the target file, say), relative. */
  readonly fallbackFile?: string;
}

function pascalCase(id: string): string {
  return id
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

function equivalentsText(rule: RuleMetadata): string {
  const names: Record<string, string> = {
    checkov: 'Checkov',
    trivy: 'Trivy',
    kics: 'KICS',
    cdkNag: 'cdk-nag',
  };
  return Object.entries(rule.equivalents)
    .map(
      ([scanner, list]) =>
        `${names[scanner]}: ${list.length === 0 ? 'none' : [...new Set(list.map((item) => item.id))].join(', ')}`,
    )
    .join('; ');
}

function helpMarkdown(rule: RuleMetadata): string {
  const fixes = FIX_TOOLS.map((tool: FixTool) => `| ${tool} | ${rule.fix[tool].replace(/\|/g, '\\|')} |`);
  return [
    rule.rationale,
    '',
    `Reads: ${rule.reads.join('; ')}.`,
    '',
    `Equivalents — ${equivalentsText(rule)}.`,
    '',
    '| tool | fix |',
    '| --- | --- |',
    ...fixes,
    '',
    `[${rule.helpUri}](${rule.helpUri})`,
  ].join('\n');
}

function ruleDescriptor(rule: RuleMetadata) {
  return {
    id: rule.id,
    name: pascalCase(rule.id),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.rationale },
    help: {
      text: `${rule.rationale} Fix: ${FIX_TOOLS.map((tool) => `${tool}: ${rule.fix[tool]}`).join('; ')}.`,
      markdown: helpMarkdown(rule),
    },
    helpUri: rule.helpUri,
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: {
      'security-severity': SECURITY_SEVERITY[rule.severity],
      precision: 'very-high',
      'problem.severity':
        rule.severity === 'low' ? 'recommendation' : rule.severity === 'medium' ? 'warning' : 'error',
      tags: ['security', 'iac', ...(rule.section === 'workloads' ? ['kubernetes'] : ['aws'])],
    },
  };
}

/** `rule` + the resource in the tool's terms: the same finding keeps its fingerprint when lines move. */
export function fingerprintOf(finding: PolicyFinding): string {
  return createHash('sha256')
    .update(`${finding.ruleId}\u0000${finding.implementation}\u0000${finding.address}`)
    .digest('hex')
    .slice(0, 32);
}

function relativeUri(file: string, relativeTo: string | undefined): string {
  const shown = formatWhere({ file }, relativeTo);
  return shown.split('/').map(encodeURIComponent).join('/');
}

function result(finding: PolicyFinding, rules: readonly RuleMetadata[], options: SarifOptions) {
  const index = rules.findIndex((rule) => rule.id === finding.ruleId);
  const rule = rules[index]!;
  const file = finding.location?.file ?? options.fallbackFile;
  const tool = fixToolOf(finding.implementation, options);
  const text = `${finding.displayName}: ${finding.message}${finding.location ? '' : ' (no source location recorded; pointing at the target file)'}${tool ? `. Fix (${tool}): ${rule.fix[tool]}` : ''}`;
  return {
    ruleId: finding.ruleId,
    ruleIndex: index,
    level: finding.status === 'unknown' ? 'note' : LEVEL[finding.severity],
    kind: finding.status === 'unknown' ? 'review' : 'fail',
    message: { text: finding.waiverProblem ? `${text} (${finding.waiverProblem})` : text },
    locations: file
      ? [
          {
            physicalLocation: {
              artifactLocation: { uri: relativeUri(file, options.relativeTo) },
              ...(finding.location?.line ? { region: { startLine: finding.location.line } } : {}),
            },
            logicalLocations: [{ fullyQualifiedName: finding.address, kind: 'resource' }],
          },
        ]
      : [],
    partialFingerprints: { 'iacComparePolicy/v1': fingerprintOf(finding) },
    properties: {
      implementation: finding.implementation,
      identity: finding.identity,
      nativeType: finding.nativeType,
    },
    ...(finding.waiver
      ? {
          suppressions: [
            {
              kind: 'external',
              status: 'accepted',
              justification: `${finding.waiver.reason}${finding.waiver.expires ? ` (until ${finding.waiver.expires})` : ''} — ${finding.waiver.source}`,
            },
          ],
        }
      : {}),
  };
}

export function policySarif(report: PolicyReport, options: SarifOptions = {}) {
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: report.implementations.map((implementation) => ({
      tool: {
        driver: {
          name: 'iac-compare',
          informationUri: INFORMATION_URI,
          ...(options.version ? { semanticVersion: options.version } : {}),
          rules: report.rules.map(ruleDescriptor),
        },
      },
      // The category is the id up to its last slash: one per implementation.
      automationDetails: { id: `iac-compare-policy/${implementation.implementation}/` },
      properties: { implementation: implementation.implementation },
      results: implementation.verdicts.flatMap((verdict) =>
        verdict.findings.map((finding) => result(finding, report.rules, options)),
      ),
    })),
  };
}

export function renderPolicySarif(report: PolicyReport, options: SarifOptions = {}): string {
  return `${JSON.stringify(policySarif(report, options), null, 2)}\n`;
}
