/**
 * `@iac-compare/harness/render`: the renderers of the compare report and of the plan, without the
 * pipeline that builds them (a report read from the report memo is rendered with these alone).
 */
export * from '../plan/render.js';
export * from './render-json.js';
export * from './render-markdown.js';
export * from './render-table.js';
