/**
 * Validation of one implementation's artifact: what AWS or a provider would reject, offline.
 * - CloudFormation family: AWS's validator on every template (a CDK assembly's stacks and nested
 *   stacks; hand-written templates with the parameter values they deploy with).
 * - Terraform family and Pulumi: the same resource schemas applied to each resource read in
 *   CloudFormation's vocabulary (labelled derived), and the provider limits of spec/limits.ts.
 * - All six: the service limits of spec/limits.ts (what an API rejects that no schema says) and the
 *   service quirks of service-quirks.ts (what a service or tool rejects at deploy time).
 */
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { breaksLimit, LIMITS, type Limit } from '@iac-compare/spec';
import { readArtifactJson } from '../artifact-file.js';
import { terraformTypeOfPulumi } from '../canonical/kinds.js';
import { cloudformationViewOf, templateForm } from '../canonical/vocabulary.js';
import { artifactMetadata, creationLocations, stackArtifacts } from '../cloudformation/assembly.js';
import type { Placement } from '../cloudformation/deployment.js';
import { defaultsFor } from '../compare/equivalences.js';
import type { ImplementationInfo } from '../implementations.js';
import type { Inventory, InventoryResource } from '../model/inventory.js';
import { isUnknown, isValueObject, type Value } from '../model/value.js';
import { plural } from '../words.js';
import {
  type ResourceForSchemas,
  type ValidatorDiagnostic,
  validateResourceSchemas,
  validateTemplateText,
  validatorVersion,
} from './cloudformation-validate.js';
import type { Finding } from './findings.js';
import { checkServiceQuirks } from './service-quirks.js';

/** CDK's `Validations.of(scope).acknowledge({ id: 'CloudFormation-Validate::W9009', reason })`. */
function acknowledgedRules(
  metadata: Record<string, { type: string; data?: unknown }[]>,
): Map<string, string> {
  const rules = new Map<string, string>();
  for (const entries of Object.values(metadata)) {
    for (const entry of Array.isArray(entries) ? entries : []) {
      if (entry.type !== 'aws:cdk:acknowledged-rules' || !isValueObject(entry.data as Value)) continue;
      for (const [id, reason] of Object.entries(entry.data as Record<string, unknown>)) {
        rules.set(id.replace(/^CloudFormation-Validate::/, ''), String(reason));
      }
    }
  }
  return rules;
}

export async function validateCdkAssembly(dir: string, placement: Placement): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const { dir: assemblyDir, artifact } of stackArtifacts(dir)) {
    const templateFile = artifact.properties?.templateFile;
    if (!templateFile) continue;
    const metadata = artifactMetadata(assemblyDir, artifact);
    const created = creationLocations(assemblyDir, artifact);
    const acknowledged = acknowledgedRules(metadata);
    const env = /^aws:\/\/([^/]+)\/([^/]+)$/.exec(artifact.environment ?? '');
    const files = [templateFile, ...nestedTemplates(join(assemblyDir, templateFile))];
    for (const file of files) {
      const path = join(assemblyDir, file);
      const stackFindings = await validateTemplateText({
        text: withStableAssetPaths(readFileSync(path, 'utf8')),
        file: path,
        ...(file === templateFile && artifact.properties?.stackName
          ? { stackName: artifact.properties.stackName }
          : {}),
        region: env && !env[2]!.startsWith('unknown') ? env[2]! : placement.region,
        account: env && !env[1]!.startsWith('unknown') ? env[1]! : placement.account,
        acknowledged,
      });
      // A finding on a resource points at the TypeScript line that created it, when CDK recorded one.
      findings.push(
        ...stackFindings.map((finding) => {
          const location =
            finding.subject && file === templateFile ? created.get(finding.subject) : undefined;
          return location ? { ...finding, location } : finding;
        }),
      );
    }
  }
  return findings;
}

/**
 * An unstaged asset's path (the harness's synth leaves assets unstaged) is a fresh temporary folder
 * on every synth (aws-cdk-lib's custom resource providers write their handler to `mkdtemp`), so
 * the template's text would differ on every synth though nothing AWS validates changed. The
 * validator is given the template with those paths as one fixed name, and that text is what the
 * validation memo keys on.
 */
export function withStableAssetPaths(text: string): string {
  const temporary = tmpdir().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return text.replace(
    new RegExp(`("aws:asset:path":\\s*")${temporary}/[^"]*"`, 'g'),
    '$1(unstaged asset in a temporary folder)"',
  );
}

/** The asset templates a CDK template's nested stacks name. */
function nestedTemplates(templatePath: string): string[] {
  try {
    const template = JSON.parse(readFileSync(templatePath, 'utf8')) as {
      Resources?: Record<string, { Type?: string; Metadata?: Record<string, unknown> }>;
    };
    return Object.values(template.Resources ?? {})
      .filter((resource) => resource.Type === 'AWS::CloudFormation::Stack')
      .map((resource) => resource.Metadata?.['aws:asset:path'])
      .filter((path): path is string => typeof path === 'string');
  } catch {
    return [];
  }
}

