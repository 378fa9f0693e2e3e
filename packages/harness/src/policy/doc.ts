/**
 * docs/policy.md's generated sections: every rule (severity, what it reads, its equivalents in
 * each scanner with the file the id was read in, the fix in each tool), and the cross-check table
 * the conformance suite writes. Tests compare the file with these, so the page cannot drift.
 */
import { FIX_TOOLS, type RuleMetadata, SCANNERS } from './model.js';

const SCANNER_NAMES: Readonly<Record<string, string>> = {
  checkov: 'Checkov',
  trivy: 'Trivy',
  kics: 'KICS',
  cdkNag: 'cdk-nag',
};

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderRulesSection(rules: readonly RuleMetadata[]): string {
  const out: string[] = [];
  out.push(
    '| rule | severity | title | Checkov | Trivy | KICS | cdk-nag |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  );
  for (const rule of rules) {
    const ids = SCANNERS.map((scanner) => {
      const list = rule.equivalents[scanner];
      return list.length === 0
        ? 'none'
        : [...new Set(list.map((item) => item.id))].map((id) => `\`${id}\``).join(', ');
    });
    out.push(
      `| [\`${rule.id}\`](#${rule.id}) | ${rule.severity} | ${cell(rule.title)} | ${ids.join(' | ')} |`,
    );
  }
  for (const rule of rules) {
    out.push('', `### ${rule.id}`, '', `**${cell(rule.title)}** — ${rule.severity}.`, '', rule.rationale, '');
    out.push(`Reads: ${rule.reads.join('; ')}. More: ${rule.helpUri}`, '');
    out.push('| scanner | equivalent | read in | how it differs |', '| --- | --- | --- | --- |');
    for (const scanner of SCANNERS) {
      const list = rule.equivalents[scanner];
      if (list.length === 0) out.push(`| ${SCANNER_NAMES[scanner]} | none | | |`);
      for (const item of list)
        out.push(
          `| ${SCANNER_NAMES[scanner]} | \`${item.id}\` | \`${cell(item.source)}\` | ${cell(item.note ?? '')} |`,
        );
    }
    out.push('', '| tool | fix |', '| --- | --- |');
    for (const tool of FIX_TOOLS) out.push(`| ${tool} | ${cell(rule.fix[tool])} |`);
  }
  return `${out.join('\n')}\n`;
}

/** The text between `<!-- NAME:start -->` and `<!-- NAME:end -->`, or undefined. */
export function docSectionOf(text: string, name: string): string | undefined {
  const start = text.indexOf(`<!-- ${name}:start -->\n`);
  const end = text.indexOf(`<!-- ${name}:end -->`);
  if (start < 0 || end < start) return undefined;
  return text.slice(start + `<!-- ${name}:start -->\n`.length, end);
}

/** `text` with the named section replaced by `body`. */
export function withSection(text: string, name: string, body: string): string {
  const start = text.indexOf(`<!-- ${name}:start -->\n`);
  const end = text.indexOf(`<!-- ${name}:end -->`);
  if (start < 0 || end < start) throw new Error(`no ${name} section markers`);
  return `${text.slice(0, start + `<!-- ${name}:start -->\n`.length)}${body}${text.slice(end)}`;
}
