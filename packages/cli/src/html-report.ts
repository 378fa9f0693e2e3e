/**
 * `--format html` for compare, check, plan and policy: the page's options from the command line, and the
 * renderer loaded only then (it brings Graphviz in WebAssembly, which no other format needs).
 * Source links are relative paths from the page's folder to the repository, so a page written
 * into the repository links its files on any machine; the command the page names leaves out
 * `--out`, so two pages of the same inputs in one folder are the same bytes.
 */
import { dirname, relative, sep } from 'node:path';
import type { CompareReport, PlanReport, PolicyReport, RenderOptions } from '@iac-compare/harness';
import type { Io } from './io.js';

export interface HtmlContext {
  readonly repoRoot: string;
  /** The resolved --out file, or undefined for stdout (links then start from the working directory). */
  readonly outFile: string | undefined;
  /** The command as the page names it: `iac-compare compare --format html` and the options that change it. */
  readonly writtenBy: string;
  /** Policy findings to show (compare and check carry them; JSON leaves them to `policy`). */
  readonly policy?: PolicyReport | undefined;
  /** Paths relative to the repository; the tool whose fix to show for `yours` in check. */
  readonly policyOptions?: RenderOptions;
}

/** From the page's folder to the repository root, in URL form: '' beside it, '../' one level down. */
export function linkRootFor(context: HtmlContext, io: Io): string {
  const from = context.outFile ? dirname(context.outFile) : io.cwd;
  const path = relative(from, context.repoRoot).split(sep).join('/');
  return path === '' ? '' : `${path}/`;
}

/** The command line a page names: the command and what decides its content, never the output path. */
export function writtenBy(command: string, options: Readonly<Record<string, string | undefined>>): string {
  const parts = [`iac-compare ${command}`];
  for (const [flag, value] of Object.entries(options))
    if (value !== undefined) parts.push(`--${flag} ${value}`);
  parts.push('--format html');
  return parts.join(' ');
}

export async function renderCompareHtmlPage(
  report: CompareReport,
  command: 'compare' | 'check',
  context: HtmlContext,
  io: Io,
): Promise<string> {
  const { renderCompareHtml, policyView } = await import('@iac-compare/harness/html');
  return renderCompareHtml(report, command, {
    writtenBy: context.writtenBy,
    linkRoot: linkRootFor(context, io),
    ...(context.policy
      ? { policy: policyView(context.policy, context.policyOptions ?? { relativeTo: context.repoRoot }) }
      : {}),
  });
}

export async function renderPlanHtmlPage(report: PlanReport, context: HtmlContext, io: Io): Promise<string> {
  const { renderPlanHtml } = await import('@iac-compare/harness/html');
  return renderPlanHtml(report, { writtenBy: context.writtenBy, linkRoot: linkRootFor(context, io) });
}

export async function renderPolicyHtmlPage(
  report: PolicyReport,
  target: string,
  context: HtmlContext,
  io: Io,
): Promise<string> {
  const { renderPolicyHtml } = await import('@iac-compare/harness/html');
  return renderPolicyHtml(report, {
    writtenBy: context.writtenBy,
    linkRoot: linkRootFor(context, io),
    target,
    relativeTo: context.repoRoot,
  });
}
