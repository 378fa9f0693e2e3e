/**
 * What an artifact's inventory is keyed on, computed without evaluating anything (the report memo
 * keys on it before reading any inventory): the artifact's files, the builds of the harness and
 * the spec package (what evaluates them), the validator's version and the placement.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Placement } from './cloudformation/deployment.js';
import type { ImplementationInfo } from './implementations.js';
import { validatorVersion } from './validate/cloudformation-validate.js';

/**
 * Digest of every file that makes up an artifact: an assembly's templates and manifests, a
 * Terraform folder's .tf, tfvars and any file its functions may read (templatefile, file).
 */
export function digestArtifact(path: string): string | undefined {
  const stats = statSync(path, { throwIfNoEntry: false });
  if (!stats) return undefined;
  const hash = createHash('sha256');
  const files = stats.isFile()
    ? [path]
    : readdirSync(path, { recursive: true, encoding: 'utf8' })
        .filter((file) => !/(^|\/)(node_modules|\.terraform|\.turbo)(\/|$)/.test(file))
        .sort()
        .map((file) => join(path, file));
  for (const file of files) {
    if (!statSync(file).isFile()) continue;
    hash.update(file.slice(path.length));
    hash.update(readFileSync(file));
  }
  return hash.digest('hex');
}

let harnessBuild: string | undefined;
/**
 * What evaluates artifacts: the harness's and the spec package's builds, by their build stamps
 * (scripts/build-stamp.mjs: a digest of the sources each was compiled from), else their files' times.
 */
export function harnessBuildId(): string {
  if (harnessBuild !== undefined) return harnessBuild;
  const stampOf = (dist: string) => {
    try {
      return readFileSync(join(dist, '.source-hash'), 'utf8').trim();
    } catch {
      return String(statSync(join(dist, 'index.js'), { throwIfNoEntry: false })?.mtimeMs ?? 0);
    }
  };
  const harnessDist = dirname(fileURLToPath(import.meta.url));
  const specDist = dirname(fileURLToPath(import.meta.resolve('@iac-compare/spec')));
  harnessBuild = `${stampOf(harnessDist)}+${stampOf(specDist)}`;
  return harnessBuild;
}

/**
 * The key of an artifact's inventory and findings: a digest of the artifact's files, the harness's
 * and spec's builds, the validator's version and the placement. Undefined when there is no artifact.
 * Cheap (no evaluation): the report memo keys on it before anything is read.
 */
export function inventoryKey(
  info: ImplementationInfo,
  options: {
    readonly repoRoot: string;
    readonly placement: Placement;
    readonly artifactRoot?: string;
  },
): string | undefined {
  const path = join(options.artifactRoot ?? options.repoRoot, info.artifactPath);
  const digest = digestArtifact(path);
  if (digest === undefined) return undefined;
  return createHash('sha256')
    .update(
      `${digest}\u0000${harnessBuildId()}\u0000${validatorVersion()}\u0000${options.placement.account}/${options.placement.region}`,
    )
    .digest('hex');
}
