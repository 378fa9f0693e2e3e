/**
 * Source for CDK cloud assemblies: stacks from manifest.json (nested assemblies of stages too),
 * in dependency order; nested stacks from their asset templates, their outputs wired back into the
 * parent; `aws:cdk:path` metadata as display names. CDKMetadata, the bootstrap-version parameter
 * and rule are tool machinery, not errors. Missing context is an error that names it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HarnessError, type SourceLocation } from '../errors.js';
import type { Inventory } from '../model/inventory.js';
import {
  isUnknown,
  isValueObject,
  type Reference,
  Unknown,
  unknownFrom,
  type Value,
  type ValueObject,
} from '../model/value.js';
import { Exports, environmentFor, type Placement } from './deployment.js';
import { type EvaluatedResource, type EvaluatedStack, evaluateTemplate } from './evaluate.js';
import { readTemplateFile } from './template-file.js';
import { inventoryFromStacks, type StackForInventory } from './to-inventory.js';

export interface ManifestArtifact {
  type: string;
  environment?: string;
  properties?: {
    templateFile?: string;
    stackName?: string;
    parameters?: Record<string, string>;
    tags?: Record<string, string>;
    directoryName?: string;
  };
  dependencies?: string[];
  displayName?: string;
  /** Construct path → metadata entries (older assemblies). */
  metadata?: Record<string, MetadataEntry[]>;
  /** The same, in a file of its own (newer assemblies). */
  additionalMetadataFile?: string;
}

interface MetadataEntry {
  type: string;
  data?: unknown;
}

/** The metadata of a stack artifact, by construct path (inline or in its own file). */
export function artifactMetadata(
  assemblyDir: string,
  artifact: ManifestArtifact,
): Record<string, MetadataEntry[]> {
  let metadata = artifact.metadata ?? {};
  if (artifact.additionalMetadataFile) {
    try {
      metadata = {
        ...metadata,
        ...(JSON.parse(readFileSync(join(assemblyDir, artifact.additionalMetadataFile), 'utf8')) as Record<
          string,
          MetadataEntry[]
        >),
      };
    } catch {
      // No readable metadata: nothing more is known.
    }
  }
  return metadata;
}

/**
 * Where the app created each resource: the first frame of its `aws:cdk:creationStack` that is not
 * aws-cdk-lib's own (a TypeScript line when the app ran with source maps). By logical ID.
 */
export function creationLocations(
  assemblyDir: string,
  artifact: ManifestArtifact,
): Map<string, SourceLocation> {
  const metadata = artifactMetadata(assemblyDir, artifact);
  const locations = new Map<string, SourceLocation>();
  for (const entries of Object.values(metadata)) {
    if (!Array.isArray(entries)) continue;
    const logicalId = entries.find((entry) => entry.type === 'aws:cdk:logicalId')?.data;
    const stack = entries.find((entry) => entry.type === 'aws:cdk:creationStack')?.data;
    if (typeof logicalId !== 'string' || !Array.isArray(stack)) continue;
    for (const frame of stack) {
      const match = /\(?(file:\/\/[^()]+?|\/[^():]+):(\d+):(\d+)\)?$/.exec(String(frame));
      if (!match || match[1]!.includes('/node_modules/')) continue;
      const file = match[1]!.startsWith('file://') ? fileURLToPath(match[1]!) : match[1]!;
      locations.set(logicalId, { file, line: Number(match[2]), column: Number(match[3]) });
      break;
    }
  }
  return locations;
}

interface Manifest {
  version?: string;
  artifacts?: Record<string, ManifestArtifact>;
  missing?: { key: string; provider: string; props?: Record<string, unknown> }[];
}

const MAX_NESTING = 8;

function readManifest(dir: string): Manifest {
  const file = join(dir, 'manifest.json');
  if (!existsSync(file)) {
    throw new HarnessError(
      'ARTIFACT_MISSING',
      'no manifest.json: not a cloud assembly; run the CDK synth first',
      { location: { file } },
    );
  }
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Manifest;
  } catch (error) {
    throw new HarnessError(
      'ARTIFACT_CORRUPT',
      `manifest.json is not valid JSON (${(error as Error).message})`,
      { location: { file } },
    );
  }
}

/** Stack artifacts of an assembly and of the stages' nested assemblies, dependencies first. */
export function stackArtifacts(
  dir: string,
  depth = 0,
): { dir: string; id: string; artifact: ManifestArtifact }[] {
  if (depth > MAX_NESTING)
    throw new HarnessError('INTERNAL_LIMIT', `assemblies nested deeper than ${MAX_NESTING}`, {
      location: { file: dir },
    });
  const manifest = readManifest(dir);
  if (manifest.missing?.length) {
    const keys = manifest.missing.map((item) => `${item.key} (${item.provider})`).join(', ');
    throw new HarnessError(
      'MISSING_CONTEXT',
      `the assembly is missing context it would look up in AWS: ${keys}; add it to cdk.context.json (or synthesize with credentials once) and synth again`,
      { location: { file: join(dir, 'manifest.json') } },
    );
  }
  const artifacts = Object.entries(manifest.artifacts ?? {});
  const ordered: { dir: string; id: string; artifact: ManifestArtifact }[] = [];
  const placed = new Set<string>();
  const byId = new Map(artifacts);
  const place = (id: string, trail: string[]) => {
    if (placed.has(id)) return;
    if (trail.includes(id)) {
      throw new HarnessError(
        'CIRCULAR_REFERENCE',
        `stacks depend on each other: ${[...trail, id].join(' -> ')}`,
        {
          location: { file: join(dir, 'manifest.json') },
        },
      );
    }
    const artifact = byId.get(id);
    if (!artifact) return;
    for (const dependency of artifact.dependencies ?? []) place(dependency, [...trail, id]);
    placed.add(id);
    if (artifact.type === 'aws:cloudformation:stack') ordered.push({ dir, id, artifact });
    if (artifact.type === 'cdk:cloud-assembly' && artifact.properties?.directoryName) {
      ordered.push(...stackArtifacts(join(dir, artifact.properties.directoryName), depth + 1));
    }
  };
  for (const [id] of artifacts) place(id, []);
  return ordered;
}

