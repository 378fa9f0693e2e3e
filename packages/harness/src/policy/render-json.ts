/** The policy report as JSON: versioned, the rules' metadata beside each implementation's verdicts. */
import type { PolicyReport } from './model.js';

export const POLICY_REPORT_VERSION = 1;

export function policyReportJson(report: PolicyReport): { policyReportVersion: number } & PolicyReport {
  return { policyReportVersion: POLICY_REPORT_VERSION, ...report };
}

export function renderPolicyJson(report: PolicyReport): string {
  return `${JSON.stringify(policyReportJson(report), null, 2)}\n`;
}
