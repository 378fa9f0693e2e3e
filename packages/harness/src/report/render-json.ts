/** The JSON rendering: the report model as it is (schema: docs/report-schema.md). */
import type { CompareReport } from './model.js';

export function renderJson(report: CompareReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
