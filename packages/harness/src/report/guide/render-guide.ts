/**
 * docs/choosing-a-tool.md: the measured data of one compare and one policy run (lines of code,
 * resources, tool machinery, who waits, replacement order, policy verdicts, workload support), the
 * dependencies each tool's package pulls in (from the lockfile), synth times only when a benchmark
 * measured them, set against the criteria a team brings, with the ecosystem's facts and their
 * sources. A function of its inputs: the same inputs give the same bytes.
 */
import type { PolicyReport } from '../../policy/model.js';
import { cellOf, disagreements, headline } from '../../policy/summary.js';
import { plural } from '../../words.js';
import type { CompareReport, GlanceItem } from '../model.js';
import { CRITERIA, DEPLOY_NEEDS, ECOSYSTEM, GLOSSARY } from './guide-facts.js';

/** npm packages in the closure of an implementation's runtime dependencies (third-party only). */
export interface DependencyCount {
  readonly packages: number;
  /** The direct dependencies counted from. */
  readonly roots: readonly string[];
}

/** Synth medians from a benchmark run on file, per implementation. */
export interface SynthTimes {
  /** Where they come from (`bench/results.json, 2026-12-02, 5 runs`). */
  readonly source: string;
  readonly medians: Readonly<Record<string, { readonly ms: number; readonly note?: string }>>;
}

export interface GuideInputs {
  readonly compare: CompareReport;
  readonly policy: PolicyReport;
  /** Per implementation; null when it installs nothing from npm (a template, HCL). */
  readonly dependencies: Readonly<Record<string, DependencyCount | null>>;
  readonly synth: SynthTimes | null;
  /** Chart files, relative to the guide. */
  readonly charts: { readonly linesOfCode: string; readonly machinery: string };
  /** The command that writes the guide. */
  readonly writtenBy: string;
}

const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

function glance(report: CompareReport, topic: GlanceItem['topic']): string | undefined {
  return report.glance.find((item) => item.topic === topic)?.text;
}

function seconds(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`;
}

function answer(inputs: GuideInputs): string[] {
  const { compare, policy } = inputs;
  const compared = compare.implementations.filter((implementation) => implementation.status === 'compared');
  const byLines = [...compared].sort((a, b) => a.linesOfCode - b.linesOfCode);
  const byMachinery = [...compared].sort((a, b) => a.overhead - b.overhead);
  const out = [
    `- **Do they build the same thing?** ${compare.summary.conforming} of ${compare.summary.implementations} implementations conform to the target (${compare.summary.facts} facts).`,
  ];
  if (byLines.length > 1)
    out.push(
      `- **Least code:** ${byLines[0]!.id} (${byLines[0]!.linesOfCode} lines); most: ${byLines.at(-1)!.id} (${byLines.at(-1)!.linesOfCode}).`,
    );
  if (byMachinery.length > 1)
    out.push(
      `- **Least tool machinery:** ${byMachinery[0]!.id} (${plural(byMachinery[0]!.overhead, 'resource')}); most: ${byMachinery.at(-1)!.id} (${byMachinery.at(-1)!.overhead}).`,
    );
  const twoPhase = glance(compare, 'two-phase-apply');
  if (twoPhase) out.push(`- **One apply or two:** ${twoPhase}`);
  out.push(`- **Policy:** ${headline(policy).replace(/^Policy: /, '')}`);
  return out;
}

function measuredTable(inputs: GuideInputs): string[] {
  const { compare, dependencies, synth } = inputs;
  const out = [
    '| implementation | conforms | lines of code | core resources | tool machinery | synth time | npm packages | workloads |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const implementation of compare.implementations) {
    const deps = dependencies[implementation.id];
    const time = synth?.medians[implementation.id];
    const workloads = implementation.outsideSections.some((gap) => gap.section === 'workloads')
      ? 'outside its envelope'
      : 'built';
    out.push(
      `| ${implementation.id} | ${implementation.conforms ? 'yes' : implementation.status === 'compared' ? '**no**' : implementation.status} | ${implementation.linesOfCode} in ${plural(implementation.sourceFiles, 'file')} | ${implementation.resources} | ${implementation.overhead} | ${time ? `${seconds(time.ms)}${time.note ? ` (${time.note})` : ''}` : 'not measured'} | ${deps === undefined ? 'not measured' : deps === null ? 'none' : String(deps.packages)} | ${workloads} |`,
    );
  }
  out.push('');
  out.push(
    synth
      ? `Synth times: medians from ${synth.source}, in process (the tools' own CLIs take longer: bench/README.md).`
      : 'Synth time: not measured for this guide. The guide is generated from one compare run, whose synth times change from run to run and are left out; `npm run bench` measures them (bench/README.md), and `--bench bench/results.json` puts its medians here.',
  );
  out.push(
    '',
    'npm packages: the packages in the closure of the implementation package’s runtime dependencies, counted from package-lock.json (workspace packages left out); install size is not measured (npm’s lockfile records none, and a size on disk depends on the file system).',
  );
  return out;
}

