/**
 * AWS's offline CloudFormation validator (@aws/cloudformation-validate): the resource provider
 * schemas and its rules, run on every CloudFormation-family template with the parameter values it
 * deploys with. The registry's standalone release lags (1.9.0-beta, which reports false FATAL
 * errors on `!If [C, x, !Ref AWS::NoValue]`), so this is the copy aws-cdk-lib bundles and runs on
 * `cdk synth`, pinned through aws-cdk-lib's exact version (docs/architecture.md, "Validation").
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { SourceLocation } from '../errors.js';
import { recallDiagnostics, rememberDiagnostics, validationKey } from '../memo/validation-memo.js';
import type { Finding } from './findings.js';
import { type Diagnostic, runSchemas, runTemplateRules } from './validator-engine.js';
import type { ValidatorRequest } from './validator-worker.js';

let worker: Worker | undefined;
let pending = 0;
let nextId = 0;
const waiting = new Map<
  number,
  { resolve: (diagnostics: Diagnostic[]) => void; reject: (error: Error) => void }
>();

/**
 * Starts the validator in a worker thread, so its ≈ 2 s start-up overlaps whatever the caller
 * does next. Commands call it when they know everything will be validated (--no-cache); otherwise
 * the first request the validation memo cannot answer starts it. Without the worker file (running
 * from sources, in tests) validation runs in the calling thread.
 */
export function startValidatorWorker(): void {
  if (worker) return;
  const file = fileURLToPath(new URL('./validator-worker.js', import.meta.url));
  if (!existsSync(file)) return; // running from sources (tests): validate in this thread
  // Its JavaScript makes little garbage (the engines are WebAssembly): a small young generation.
  worker = new Worker(file, { resourceLimits: { maxYoungGenerationSizeMb: 8 } });
  worker.on('message', (reply: { id: number; diagnostics?: Diagnostic[]; error?: string }) => {
    const call = waiting.get(reply.id);
    waiting.delete(reply.id);
    if (--pending === 0) worker?.unref();
    if (reply.error !== undefined) call?.reject(new Error(`the validator failed: ${reply.error}`));
    else call?.resolve(reply.diagnostics ?? []);
  });
  worker.on('error', (error) => {
    for (const call of waiting.values()) call.reject(error);
    waiting.clear();
    pending = 0;
    worker = undefined;
  });
  // After the listeners: adding a 'message' listener refs the worker again, and a referenced
  // idle worker would keep the command from exiting.
  worker.unref();
}

/** Whether the validator's engines were started in this process (the bench and tests ask). */
export function validatorStarted(): boolean {
  return worker !== undefined || engineStartedHere;
}
let engineStartedHere = false;

/** Requests being answered now, by memo key: the same template asked twice at once is validated once. */
const inFlight = new Map<string, Promise<Diagnostic[]>>();

/**
 * One request, answered by the validation memo when it holds the answer, else by the validator
 * (started now if it is not running yet) and then remembered.
 */
function ask(request: DistributiveOmit<ValidatorRequest, 'id'>): Promise<Diagnostic[]> {
  const key = validationKey(validatorVersion(), request);
  const known = recallDiagnostics(key);
  if (known) return Promise.resolve(known);
  const running = inFlight.get(key);
  if (running) return running;
  const answer = runValidator(request).then(
    (diagnostics) => {
      inFlight.delete(key);
      rememberDiagnostics(key, diagnostics);
      return diagnostics;
    },
    (error: unknown) => {
      inFlight.delete(key);
      throw error;
    },
  );
  inFlight.set(key, answer);
  return answer;
}

function runValidator(request: DistributiveOmit<ValidatorRequest, 'id'>): Promise<Diagnostic[]> {
  startValidatorWorker();
  if (!worker) {
    engineStartedHere = true;
    return new Promise((resolve) =>
      resolve(
        request.kind === 'template'
          ? runTemplateRules(request.text, request.file, request.config)
          : runSchemas(request.text, request.name, request.region),
      ),
    );
  }
  const id = ++nextId;
  if (pending++ === 0) worker.ref();
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    worker!.postMessage({ ...request, id });
  });
}

type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;

let version: string | undefined;
/**
 * The validator's version, from its package.json: a cache key needs it on every run, and loading
 * the validator itself starts its WebAssembly (≈ 0.1 s).
 */
export function validatorVersion(): string {
  if (version === undefined) {
    const fromHere = createRequire(import.meta.url);
    const cdk = createRequire(fromHere.resolve('aws-cdk-lib/package.json'));
    const main = cdk.resolve('@aws/cloudformation-validate');
    const manifest = JSON.parse(readFileSync(join(dirname(main), 'package.json'), 'utf8')) as {
      version: string;
    };
    version = manifest.version;
  }
  return `@aws/cloudformation-validate@${version}`;
}

function severityOf(diagnostic: Diagnostic): Finding['severity'] | undefined {
  if (diagnostic.severity === 'FATAL' || diagnostic.severity === 'ERROR') return 'error';
  if (diagnostic.severity === 'WARN') return 'warning';
  return undefined;
}

