/**
 * Building the report: read each implementation's artifact (or take its synth failure), check its
 * envelope, evaluate, observe, compare against resolveTarget(spec), and collect the numbers people
 * choosing a tool ask for (resources by kind, overhead, lines of code, synth time).
 */
import { join } from 'node:path';
import {
  checkEnvelope,
  type Envelope,
  type EnvelopeViolation,
  loadEnvelope,
  resolveTarget,
  type TargetSpec,
} from '@iac-compare/spec';
import { type ComparedImplementation, compareInfrastructure } from '../compare/compare.js';
import { isHarnessError } from '../errors.js';
import type { ImplementationInfo } from '../implementations.js';
import { countLinesOfCode } from '../loc.js';
import type { Inventory } from '../model/inventory.js';
import { observe } from '../observe/observe.js';
import { readInventory } from '../read-artifact.js';
import {
  type CompareReport,
  type Difference,
  type ImplementationReport,
  REPORT_SCHEMA_VERSION,
} from './model.js';

export interface SynthOutcome {
  readonly ms: number | null;
  readonly cached: boolean;
  /** Set when synth failed: its first error line. */
  readonly failure?: string;
}

export interface BuildReportInput {
  readonly repoRoot: string;
  readonly spec: TargetSpec;
  readonly specFile: string;
  readonly implementations: readonly ImplementationInfo[];
  /** Synth outcome per implementation id (absent: the artifact is read as it is). */
  readonly synth?: ReadonlyMap<string, SynthOutcome>;
  readonly cache?: boolean;
  /** Read artifacts from here instead of the repository (see ReadOptions.artifactRoot). */
  readonly artifactRoot?: string;
  /** Implementations already read (the CLI reads each as soon as its synth is done). */
  readonly prepared?: ReadonlyMap<string, Prepared>;
}

export interface Prepared {
  readonly info: ImplementationInfo;
  readonly envelope: Envelope | null;
  readonly violations: readonly EnvelopeViolation[];
  readonly inventory?: Inventory;
  readonly failure?: string;
}

function describeError(error: unknown): string {
  if (isHarnessError(error) || (error instanceof Error && 'code' in error)) return (error as Error).message;
  return `internal error: ${error instanceof Error ? error.message : String(error)}`;
}

/** Envelope, then synth outcome, then the artifact: the first that fails decides the column. */
export async function prepareImplementation(
  info: ImplementationInfo,
  input: BuildReportInput,
): Promise<Prepared> {
  let envelope: Envelope | null = null;
  try {
    envelope = loadEnvelope(join(input.repoRoot, info.envelopeFile));
  } catch (error) {
    return { info, envelope, violations: [], failure: `envelope: ${describeError(error)}` };
  }
  const violations = checkEnvelope(input.spec, envelope);
  if (violations.length > 0) return { info, envelope, violations };
  const synth = input.synth?.get(info.id);
  if (synth?.failure) return { info, envelope, violations, failure: `synth failed: ${synth.failure}` };
  try {
    const { inventory } = await readInventory(info, {
      repoRoot: input.repoRoot,
      placement: { account: input.spec.account, region: input.spec.region },
      cache: input.cache,
      ...(input.artifactRoot ? { artifactRoot: input.artifactRoot } : {}),
    });
    return { info, envelope, violations, inventory };
  } catch (error) {
    return { info, envelope, violations, failure: describeError(error) };
  }
}

export async function buildReport(input: BuildReportInput): Promise<CompareReport> {
  const prepared: Prepared[] = [];
  for (const info of input.implementations)
    prepared.push(input.prepared?.get(info.id) ?? (await prepareImplementation(info, input)));
  const observed = new Map(
    prepared.filter((item) => item.inventory).map((item) => [item.info.id, observe(item.inventory!)]),
  );
  const compared: ComparedImplementation[] = prepared.map((item) =>
    item.violations.length > 0
      ? { id: item.info.id, outsideEnvelope: item.violations }
      : item.failure !== undefined
        ? { id: item.info.id, failed: item.failure }
        : { id: item.info.id, observed: observed.get(item.info.id)! },
  );
  const comparison = compareInfrastructure(resolveTarget(input.spec), compared);

  const implementations: ImplementationReport[] = prepared.map((item) => {
    const id = item.info.id;
    const differences: Difference[] = [];
    const unknowns: { fact: string; why: string }[] = [];
    for (const row of comparison.rows) {
      const cell = row.cells[id];
      if (!cell) continue;
      if (cell.status === 'differs')
        differences.push({ fact: row.key, status: 'differs', expected: row.expected, actual: cell.actual });
      if (cell.status === 'missing')
        differences.push({ fact: row.key, status: 'missing', expected: row.expected, actual: null });
      if (cell.status === 'unexpected')
        differences.push({ fact: row.key, status: 'unexpected', expected: null, actual: cell.actual });
      if (cell.status === 'unknown') unknowns.push({ fact: row.key, why: cell.why });
    }
    const inventory = item.inventory;
    const core = inventory?.resources.filter((resource) => resource.role === 'core') ?? [];
    const overhead = inventory?.resources.filter((resource) => resource.role === 'overhead') ?? [];
    const byKind: Record<string, number> = {};
    for (const resource of core) {
      const kind = resource.kind ?? `other: ${resource.nativeType}`;
      byKind[kind] = (byKind[kind] ?? 0) + 1;
    }
    const loc = countLinesOfCode(input.repoRoot, item.info.sources);
    const synth = input.synth?.get(id);
    const status =
      item.violations.length > 0 ? 'outside-envelope' : item.failure !== undefined ? 'failed' : 'compared';
    return {
      id,
      label: item.info.label,
      tool: item.info.tool,
      status,
      conforms: status === 'compared' && differences.length === 0 && unknowns.length === 0,
      failure: item.failure ?? null,
      outsideEnvelope: item.violations,
      differences,
      unknowns,
      resources: core.length,
      overhead: overhead.length,
      resourcesByKind: Object.fromEntries(Object.entries(byKind).sort(([a], [b]) => a.localeCompare(b))),
      overheadResources: overhead.map((resource) => ({
        address: resource.address,
        type: resource.nativeType,
        reason: resource.overheadReason ?? '',
      })),
      linesOfCode: loc.lines,
      sourceFiles: loc.files,
      synth: { ms: synth?.ms ?? null, cached: synth?.cached ?? false },
      envelope: item.envelope,
      notes: comparison.notes[id] ?? [],
      diagnostics:
        inventory?.diagnostics.map(
          (diagnostic) => `${diagnostic.subject ? `${diagnostic.subject}: ` : ''}${diagnostic.message}`,
        ) ?? [],
    };
  });

  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    target: {
      name: input.spec.name,
      file: input.specFile,
      region: input.spec.region,
      availabilityZones: [...input.spec.availabilityZones],
      natGateways: input.spec.network.natGateways,
      kubernetesVersion: input.spec.cluster.version,
      nodeGroups: input.spec.nodeGroups.length,
    },
    summary: {
      implementations: implementations.length,
      conforming: implementations.filter((implementation) => implementation.conforms).length,
      facts: comparison.rows.length,
    },
    implementations,
    comparison,
  };
}