interface StackPlanFile {
  readonly account: string;
  readonly region: string;
  readonly stacks: readonly { name: string; template: string; source?: string; parameters?: string }[];
}

export async function validateStackPlan(dir: string): Promise<Finding[]> {
  const plan = readArtifactJson(join(dir, 'stacks.json')) as StackPlanFile;
  const findings: Finding[] = [];
  for (const stack of plan.stacks ?? []) {
    const copy = join(dir, stack.template);
    const text = readFileSync(copy, 'utf8');
    const sameAsSource = (() => {
      try {
        return stack.source !== undefined && readFileSync(stack.source, 'utf8') === text;
      } catch {
        return false;
      }
    })();
    const list = stack.parameters
      ? (readArtifactJson(join(dir, stack.parameters)) as { ParameterKey: string; ParameterValue: string }[])
      : [];
    findings.push(
      ...(await validateTemplateText({
        text,
        file: sameAsSource ? stack.source! : copy,
        parameters: Object.fromEntries(list.map((item) => [item.ParameterKey, item.ParameterValue])),
        stackName: stack.name,
        region: plan.region,
        account: plan.account,
      })),
    );
  }
  return findings;
}

/** Unknowns (values only known after deploy) as references to an `Unknown` parameter, which schemas accept. */
function forSchema(value: Value, depth = 0): unknown {
  if (depth > 32) return null;
  if (isUnknown(value)) return { Ref: 'Unknown' };
  if (Array.isArray(value)) return value.map((item) => forSchema(item, depth + 1));
  if (isValueObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, forSchema(item, depth + 1)]));
  }
  return value;
}

const TAG_LIST_TYPES = new Set(['standard']);

/**
 * Terraform and Pulumi resources through the CloudFormation resource schemas: each resource the
 * vocabulary maps becomes a resource of one derived template (Unknowns as a parameter), which the
 * schema validator checks. Findings are labelled derived and point at the resource's own source.
 */
export async function validateDerived(
  inventory: Inventory,
  region: string,
  tagVariant: (type: string) => string | undefined,
): Promise<Finding[]> {
  const checked: { resource: InventoryResource; form: ResourceForSchemas }[] = [];
  for (const resource of inventory.resources) {
    if (resource.role !== 'core' || resource.kind === 'default-security-group') continue;
    const view = cloudformationViewOf(resource);
    if (!view || view.type.startsWith('Custom::')) continue;
    // Resources folded into another item (policy attachments, associations) have no template of their own.
    if (resource.kind === 'iam-role-policy-attachment' || resource.kind === 'eks-access-policy-association')
      continue;
    const properties: Record<string, Value> = { ...view.properties };
    for (const entry of defaultsFor(view.type)) {
      if (
        !entry.path.includes('.') &&
        properties[entry.path] === undefined &&
        entry.terraform !== undefined &&
        typeof entry.terraform !== 'function'
      ) {
        properties[entry.path] = entry.terraform;
      }
    }
    if (view.type === 'AWS::EC2::SecurityGroup' && properties.GroupDescription === undefined) {
      properties.GroupDescription = 'Managed by Terraform'; // the provider's default description
    }
    const template = templateForm(view.type, properties);
    const tags = properties.Tags;
    if (isValueObject(tags) && view.type !== 'AWS::EC2::LaunchTemplate') {
      template.Tags = TAG_LIST_TYPES.has(tagVariant(view.type) ?? 'standard')
        ? Object.entries(tags).map(([Key, value]) => ({ Key, Value: value }))
        : tags;
    }
    checked.push({ resource, form: { Type: view.type, Properties: forSchema(template as Value) } });
  }
  if (checked.length === 0) return [];
  // Resource by resource as far as the validation memo is concerned: an edit revalidates only the
  // resources it changed (memo/validation-memo.ts).
  const { perResource, unattributed } = await validateResourceSchemas(
    checked.map((entry) => entry.form),
    region,
  );
  const toFinding =
    (resource: InventoryResource | undefined) =>
    (diagnostic: ValidatorDiagnostic): Finding[] => {
      if (
        diagnostic.severity !== 'FATAL' &&
        diagnostic.severity !== 'ERROR' &&
        diagnostic.severity !== 'WARN'
      )
        return [];
      // A value only known after deploy stands in as a parameter: its format cannot be checked offline.
      if (/\{'Ref': 'Unknown'\}|Ref.*Unknown/.test(diagnostic.message)) return [];
      return [
        {
          severity: diagnostic.severity === 'WARN' ? 'warning' : 'error',
          source: 'derived',
          rule: diagnostic.ruleId,
          message: `${diagnostic.message} (the ${diagnostic.entity?.resourceType ?? 'CloudFormation'} schema, applied to ${resource?.nativeType ?? 'this resource'} through the property mapping)`,
          ...(resource ? { subject: resource.address } : {}),
          ...(diagnostic.propertyPath ? { property: diagnostic.propertyPath } : {}),
          ...(resource?.location ? { location: resource.location } : {}),
          ruleSource: `${validatorVersion()} resource schemas`,
        },
      ];
    };
  return [
    ...checked.flatMap((entry, index) => perResource[index]!.flatMap(toFinding(entry.resource))),
    ...unattributed.flatMap(toFinding(undefined)),
  ];
}

