/**
 * The CloudFormation resource specification, as the harness uses it: attribute names (GetAtt is
 * checked against them), where a type keeps its tags, and which property paths force replacement.
 * Built from @aws-cdk/aws-service-spec at build time (scripts/build-cfn-index.ts) and loaded once.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface CfnTypeInfo {
  readonly attributes: readonly string[];
  readonly tags?: { readonly property: string; readonly variant: 'standard' | 'map' | 'asg' | string };
  /** Property paths (`*` for list items and map values) whose change replaces the resource. */
  readonly replaces: readonly (readonly string[])[];
  /** Paths whose change may replace it, depending on the value. */
  readonly mayReplace: readonly (readonly string[])[];
}

export interface CfnSpecIndex {
  readonly source: string;
  readonly resources: Readonly<Record<string, CfnTypeInfo>>;
}

let cached: CfnSpecIndex | undefined;

export function cfnSpecIndex(): CfnSpecIndex {
  if (!cached) {
    // dist/cloudformation/ → dist/cfn-spec-index.json; run from src/ (tests), the built one.
    const here = dirname(fileURLToPath(import.meta.url));
    const candidates = [
      join(here, '..', 'cfn-spec-index.json'),
      join(here, '..', '..', 'dist', 'cfn-spec-index.json'),
    ];
    const file = candidates.find((candidate) => existsSync(candidate));
    if (!file) {
      throw new Error(
        `${candidates[0]} is missing; the harness build writes it (npm run build -w @iac-compare/harness)`,
      );
    }
    cached = JSON.parse(readFileSync(file, 'utf8')) as CfnSpecIndex;
  }
  return cached;
}

export function cfnTypeInfo(type: string): CfnTypeInfo | undefined {
  return cfnSpecIndex().resources[type];
}

/** Types whose attributes are free-form: custom resources and nested stacks (Outputs.X). */
export function hasOpenAttributes(type: string): boolean {
  return (
    type.startsWith('Custom::') ||
    type === 'AWS::CloudFormation::CustomResource' ||
    type === 'AWS::CloudFormation::Stack'
  );
}
