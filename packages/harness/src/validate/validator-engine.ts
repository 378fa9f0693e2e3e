/**
 * The validator itself, in whichever thread runs it: loaded from aws-cdk-lib's bundled copy,
 * with its two engines (the rules, the resource schemas) started on first use. Starting them
 * costs ≈ 2 s of WebAssembly work, so the CLI starts them in a worker thread
 * (validator-worker.ts) while the implementations synthesize.
 */
import { createRequire } from 'node:module';

export interface Diagnostic {
  readonly ruleId: string;
  readonly severity: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'FATAL';
  readonly message: string;
  readonly entity?: { readonly logicalId?: string; readonly resourceType?: string };
  readonly propertyPath?: string;
  readonly startLine?: number;
  readonly startColumn?: number;
  readonly documentationUrl?: string;
}

export interface TemplateConfig {
  readonly parameterOverrides?: Record<string, string>;
  readonly pseudoParameterOverrides?: Record<string, string>;
  readonly detailLevel?: string;
}

interface Validator {
  version(): string;
  TemplateContent: new (content: string, name?: string) => unknown;
  CelEngine: new () => {
    validateTemplate(template: unknown, config?: TemplateConfig): { diagnostics: Diagnostic[] };
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

/** Starts both engines now (in a worker, while the main thread waits for synth). */
export function startEngines(): void {
  const validator = validatorModule();
  engine ??= new validator.CelEngine();
  schemas ??= new validator.SchemaValidator();
}

/** Plain objects, whatever the WebAssembly bindings hand back (they cross a thread boundary). */
function plain(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return JSON.parse(JSON.stringify(diagnostics)) as Diagnostic[];
}

export function runTemplateRules(text: string, file: string, config: TemplateConfig): Diagnostic[] {
  const validator = validatorModule();
  engine ??= new validator.CelEngine();
  return plain(engine.validateTemplate(new validator.TemplateContent(text, file), config).diagnostics);
}

export function runSchemas(text: string, name: string, region: string): Diagnostic[] {
  const validator = validatorModule();
  schemas ??= new validator.SchemaValidator();
  return plain(schemas.validate(new validator.TemplateContent(text, name), region));
}
