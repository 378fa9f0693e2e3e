/**
 * AWS's offline CloudFormation validator (@aws/cloudformation-validate): the resource provider
 * schemas and its rules, run on every CloudFormation-family template with the parameter values it
 * deploys with. The registry's standalone release lags (1.9.0-beta, which reports false FATAL
 * errors on `!If [C, x, !Ref AWS::NoValue]`), so this is the copy aws-cdk-lib bundles and runs on
 * `cdk synth`, pinned through aws-cdk-lib's exact version (docs/architecture.md, "Validation").
 */
import { createRequire } from 'node:module';
import type { SourceLocation } from '../errors.js';
import type { Finding } from './findings.js';

interface Diagnostic {
  readonly ruleId: string;
  readonly severity: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'FATAL';
  readonly message: string;
  readonly entity?: { readonly logicalId?: string; readonly resourceType?: string };
  readonly propertyPath?: string;
  readonly startLine?: number;
  readonly startColumn?: number;
  readonly documentationUrl?: string;
}

interface Validator {
  version(): string;
  TemplateContent: new (content: string, name?: string) => unknown;
  CelEngine: new () => {
    validateTemplate(
      template: unknown,
      config?: {
        parameterOverrides?: Record<string, string>;
        pseudoParameterOverrides?: Record<string, string>;
        detailLevel?: string;
      },
    ): { diagnostics: Diagnostic[] };
  };
  SchemaValidator: new () => { validate(template: unknown, region?: string): Diagnostic[] };
}

let module: Validator | undefined;
let engine: InstanceType<Validator['CelEngine']> | undefined;
let schemas: InstanceType<Validator['SchemaValidator']> | undefined;

/** The validator aws-cdk-lib bundles (createRequire from aws-cdk-lib's own package). */
export function validatorModule(): Validator {
  if (!module) {
    const fromHere = createRequire(import.meta.url);
    const cdk = createRequire(fromHere.resolve('aws-cdk-lib/package.json'));
    module = cdk('@aws/cloudformation-validate') as Validator;
  }
  return module;
}

export function validatorVersion(): string {
  return `@aws/cloudformation-validate@${validatorModule().version()}`;
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
export function validateTemplateText(input: TemplateToValidate): Finding[] {
  const validator = validatorModule();
  engine ??= new validator.CelEngine();
  const report = engine.validateTemplate(new validator.TemplateContent(input.text, input.file), {
    detailLevel: 'STANDARD',
    ...(input.parameters ? { parameterOverrides: { ...input.parameters } } : {}),
    pseudoParameterOverrides: {
      ...(input.stackName ? { stackName: input.stackName } : {}),
      region: input.region,
      accountId: input.account,
    },
  });
  return report.diagnostics.flatMap((diagnostic): Finding[] => {
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
export function validateSchemas(text: string, name: string, region: string): Diagnostic[] {
  const validator = validatorModule();
  schemas ??= new validator.SchemaValidator();
  return schemas.validate(new validator.TemplateContent(text, name), region);
}

export type { Diagnostic as ValidatorDiagnostic };