function behaviour(report: CompareReport): string[] {
  const topics: [GlanceItem['topic'], string][] = [
    ['two-phase-apply', 'One apply or two'],
    ['waiting', 'Who waits for a rollout'],
    ['replacement-order', 'Replacement order'],
    ['machinery', 'Tool machinery'],
    ['envelope', 'What each leaves out'],
  ];
  const out: string[] = [];
  for (const [topic, title] of topics) {
    const text = glance(report, topic);
    out.push(`- **${title}:** ${text ?? 'the tools do not differ here.'}`);
  }
  out.push(
    '',
    'Not generated here yet: the plan scenarios (custom-name replacement in CloudFormation, the region change, a node group’s instance types). Run `iac-compare plan --baseline HEAD` after an edit of the target to see each tool’s plan side by side.',
  );
  return out;
}

function policySection(policy: PolicyReport): string[] {
  const ids = policy.implementations.map((implementation) => implementation.implementation);
  const kinds = ['pass', 'fail', 'waived', 'unknown', 'not-applicable', 'outside-envelope'] as const;
  const out = [
    headline(policy),
    '',
    `| implementation | ${kinds.map((kind) => kind.replace('-', ' ')).join(' | ')} |`,
    `| --- | ${kinds.map(() => '---').join(' | ')} |`,
  ];
  for (const id of ids) {
    const cells = policy.rules.map((rule) => cellOf(policy, id, rule.id));
    out.push(
      `| ${id} | ${kinds.map((kind) => cells.filter((found) => found === kind).length).join(' | ')} |`,
    );
  }
  const differing = disagreements(policy);
  out.push(
    '',
    differing.length === 0
      ? 'Every rule that judges two tools gives them the same verdict.'
      : `The tools differ on ${differing.map((rule) => `\`${rule.id}\``).join(', ')}.`,
    '',
    'The rules, their equivalents in Checkov, Trivy, KICS and cdk-nag, and the fix in each tool: [docs/policy.md](policy.md).',
  );
  return out;
}

function deploySection(): string[] {
  const out = [
    '| tool | implementations | languages | credentials | state | bootstrap | binaries |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const needs of DEPLOY_NEEDS)
    out.push(
      `| ${needs.tool} | ${needs.implementations.join(', ')} | ${cell(needs.languages)} | ${cell(needs.credentials)} | ${cell(needs.state)} | ${cell(needs.bootstrap)} | ${cell(needs.binaries)} |`,
    );
  out.push('', '| tool | license | maintained by | sources |', '| --- | --- | --- | --- |');
  for (const needs of DEPLOY_NEEDS)
    out.push(
      `| ${needs.tool} | ${cell(needs.license)} | ${cell(needs.maintainer)} | ${needs.sources.map((source) => `<${source}>`).join(' ')} |`,
    );
  return out;
}

export function renderGuide(inputs: GuideInputs): string {
  const { compare } = inputs;
  const t = compare.target;
  const out = [
    `<!-- written by ${inputs.writtenBy}: regenerate it rather than edit it -->`,
    '# Choosing an IaC tool: measured on one EKS target',
    '',
    `One target (\`${t.file}\`: a VPC across ${plural(t.availabilityZones.length, 'availability zone')} in ${t.region}, NAT ${t.natGateways}, EKS ${t.kubernetesVersion} with ${plural(t.nodeGroups, 'node group')}, and the workloads on it) written idiomatically six ways, and measured by iac-compare. Sections marked *measured* come from that run; the others are stated with their sources.`,
    '',
    '## The answer first (measured)',
    '',
    ...answer(inputs),
    '',
    '## Measured, tool by tool',
    '',
    ...measuredTable(inputs),
    '',
    `![Lines of code per implementation](${inputs.charts.linesOfCode})`,
    `![Tool machinery per implementation](${inputs.charts.machinery})`,
    '',
    '## How each behaves on deploy and change (measured)',
    '',
    ...behaviour(compare),
    '',
    '## Policy, per tool (measured)',
    '',
    ...policySection(inputs.policy),
    '',
    '## What each needs in order to deploy',
    '',
    ...deploySection(),
    '',
    '## The criteria a team brings',
    '',
    ...CRITERIA.flatMap((criterion) => [`**${criterion.question}** ${criterion.answer}`, '']),
    '## The ecosystem’s facts',
    '',
    ...ECOSYSTEM.map((entry) => `- ${entry.fact} (<${entry.source}>)`),
    '',
    '## Glossary',
    '',
    ...GLOSSARY.map((entry) => `- **${entry.term}:** ${entry.meaning}`),
  ];
  return `${out.join('\n')}\n`;
}
