/**
 * Fields whose value is a map with data for keys (label keys, ConfigMap entries, resource names),
 * not field names: kept as written by the canonical form, mapped without renaming from Terraform,
 * and compared as one fact. One list, so the three agree.
 */
import { isValueObject, type Value } from '../model/value.js';

const DATA_MAP_FIELDS = new Set([
  'labels',
  'annotations',
  'data',
  'stringData',
  'binaryData',
  'matchLabels',
  'nodeSelector',
  'limits',
  'requests',
]);

/** Keys that make a selector a label selector block (a Deployment's) rather than a map of labels (a Service's). */
const SELECTOR_BLOCK_KEYS = ['matchLabels', 'matchExpressions', 'match_labels', 'match_expressions'];

/** Whether `value`, under the API field name `field`, is a map of data. */
export function isDataMap(field: string, value: Value | undefined): boolean {
  if (value === undefined || !isValueObject(value)) return false;
  if (field === 'selector') return !SELECTOR_BLOCK_KEYS.some((key) => key in value);
  return DATA_MAP_FIELDS.has(field);
}