export interface TemplateToValidate {
  /** The template text and the file findings point at (the hand-written original, not its copy). */
  readonly text: string;
  readonly file: string;
  readonly parameters?: Readonly<Record<string, string>>;
  readonly stackName?: string;
  readonly region: string;
  readonly account: string;
  /** Rule ids the code acknowledged, with why (CDK: aws:cdk:acknowledged-rules metadata). */
  readonly acknowledged?: ReadonlyMap<string, string>;
}

/** Errors and warnings of a template (informational findings are left out). */
export async function validateTemplateText(input: TemplateToValidate): Promise<Finding[]> {
  const diagnostics = await ask({
    kind: 'template',
    text: input.text,
    file: input.file,
    config: {
      detailLevel: 'STANDARD',
      ...(input.parameters ? { parameterOverrides: { ...input.parameters } } : {}),
      pseudoParameterOverrides: {
        ...(input.stackName ? { stackName: input.stackName } : {}),
        region: input.region,
        accountId: input.account,
      },
    },
  });
  return diagnostics.flatMap((diagnostic): Finding[] => {
    const severity = severityOf(diagnostic);
    if (!severity) return [];
    const location: SourceLocation = {
      file: input.file,
      ...(diagnostic.startLine ? { line: diagnostic.startLine } : {}),
      ...(diagnostic.startColumn ? { column: diagnostic.startColumn } : {}),
    };
    const acknowledged = input.acknowledged?.get(diagnostic.ruleId);
    return [
      {
        severity,
        source: 'cloudformation-validate',
        rule: diagnostic.ruleId,
        message: diagnostic.message,
        ...(diagnostic.entity?.logicalId ? { subject: diagnostic.entity.logicalId } : {}),
        ...(diagnostic.propertyPath ? { property: diagnostic.propertyPath } : {}),
        location,
        ruleSource: diagnostic.documentationUrl ?? validatorVersion(),
        ...(acknowledged ? { acknowledged } : {}),
      },
    ];
  });
}

/** The resource schemas alone (no best-practice rules), for templates iac-compare derives itself. */
export function validateSchemas(text: string, name: string, region: string): Promise<Diagnostic[]> {
  return ask({ kind: 'schemas', text, name, region });
}

export type { Diagnostic as ValidatorDiagnostic };

/** A resource in CloudFormation's template form, for the resource schemas. */
export interface ResourceForSchemas {
  readonly Type: string;
  readonly Properties: unknown;
}

export interface ResourceSchemaResult {
  /** Per resource given, in order: its diagnostics. */
  readonly perResource: readonly (readonly Diagnostic[])[];
  /** Diagnostics about the template as a whole (none expected: the template is generated). */
  readonly unattributed: readonly Diagnostic[];
}

/**
 * The resource schemas applied resource by resource as far as the memo is concerned: each resource
 * is remembered under its own template form and region, so an edit revalidates only the resources
 * it changed. The ones the memo cannot answer go to the validator together, in one template, each
 * under a logical ID made from its content (the same resource always has the same ID, so a message
 * that names it reads the same from the memo). A template-level diagnostic is never remembered:
 * the batch that produced it is validated again next time.
 */
export async function validateResourceSchemas(
  resources: readonly ResourceForSchemas[],
  region: string,
): Promise<ResourceSchemaResult> {
  const version = validatorVersion();
  const keys = resources.map((resource) =>
    validationKey(version, { kind: 'schemas-resource', region, resource }),
  );
  const known = new Map<string, Diagnostic[]>();
  const missing = new Map<string, ResourceForSchemas>();
  keys.forEach((key, index) => {
    if (known.has(key) || missing.has(key)) return;
    const found = recallDiagnostics(key);
    if (found) known.set(key, found);
    else missing.set(key, resources[index]!);
  });
  const unattributed: Diagnostic[] = [];
  if (missing.size > 0) {
    const logicalId = (key: string) => `R${key.slice(0, 20)}`;
    const body = [...missing].map(([key, resource]) => [logicalId(key), resource] as const);
    const usesUnknown = body.some(([, resource]) => JSON.stringify(resource).includes('{"Ref":"Unknown"}'));
    const template = {
      AWSTemplateFormatVersion: '2010-09-09',
      ...(usesUnknown ? { Parameters: { Unknown: { Type: 'String' } } } : {}),
      Resources: Object.fromEntries(body),
    };
    const diagnostics = await runValidator({
      kind: 'schemas',
      text: JSON.stringify(template),
      name: 'derived.json',
      region,
    });
    const byId = new Map<string, Diagnostic[]>(body.map(([id]) => [id, []]));
    for (const diagnostic of diagnostics) {
      const list = diagnostic.entity?.logicalId ? byId.get(diagnostic.entity.logicalId) : undefined;
      if (list) list.push(diagnostic);
      else unattributed.push(diagnostic);
    }
    for (const key of missing.keys()) {
      const found = byId.get(logicalId(key)) ?? [];
      known.set(key, found);
      if (unattributed.length === 0) rememberDiagnostics(key, found);
    }
  }
  return { perResource: keys.map((key) => known.get(key) ?? []), unattributed };
}
