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
 * does next (the CLI: synthesizing). Without it, validation runs in the calling thread.
 */
export function startValidatorWorker(): void {
  if (worker) return;
  const file = fileURLToPath(new URL('./validator-worker.js', import.meta.url));
  if (!existsSync(file)) return; // running from sources (tests): validate in this thread
  worker = new Worker(file);
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
    worker = undefined;
  });
  // After the listeners: adding a 'message' listener refs the worker again, and a referenced
  // idle worker would keep the command from exiting.
  worker.unref();
}

function ask(request: DistributiveOmit<ValidatorRequest, 'id'>): Promise<Diagnostic[]> {
  if (!worker) {
    return Promise.resolve(
      request.kind === 'template'
        ? runTemplateRules(request.text, request.file, request.config)
        : runSchemas(request.text, request.name, request.region),
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
