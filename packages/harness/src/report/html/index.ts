/**
 * The HTML report (`--format html`), as its own entry (`@iac-compare/harness/html`): it loads
 * Graphviz (@viz-js/viz, ≈ 5 MB of WebAssembly and JavaScript), which no other format needs.
 */
import type { PlanReport } from '../../plan/model.js';
import type { PolicyReport } from '../../policy/model.js';
import type { CompareReport } from '../model.js';
import { comparePageData, type PageOptions, planPageData, policyPageData } from './page-data.js';
import { renderHtml } from './render-html.js';

export type { PageOptions } from './page-data.js';
export { comparePageData, planPageData, policyPageData } from './page-data.js';
export type { PageData, PolicyView } from './page-model.js';
export { policyView } from './policy-view.js';
export { htmlHeader, renderHtml } from './render-html.js';

export async function renderCompareHtml(
  report: CompareReport,
  command: 'compare' | 'check',
  options: PageOptions,
): Promise<string> {
  return renderHtml(await comparePageData(report, command, options));
}

export async function renderPlanHtml(report: PlanReport, options: PageOptions): Promise<string> {
  return renderHtml(await planPageData(report, options));
}

export function renderPolicyHtml(
  report: PolicyReport,
  options: Parameters<typeof policyPageData>[1],
): string {
  return renderHtml(policyPageData(report, options));
}
