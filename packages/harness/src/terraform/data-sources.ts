/**
 * Data sources that need no AWS call: the AZ list, region, partition and account come from the
 * configuration (the target), and aws_iam_policy_document is rendered to the JSON the provider
 * writes. Any other data source is read from AWS at plan time: all its attributes are Unknown.
 */
import { crc32 } from 'node:zlib';
import { lookupRegion, urlSuffix } from '@iac-compare/spec';
import {
  containsUnknown,
  isValueObject,
  Unknown,
  unknownFrom,
  type Value,
  type ValueObject,
} from '../model/value.js';
import { toListValue, toStringValue } from './convert.js';

export interface DataSourceEnvironment {
  readonly region: string;
  readonly account: string;
}

export class DataSourceError extends Error {}

type Statement = Record<string, Value>;

function list(value: Value | undefined): Value[] {
  if (value === undefined || value === null) return [];
  return [...toListValue(value, 'argument')];
}

function strings(value: Value | undefined): string[] {
  return list(value).map((item) => toStringValue(item, 'list element'));
}

function oneOrMany(values: string[]): Value {
  const sorted = [...new Set(values)].sort();
  return sorted.length === 1 ? sorted[0]! : sorted;
}

function principalsOf(blocks: Value | undefined): Value | undefined {
  const out: Record<string, string[]> = {};
  for (const block of list(blocks)) {
    if (!isValueObject(block)) continue;
    const type = toStringValue(block.type ?? null, 'principals type');
    (out[type] ??= []).push(...strings(block.identifiers));
  }
  if (Object.keys(out).length === 0) return undefined;
  if (out['*'] && Object.keys(out).length === 1) return '*';
  return Object.fromEntries(
    Object.keys(out)
      .sort()
      .map((type) => [type, oneOrMany(out[type]!)]),
  );
}

function conditionsOf(blocks: Value | undefined): Value | undefined {
  const out: Record<string, Record<string, string[]>> = {};
  for (const block of list(blocks)) {
    if (!isValueObject(block)) continue;
    const test = toStringValue(block.test ?? null, 'condition test');
    const variable = toStringValue(block.variable ?? null, 'condition variable');
    ((out[test] ??= {})[variable] ??= []).push(...strings(block.values));
  }
  if (Object.keys(out).length === 0) return undefined;
  return Object.fromEntries(
    Object.keys(out)
      .sort()
      .map((test) => [
        test,
        Object.fromEntries(
          Object.keys(out[test]!)
            .sort()
            .map((variable) => [variable, oneOrMany(out[test]![variable]!)]),
        ),
      ]),
  );
}

function renderStatement(block: ValueObject): Statement {
  const statement: Statement = {};
  const put = (key: string, value: Value | undefined) => {
    if (value !== undefined && !(Array.isArray(value) && value.length === 0)) statement[key] = value;
  };
  if (typeof block.sid === 'string' && block.sid !== '') statement.Sid = block.sid;
  statement.Effect = typeof block.effect === 'string' && block.effect !== '' ? block.effect : 'Allow';
  if (block.actions != null) put('Action', oneOrMany(strings(block.actions)));
  if (block.not_actions != null) put('NotAction', oneOrMany(strings(block.not_actions)));
  if (block.resources != null) put('Resource', oneOrMany(strings(block.resources)));
  if (block.not_resources != null) put('NotResource', oneOrMany(strings(block.not_resources)));
  put('Principal', principalsOf(block.principals));
  put('NotPrincipal', principalsOf(block.not_principals));
  put('Condition', conditionsOf(block.condition));
  return statement;
}

function statementsOfDocument(json: Value, what: string): Statement[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(toStringValue(json, what));
  } catch (error) {
    throw new DataSourceError(`${what} is not a JSON policy document: ${(error as Error).message}`);
  }
  const raw = (parsed as { Statement?: unknown }).Statement;
  return (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]) as Statement[];
}

function merge(base: Statement[], extra: Statement[]): Statement[] {
  const out = [...base];
  for (const statement of extra) {
    const index = statement.Sid ? out.findIndex((existing) => existing.Sid === statement.Sid) : -1;
    if (index >= 0) out[index] = statement;
    else out.push(statement);
  }
  return out;
}

/** aws_iam_policy_document: statements, principals, conditions; source and override documents merged by Sid. */
export function renderPolicyDocument(args: ValueObject): ValueObject {
  let statements: Statement[] = [];
  for (const source of list(args.source_policy_documents))
    statements = merge(statements, statementsOfDocument(source, 'source_policy_documents'));
  statements = merge(statements, list(args.statement).filter(isValueObject).map(renderStatement));
  for (const override of list(args.override_policy_documents))
    statements = merge(statements, statementsOfDocument(override, 'override_policy_documents'));
  const document: Record<string, unknown> = {
    Version: typeof args.version === 'string' ? args.version : '2012-10-17',
  };
  if (typeof args.policy_id === 'string') document.Id = args.policy_id;
  document.Statement = statements;
  const json = JSON.stringify(document, null, 2);
  return { ...args, json, minified_json: JSON.stringify(document), id: String(crc32(json)) };
}

/** The attributes a data source reads: computed offline, or Unknown with why. */
export function readDataSource(
  type: string,
  address: string,
  args: ValueObject,
  env: DataSourceEnvironment,
): ValueObject {
  const region = typeof args.region === 'string' ? args.region : env.region;
  const partition = lookupRegion(region)?.partition ?? 'aws';
  switch (type) {
    case 'aws_availability_zones': {
      const info = lookupRegion(region);
      return {
        ...args,
        id: region,
        names: info
          ? [...info.availabilityZones]
          : new Unknown('missing-input', [], `no availability-zone table for region ${region}`),
        zone_ids: new Unknown(
          'computed',
          [{ address, attribute: 'zone_ids' }],
          'zone IDs differ per account',
        ),
      };
    }
    case 'aws_region':
      return { ...args, id: region, name: region, region, endpoint: `ec2.${region}.${urlSuffix(partition)}` };
    case 'aws_partition':
      return {
        ...args,
        id: partition,
        partition,
        dns_suffix: urlSuffix(partition),
        reverse_dns_prefix: 'com.amazonaws',
      };
    case 'aws_caller_identity':
      return {
        ...args,
        id: env.account,
        account_id: env.account,
        arn: new Unknown(
          'missing-input',
          [{ address, attribute: 'arn' }],
          'the caller’s ARN is known only to AWS',
        ),
        user_id: new Unknown(
          'missing-input',
          [{ address, attribute: 'user_id' }],
          'the caller’s user ID is known only to AWS',
        ),
      };
    case 'aws_iam_policy_document': {
      // Terraform reads a data source whose configuration holds a value known only after apply
      // during apply: until then its document is unknown too (never a crash on the unknown).
      if (containsUnknown(args)) {
        const pending = unknownFrom([args], 'the policy document holds values known only after apply');
        return { ...args, json: pending, minified_json: pending, id: pending };
      }
      return renderPolicyDocument(args);
    }
    default:
      return args;
  }
}

/** Data sources whose every attribute not configured comes from AWS at plan time. */
export function isOfflineDataSource(type: string): boolean {
  return [
    'aws_availability_zones',
    'aws_region',
    'aws_partition',
    'aws_caller_identity',
    'aws_iam_policy_document',
  ].includes(type);
}
