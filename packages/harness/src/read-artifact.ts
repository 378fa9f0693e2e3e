import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { inventoryKey } from './artifact-key.js';
import { readCdkAssembly } from './cloudformation/assembly.js';
import type { Placement } from './cloudformation/deployment.js';
import { cfnTypeInfo } from './cloudformation/spec-index.js';
import { readStackPlan } from './cloudformation/stack-plan.js';
import { HarnessError } from './errors.js';
import type { ImplementationInfo } from './implementations.js';
import { redactSecrets } from './kubernetes/redact.js';
import { type Inventory, parseInventory, serializeInventory } from './model/inventory.js';
import { readPulumiRegistrations } from './pulumi/source.js';
import { readCdktfOutput, readTerraformDirectory } from './terraform/source.js';
import { timedAsync } from './timings.js';
import type { Finding } from './validate/findings.js';
import { validateImplementation } from './validate/validate.js';

export type ArtifactReader = (
  info: ImplementationInfo,
  path: string,
  placement: Placement,
) => Inventory | Promise<Inventory>;

const readers = new Map<string, ArtifactReader>([
  ['cdk-assembly', (info, path, placement) => readCdkAssembly(path, info.id, placement)],
  ['cloudformation-stacks', (info, path) => readStackPlan(path, info.id)],
  ['terraform-config', (info, path, placement) => readTerraformDirectory(path, info.id, placement)],
  ['terraform-json', (info, path, placement) => readCdktfOutput(path, info.id, placement)],
  ['pulumi-registrations', (info, path) => readPulumiRegistrations(path, info.id)],
]);

/** Sources for artifact kinds beyond the six built in (tests, extensions) register here. */
export function registerArtifactReader(kind: string, reader: ArtifactReader): void {
  readers.set(kind, reader);
}

const CACHE_DIR = '.iac-compare/cache';

export { digestArtifact, harnessBuildId, inventoryKey } from './artifact-key.js';
export interface ReadOptions {
  readonly repoRoot: string;
  readonly placement: Placement;
  /** Use and fill the inventory cache (default true; off when artifactRoot is set). */
  readonly cache?: boolean;
  /**
   * Where the artifacts are, when not in the repository (a synth with --out into another folder):
   * the artifact is then `<artifactRoot>/<artifactPath>`.
   */
  readonly artifactRoot?: string;
}

export interface ReadResult {
  readonly inventory: Inventory;
  /** What AWS or a provider would reject (validate/), when validation ran. */
  readonly findings: readonly Finding[];
  readonly cached: boolean;
}

/**
 * An artifact that is a copy of the implementation's own files (Terraform's `out/`) points its
 * locations at the originals: a person edits `infra-terraform/modules/eks/main.tf`, not its copy.
 * Only where the copy is byte-identical, so a line number never points at different text.
 */
export function withSourceLocations(inventory: Inventory, artifactDir: string, sourceDir: string): Inventory {
  const same = new Map<string, string | undefined>();
  const original = (file: string): string | undefined => {
    if (same.has(file)) return same.get(file);
    const rel = relative(artifactDir, file);
    let result: string | undefined;
    if (!rel.startsWith('..') && !isAbsolute(rel)) {
      const candidate = join(sourceDir, rel);
      try {
        if (readFileSync(candidate).equals(readFileSync(file))) result = candidate;
      } catch {
        result = undefined;
      }
    }
    same.set(file, result);
    return result;
  };
  return {
    ...inventory,
    resources: inventory.resources.map((resource) => {
      const file = resource.location ? original(resource.location.file) : undefined;
      return file ? { ...resource, location: { ...resource.location!, file } } : resource;
    }),
  };
}

/**
 * An error in a copy of the implementation's own files names the original (a person fixes
 * `infra-terraform/main.tf`, not its copy in `out/`), where the copy is byte-identical.
 */
function withSourcePaths(error: unknown, artifactDir: string, sourceDir: string): unknown {
  if (!(error instanceof Error)) return error;
  const copies = new Set(
    error.message.match(new RegExp(`${escapeRegExp(artifactDir)}/[^\\s:'"]+`, 'g')) ?? [],
  );
  for (const copy of copies) {
    const original = join(sourceDir, relative(artifactDir, copy));
    try {
      if (readFileSync(original).equals(readFileSync(copy)))
        error.message = error.message.replaceAll(copy, original);
    } catch {
      // not a file of both: keep the copy's name
    }
  }
  return error;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The inventory and its validation findings, cached together (the key covers the validator's version). */
export async function readInventory(info: ImplementationInfo, options: ReadOptions): Promise<ReadResult> {
  const reader = readers.get(info.artifactKind);
  if (!reader)
    throw new HarnessError('ARTIFACT_CORRUPT', `no source reads ${info.artifactKind} artifacts`, {
      subject: info.id,
    });
  const path = join(options.artifactRoot ?? options.repoRoot, info.artifactPath);
  const useCache = options.cache !== false && options.artifactRoot === undefined;
  const key = inventoryKey(info, options);
  if (key === undefined) {
    throw new HarnessError('ARTIFACT_MISSING', `no artifact at ${info.artifactPath}; run its synth first`, {
      subject: info.id,
    });
  }
  const cacheFile = join(options.repoRoot, CACHE_DIR, `inventory-${info.id}.json`);
  if (useCache) {
    try {
      const cached = JSON.parse(readFileSync(cacheFile, 'utf8')) as {
        key?: string;
        inventory?: unknown;
        findings?: Finding[];
      };
      if (cached.key === key && Array.isArray(cached.findings)) {
        return { inventory: parseInventory(cached.inventory), findings: cached.findings, cached: true };
      }
    } catch {
      // No cache, or a stale or unreadable one: evaluate.
    }
  }
  // Validated as soon as it is read. The validator starts only when the validation memo cannot
  // answer (memo/validation-memo.ts): an edit that leaves every template and resource as it was
  // never starts it.
  const read = await timedAsync('evaluate', async () => {
    try {
      return await reader(info, path, options.placement);
    } catch (error) {
      throw info.artifactKind === 'terraform-config'
        ? withSourcePaths(error, path, join(options.repoRoot, info.packageDir))
        : error;
    }
  });
  // Secrets go before anything can cache, save, compare or print them.
  const inventory = redactSecrets(
    info.artifactKind === 'terraform-config'
      ? withSourceLocations(read, path, join(options.repoRoot, info.packageDir))
      : read,
  );
  const findings = await timedAsync('validate', () =>
    validateImplementation(
      info,
      path,
      inventory,
      options.placement,
      (type) => cfnTypeInfo(type)?.tags?.variant,
    ),
  );
  if (useCache) {
    mkdirSync(dirname(cacheFile), { recursive: true });
    const temporary = `${cacheFile}.${process.pid}.tmp`;
    writeFileSync(
      temporary,
      `{"key":${JSON.stringify(key)},"findings":${JSON.stringify(findings)},"inventory":${serializeInventory(inventory)}}`,
    );
    renameSync(temporary, cacheFile);
  }
  return { inventory, findings, cached: false };
}
