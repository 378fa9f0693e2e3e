/**
 * Building the CDK app from a target — the same way for `npx cdk synth` (src/bin/app.ts) and for the
 * in-process `synthesize` the harness uses, so both produce the same templates.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lookupRegion, type TargetSpec } from '@iac-compare/spec';
import { App, type Stack } from 'aws-cdk-lib';
import { L1Stack } from './l1/stack.js';
import { L2Stack } from './l2/stack.js';

export type CdkVariant = 'l2' | 'l1';
export const CDK_VARIANTS: readonly CdkVariant[] = ['l2', 'l1'];

/** Implementation id of each variant, as the harness and the report name them. */
export const VARIANT_IDS: Record<CdkVariant, string> = { l2: 'cdk-l2', l1: 'cdk-l1' };

export const PACKAGE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');

function readJson(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
}

/** Feature flags from cdk.json and lookups from cdk.context.json: what the CLI would pass. */
export function projectContext(): Record<string, unknown> {
  const cdkJson = readJson(join(PACKAGE_DIR, 'cdk.json'));
  const context = (cdkJson.context ?? {}) as Record<string, unknown>;
  return { ...context, ...readJson(join(PACKAGE_DIR, 'cdk.context.json')) };
}

/**
 * The context key under which `ec2.Vpc` looks up a region's AZs. With a fixed account and region
 * and no entry, synth asks for credentials; the app fills it from the spec's own region table.
 */
export function availabilityZoneContext(spec: TargetSpec): Record<string, string[]> {
  const zones = lookupRegion(spec.region)?.availabilityZones ?? [];
  return { [`availability-zones:account=${spec.account}:region=${spec.region}`]: [...zones] };
}

export function stackName(spec: TargetSpec, variant: CdkVariant): string {
  return `${spec.name}-${VARIANT_IDS[variant]}`;
}

/** Adds the variant's stack to an app (the CLI's app, or one built by createApp). */
export function addStack(app: App, spec: TargetSpec, variant: CdkVariant): Stack {
  const props = { env: { account: spec.account, region: spec.region } };
  const id = stackName(spec, variant);
  return variant === 'l2' ? new L2Stack(app, id, spec, props) : new L1Stack(app, id, spec, props);
}

export interface CreateAppOptions {
  readonly outdir?: string;
  /**
   * Run aws-cdk-lib's built-in CloudFormation template validator. It costs about 85% of synth time,
   * so the harness synthesizes without it and the `validate` test runs it with rules enforced.
   * @default false
   */
  readonly validate?: boolean;
  /**
   * Copy assets (the kubectl and AWS CLI layers: 59 MB) into the assembly, as `cdk synth` does.
   * The harness reads templates only, so its synth leaves them where they are
   * (`aws:cdk:disable-asset-staging`); the templates are the same either way.
   * @default true
   */
  readonly stageAssets?: boolean;
}

/** The context the CDK CLI adds on every `cdk synth` (see aws-cdk's exec.ts), so output matches. */
const CLI_CONTEXT = {
  'aws:cdk:enable-path-metadata': true,
  'aws:cdk:enable-asset-metadata': true,
  'aws:cdk:version-reporting': true,
  'aws:cdk:bundling-stacks': ['**'],
};

export function createApp(spec: TargetSpec, variant: CdkVariant, options: CreateAppOptions = {}): App {
  const validate = options.validate ?? false;
  const app = new App({
    outdir: options.outdir,
    context: {
      ...CLI_CONTEXT,
      ...projectContext(),
      ...availabilityZoneContext(spec),
      ...(validate ? { '@aws-cdk/core:validateAgainstDefaultRules': true } : {}),
      ...(options.stageAssets === false ? { 'aws:cdk:disable-asset-staging': true } : {}),
    },
    builtinCloudFormationValidation: validate,
  });
  addStack(app, spec, variant);
  return app;
}
