/**
 * Source for Pulumi: `resources.json`, the registrations packages/pulumi recorded by running the
 * program against a mock engine in preview mode (see its mock-synth.ts for the writer). Each
 * registration becomes an inventory resource addressed by its URN: inputs in the Terraform dialect
 * (properties.ts), edges from the recorded property dependencies, explicit and component
 * dependencies as dependsOn, the provider's defaultTags as default tags. The provider and the
 * component resources are overhead: they deploy nothing in the cloud.
 */
import { join } from 'node:path';
import { z } from 'zod';
import { readArtifactJson } from '../artifact-file.js';
import { kindOf } from '../canonical/kinds.js';
import { HarnessError } from '../errors.js';
import {
  DEFAULT_LIFECYCLE,
  type Diagnostic,
  INVENTORY_SCHEMA_VERSION,
  type Inventory,
  type InventoryResource,
  type ReferenceEdge,
  type ResourceLifecycle,
} from '../model/inventory.js';
import { isValueObject, type Value, type ValueObject } from '../model/value.js';
import { keptInputs, terraformName, toTerraformArguments } from './properties.js';

export const PULUMI_RESOURCES_FILE = 'resources.json';
const SUPPORTED_SCHEMA = 2;

const RecordedResource = z.object({
  urn: z.string().startsWith('urn:pulumi:'),
  type: z.string().min(1),
  name: z.string(),
  custom: z.boolean(),
  parent: z.string().nullable(),
  provider: z.string().nullable(),
  inputs: z.record(z.string(), z.unknown()),
  propertyDependencies: z.record(z.string(), z.array(z.string())),
  dependencies: z.array(z.string()),
  options: z.object({
    protect: z.boolean(),
    retainOnDelete: z.boolean(),
    deleteBeforeReplace: z.boolean(),
    ignoreChanges: z.array(z.string()),
    replaceOnChanges: z.array(z.string()),
  }),
  source: z.object({ file: z.string(), line: z.number(), column: z.number() }).nullable(),
  inputAttributes: z
    .record(z.string(), z.array(z.object({ urn: z.string(), attribute: z.string() })))
    .optional(),
});
type RecordedResource = z.infer<typeof RecordedResource>;

const ResourcesFile = z.object({
  schemaVersion: z.literal(SUPPORTED_SCHEMA),
  project: z.string(),
  stack: z.string(),
  preview: z.literal(true),
  resources: z.array(RecordedResource),
  invokes: z.array(z.object({ token: z.string(), result: z.record(z.string(), z.unknown()) })),
});

function readResourcesFile(file: string): z.infer<typeof ResourcesFile> {
  const json = readArtifactJson(file, 'no resources.json: run the Pulumi synth first');
  const version = (json as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (version !== SUPPORTED_SCHEMA) {
    throw new HarnessError(
      'ARTIFACT_CORRUPT',
      `schemaVersion ${JSON.stringify(version)} is not the supported ${SUPPORTED_SCHEMA}; re-run the Pulumi synth with this checkout`,
      { location: { file } },
    );
  }
  const parsed = ResourcesFile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new HarnessError(
      'ARTIFACT_CORRUPT',
      `${issue.path.join('.') || '(root)'}: ${issue.message}; re-run the Pulumi synth`,
      { location: { file } },
    );
  }
  return parsed.data;
}

/** The provider's `defaultTags`, which the engine sends as JSON text (`{"tags": {…}}`). */
function defaultTagsOf(provider: RecordedResource): ValueObject | null {
  let raw: unknown = provider.inputs.defaultTags;
  if (typeof raw === 'string') {
    try {
      raw = JSON.parse(raw);
    } catch {
      return null;
    }
  }
  const tags = isValueObject(raw as Value) ? (raw as ValueObject).tags : undefined;
  return tags !== undefined && isValueObject(tags) ? tags : null;
}