const PROVIDER_LIMITS: readonly Limit[] = Object.values(LIMITS).filter(
  (limit) => limit.enforcedBy === 'terraform-provider-aws',
);

/** The Terraform AWS provider's own limits (name_prefix lengths …), which fail `plan` before any API call. */
export function checkProviderLimits(inventory: Inventory): Finding[] {
  const findings: Finding[] = [];
  for (const resource of inventory.resources) {
    if (resource.dialect !== 'terraform' || resource.role !== 'core') continue;
    const type = resource.nativeType.includes(':')
      ? terraformTypeOfPulumi(resource.nativeType)
      : resource.nativeType;
    for (const limit of PROVIDER_LIMITS) {
      if (limit.resourceType !== type) continue;
      const value = resource.properties[limit.property];
      if (typeof value !== 'string') continue;
      const broken =
        (limit.maxLength !== undefined && value.length > limit.maxLength) ||
        (limit.minLength !== undefined && value.length < limit.minLength) ||
        (limit.pattern !== undefined && !limit.pattern.test(value));
      if (!broken) continue;
      findings.push({
        severity: 'error',
        source: 'provider-limit',
        rule: limit.id,
        message: `${limit.property} "${value}" (${plural(value.length, 'character')}) breaks the provider's limit: ${limit.maxLength !== undefined ? `at most ${limit.maxLength}` : ''}${limit.minLength !== undefined ? `, at least ${limit.minLength}` : ''}${limit.pattern ? `, matching ${limit.pattern.source}` : ''}`,
        subject: resource.address,
        property: limit.property,
        ...(resource.location ? { location: resource.location } : {}),
        ruleSource: limit.source,
      });
    }
  }
  return findings;
}

const SERVICE_LIMITS: readonly Limit[] = Object.values(LIMITS).filter((limit) => limit.enforcedBy === 'aws');

/** Whether the schema validator already reported this property of this resource. */
function alreadyReported(
  findings: readonly Finding[],
  resource: InventoryResource,
  property: string,
): boolean {
  return findings.some(
    (finding) =>
      finding.severity === 'error' &&
      finding.subject !== undefined &&
      (finding.subject === resource.address || resource.address.endsWith(`/${finding.subject}`)) &&
      (finding.property ?? '').replace(/^Properties\./, '').startsWith(property.replace(/\[\]\..*$/, '')),
  );
}

/**
 * The service's own limits of spec/limits.ts (names, retention values, tags), on every
 * implementation: each resource read in CloudFormation's vocabulary, with the values it deploys
 * with. What the schema validator reported already is not reported twice.
 */
export function checkServiceLimits(inventory: Inventory, reported: readonly Finding[]): Finding[] {
  const findings: Finding[] = [];
  const report = (resource: InventoryResource, limit: Limit, property: string, why: string) => {
    if (alreadyReported(reported, resource, property)) return;
    findings.push({
      severity: 'error',
      source: 'service-limit',
      rule: limit.id,
      message: `${property}: ${why}`,
      subject: resource.address,
      property,
      ...(resource.location ? { location: resource.location } : {}),
      ruleSource: limit.source,
    });
  };
  for (const resource of inventory.resources) {
    if (resource.role !== 'core') continue;
    const view = cloudformationViewOf(resource);
    if (!view) continue;
    for (const limit of SERVICE_LIMITS) {
      if (limit.resourceType === '*') {
        const tags = view.properties.Tags;
        if (!isValueObject(tags)) continue;
        for (const [key, value] of Object.entries(tags)) {
          const subject = limit.property === 'Tags[].Key' ? key : value;
          if (typeof subject !== 'string') continue;
          const why = breaksLimit(limit, subject);
          if (why) report(resource, limit, `Tags.${key}`, why);
        }
        continue;
      }
      if (limit.resourceType !== view.type) continue;
      const value = view.properties[limit.property];
      if (typeof value !== 'string' && typeof value !== 'number') continue;
      const why = breaksLimit(limit, value);
      if (why) report(resource, limit, limit.property, why);
    }
  }
  return findings;
}

/** Every finding for one implementation's artifact (the inventory is the artifact, evaluated). */
export async function validateImplementation(
  info: ImplementationInfo,
  artifactPath: string,
  inventory: Inventory,
  placement: Placement,
  tagVariant: (type: string) => string | undefined,
): Promise<Finding[]> {
  const schemaFindings = await (async (): Promise<Finding[]> => {
    switch (info.artifactKind) {
      case 'cdk-assembly':
        return validateCdkAssembly(artifactPath, placement);
      case 'cloudformation-stacks':
        return validateStackPlan(artifactPath);
      default:
        return [
          ...(await validateDerived(inventory, placement.region, tagVariant)),
          ...checkProviderLimits(inventory),
        ];
    }
  })();
  return [
    ...schemaFindings,
    ...checkServiceLimits(inventory, schemaFindings),
    ...checkServiceQuirks(inventory),
  ];
}
