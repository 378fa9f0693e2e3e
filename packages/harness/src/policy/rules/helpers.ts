/** What every rule file shares: reading nested values, outcomes, and the sources of equivalents. */
import { isUnknown, isValueObject, type Value } from '../../model/value.js';
import type { Equivalent, PolicyResource, RuleOutcome } from '../model.js';

/** A value at a dotted path of nested objects (a list of one counts as its item: HCL's blocks). */
export function at(value: Value | undefined, path: string): Value | undefined {
  let current: Value | undefined = value;
  for (const step of path.split('.')) {
    if (Array.isArray(current) && current.length === 1) current = current[0];
    if (current === undefined || current === null || isUnknown(current) || !isValueObject(current))
      return current === null ? undefined : isUnknown(current) ? current : undefined;
    current = current[step];
  }
  return current;
}

export function asList(value: Value | undefined): Value[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? [...value] : [value];
}

export const ok = (resource: PolicyResource, message = ''): RuleOutcome => ({
  status: 'compliant',
  resource,
  message,
});
export const fail = (resource: PolicyResource, message: string): RuleOutcome => ({
  status: 'non-compliant',
  resource,
  message,
});
export const unknown = (resource: PolicyResource, message: string): RuleOutcome => ({
  status: 'unknown',
  resource,
  message,
});

/** A value in a message: strings as they are, the rest as JSON, an Unknown as "(known after deploy)". */
export function show(value: Value | undefined): string {
  if (value === undefined) return '(not set)';
  if (isUnknown(value)) return '(known after deploy)';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Where each scanner's rules live; an equivalent names the file its id was read in. */
const CHECKOV_TF = 'bridgecrewio/checkov checkov/terraform/checks/resource/aws/';
const CHECKOV_CFN = 'bridgecrewio/checkov checkov/cloudformation/checks/resource/aws/';
const CHECKOV_GRAPH = 'bridgecrewio/checkov checkov/terraform/checks/graph_checks/aws/';
const CHECKOV_K8S = 'bridgecrewio/checkov checkov/kubernetes/checks/resource/k8s/';
const TRIVY = 'aquasecurity/trivy-checks checks/';
const KICS = 'Checkmarx/kics assets/queries/';
const CDK_NAG = 'cdklabs/cdk-nag src/rules/';

export const checkov = {
  tf: (id: string, file: string, note?: string): Equivalent => ({
    id,
    source: `${CHECKOV_TF}${file}`,
    ...(note ? { note } : {}),
  }),
  cfn: (id: string, file: string, note?: string): Equivalent => ({
    id,
    source: `${CHECKOV_CFN}${file}`,
    ...(note ? { note } : {}),
  }),
  graph: (id: string, file: string, note?: string): Equivalent => ({
    id,
    source: `${CHECKOV_GRAPH}${file}`,
    ...(note ? { note } : {}),
  }),
  k8s: (id: string, file: string, note?: string): Equivalent => ({
    id,
    source: `${CHECKOV_K8S}${file}`,
    ...(note ? { note } : {}),
  }),
};
export const trivy = (id: string, file: string, note?: string): Equivalent => ({
  id,
  source: `${TRIVY}${file}`,
  ...(note ? { note } : {}),
});
/** KICS ids are per platform: the query folder says which (terraform/aws, k8s …). */
export const kics = (id: string, folder: string, note?: string): Equivalent => ({
  id,
  source: `${KICS}${folder}/metadata.json`,
  ...(note ? { note } : {}),
});
export const cdkNag = (id: string, file: string, note?: string): Equivalent => ({
  id,
  source: `${CDK_NAG}${file}`,
  ...(note ? { note } : {}),
});

/** A CIDR that admits every address. */
export function isWorld(cidr: Value): boolean {
  return cidr === '0.0.0.0/0' || cidr === '::/0';
}