function placementOf(artifact: ManifestArtifact, fallback: Placement): Placement {
  const match = /^aws:\/\/([^/]+)\/([^/]+)$/.exec(artifact.environment ?? '');
  if (!match) return fallback;
  const [, account, region] = match as unknown as [string, string, string];
  return {
    account: account.startsWith('unknown') ? fallback.account : account,
    region: region.startsWith('unknown') ? fallback.region : region,
  };
}

/** Rewrites Unknowns that read a nested stack's `Outputs.X` into that output's value. */
function wireNestedOutputs(value: Value, outputs: Map<string, Value>, depth = 0): Value {
  if (depth > 64) return value;
  if (isUnknown(value)) {
    const replaced: Value[] = [];
    const kept: Reference[] = [];
    for (const reference of value.references) {
      const output = reference.attribute?.startsWith('Outputs.')
        ? outputs.get(`${reference.address}\u0000${reference.attribute}`)
        : undefined;
      if (output === undefined) kept.push(reference);
      else replaced.push(output);
    }
    if (replaced.length === 0) return value;
    if (replaced.length === 1 && kept.length === 0 && value.references.length === 1) return replaced[0]!;
    return unknownFrom([...replaced, new Unknown(value.reason, kept, value.detail)]);
  }
  if (Array.isArray(value)) return value.map((item) => wireNestedOutputs(item, outputs, depth + 1));
  if (isValueObject(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, wireNestedOutputs(item, outputs, depth + 1)]),
    );
  }
  return value;
}

function evaluateWithNested(
  assemblyDir: string,
  templateFile: string,
  stackName: string,
  addressPrefix: string,
  placement: Placement,
  parameters: Record<string, string | Value>,
  exports: Exports,
  depth: number,
): EvaluatedStack[] {
  if (depth > MAX_NESTING) {
    throw new HarnessError('INTERNAL_LIMIT', `nested stacks deeper than ${MAX_NESTING}`, {
      location: { file: templateFile },
    });
  }
  const stack = evaluateTemplate(readTemplateFile(join(assemblyDir, templateFile)), {
    ...environmentFor(stackName, placement),
    parameters,
    importValue: (name) => exports.get(name, stackName),
    addressPrefix,
  });
  const nestedStacks: EvaluatedStack[] = [];
  const outputs = new Map<string, Value>();
  for (const resource of stack.resources) {
    const assetPath = resource.metadata['aws:asset:path'];
    if (resource.type !== 'AWS::CloudFormation::Stack' || typeof assetPath !== 'string') continue;
    const nestedParameters = isValueObject(resource.properties.Parameters)
      ? resource.properties.Parameters
      : {};
    const nested = evaluateWithNested(
      assemblyDir,
      assetPath,
      `${stackName}-${resource.logicalId}`,
      `${resource.address}/`,
      placement,
      nestedParameters as Record<string, Value>,
      exports,
      depth + 1,
    );
    nestedStacks.push(...nested);
    for (const [name, output] of Object.entries(nested[0]!.outputs))
      outputs.set(`${resource.address}\u0000Outputs.${name}`, output.value);
  }
  const wired: EvaluatedStack =
    outputs.size === 0
      ? stack
      : {
          ...stack,
          resources: stack.resources.map(
            (resource): EvaluatedResource => ({
              ...resource,
              properties: wireNestedOutputs(resource.properties, outputs) as ValueObject,
            }),
          ),
          outputs: Object.fromEntries(
            Object.entries(stack.outputs).map(([name, output]) => [
              name,
              { ...output, value: wireNestedOutputs(output.value, outputs) },
            ]),
          ),
        };
  return [wired, ...nestedStacks];
}

export function readCdkAssembly(dir: string, implementation: string, fallback: Placement): Inventory {
  const exports = new Exports();
  const stacks: StackForInventory[] = [];
  for (const { dir: assemblyDir, id, artifact } of stackArtifacts(dir)) {
    const templateFile = artifact.properties?.templateFile;
    if (!templateFile) {
      throw new HarnessError('ARTIFACT_CORRUPT', `stack artifact ${id} names no templateFile`, {
        location: { file: join(assemblyDir, 'manifest.json') },
      });
    }
    const stackName = artifact.properties?.stackName ?? id;
    const evaluated = evaluateWithNested(
      assemblyDir,
      templateFile,
      stackName,
      `${stackName}/`,
      placementOf(artifact, fallback),
      { ...(artifact.properties?.parameters ?? {}) },
      exports,
      0,
    );
    for (const stack of evaluated) exports.add(stack);
    const created = creationLocations(assemblyDir, artifact);
    const located = evaluated.map(
      (stack): EvaluatedStack => ({
        ...stack,
        resources: stack.resources.map((resource) => {
          const location =
            resource.address === `${stackName}/${resource.logicalId}` && created.get(resource.logicalId);
          return location ? { ...resource, location } : resource;
        }),
      }),
    );
    stacks.push(...located.map((stack) => ({ evaluated: stack, tags: artifact.properties?.tags ?? {} })));
  }
  if (stacks.length === 0) {
    throw new HarnessError('ARTIFACT_CORRUPT', 'the assembly holds no CloudFormation stack', {
      location: { file: join(dir, 'manifest.json') },
    });
  }
  return inventoryFromStacks(implementation, 'cdk-assembly', stacks, [], exports.stackOrder());
}