function overheadReason(resource: RecordedResource): string | undefined {
  if (resource.type.startsWith('pulumi:providers:'))
    return `Pulumi provider (${resource.type.slice('pulumi:providers:'.length)})`;
  if (!resource.custom) return 'Pulumi component resource (groups children; deploys nothing)';
  return undefined;
}

/** Resource options: protect refuses a delete; retainOnDelete keeps it (also when replaced). */
function lifecycleOf(options: RecordedResource['options']): ResourceLifecycle {
  return {
    ...DEFAULT_LIFECYCLE.pulumi,
    onDelete: options.protect ? 'refuse' : options.retainOnDelete ? 'retain' : 'delete',
    onReplace: options.retainOnDelete ? 'retain' : 'delete',
    replacementOrder: options.deleteBeforeReplace ? 'destroy-before-create' : 'create-before-destroy',
    ignoreChanges: options.ignoreChanges,
    setBy: [
      ...(options.protect ? ['protect'] : []),
      ...(options.retainOnDelete ? ['retainOnDelete'] : []),
      ...(options.deleteBeforeReplace ? ['deleteBeforeReplace'] : []),
      ...(options.ignoreChanges.length > 0 ? ['ignoreChanges'] : []),
    ],
  };
}

export function readPulumiRegistrations(dir: string, implementation: string): Inventory {
  const file = join(dir, PULUMI_RESOURCES_FILE);
  const recorded = readResourcesFile(file);
  const byUrn = new Map(recorded.resources.map((resource) => [resource.urn, resource]));
  const diagnostics: Diagnostic[] = [];
  const providerTags = new Map(
    recorded.resources
      .filter((resource) => resource.type.startsWith('pulumi:providers:'))
      .map((resource) => [resource.urn, defaultTagsOf(resource)]),
  );
  const resources: InventoryResource[] = recorded.resources.map((resource) => {
    const reason = overheadReason(resource);
    const kind = reason ? null : kindOf(resource.type);
    // @pulumi/kubernetes inputs are the Kubernetes objects themselves: kept as they are.
    const properties = resource.type.startsWith('kubernetes:')
      ? keptInputs(resource.inputs, (input) => resource.propertyDependencies[input] ?? [])
      : toTerraformArguments(
          resource.type,
          resource.inputs,
          (input) => resource.propertyDependencies[input] ?? [],
          resource.inputAttributes,
        );
    const references: ReferenceEdge[] = [];
    for (const [input, targets] of Object.entries(resource.propertyDependencies)) {
      for (const target of targets) references.push({ path: terraformName(resource.type, input), target });
    }
    const referenced = new Set(references.map((edge) => edge.target));
    for (const dependency of resource.dependencies) {
      if (!byUrn.has(dependency)) {
        diagnostics.push({
          severity: 'warning',
          message: `depends on ${dependency}, which was not registered`,
          subject: resource.urn,
        });
      }
    }
    const defaultTags = resource.provider ? providerTags.get(resource.provider) : undefined;
    const taggable = kind?.taggable ?? Object.hasOwn(properties, 'tags');
    return {
      address: resource.urn,
      displayName: resource.name,
      nativeType: resource.type,
      kind: kind?.kind ?? null,
      dialect: 'terraform' as const,
      role: reason ? ('overhead' as const) : ('core' as const),
      ...(reason ? { overheadReason: reason } : {}),
      properties,
      ...(taggable && defaultTags ? { defaultTags } : {}),
      references,
      dependsOn: resource.dependencies.filter((urn) => !referenced.has(urn) && byUrn.has(urn)),
      lifecycle: lifecycleOf(resource.options),
      // Where the program registered it (a TypeScript line, through source maps), else the artifact.
      location: resource.source ? { file: resource.source.file, line: resource.source.line } : { file },
    };
  });
  return {
    schemaVersion: INVENTORY_SCHEMA_VERSION,
    implementation,
    source: 'pulumi',
    resources,
    diagnostics,
  };
}
