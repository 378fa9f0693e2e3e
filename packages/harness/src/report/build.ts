/**
 * Building the report: read each implementation's artifact (or take its synth failure), check its
 * envelope, evaluate, observe, compare against resolveTarget(spec), and collect the numbers people
 * choosing a tool ask for (resources by kind, overhead, lines of code, synth time).
 */
import { join, resolve, sep } from 'node:path';
import {
  checkEnvelope,
  type Envelope,
  type EnvelopeViolation,
  envelopeFor,
  loadEnvelope,
  resolveTarget,
  type SectionGap,
  sectionGapsFor,
  type TargetSpec,
} from '@iac-compare/spec';
import { canonicalResources } from '../canonical/resource-view.js';
import { type ComparedImplementation, compareInfrastructure } from '../compare/compare.js';
import { itemOf } from '../compare/facts.js';
import { diffResources } from '../compare/resource-diff.js';
import { isHarnessError } from '../errors.js';
import type { ImplementationInfo } from '../implementations.js';
import { countLinesOfCode } from '../loc.js';
import type { Inventory } from '../model/inventory.js';
import type { Value } from '../model/value.js';
import { type LedgerEntry, ledgerOf } from '../observe/ledger.js';
import type { ObservedInfrastructure } from '../observe/model.js';
import { observe } from '../observe/observe.js';
import { readInventory } from '../read-artifact.js';
import { timed } from '../timings.js';
import { errorsIn, type Finding } from '../validate/findings.js';
import { locateFact } from './fact-locations.js';
import { glanceOf } from './glance.js';
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
  /** Sections of the target the implementation declares it does not build. */
  readonly gaps?: readonly SectionGap[];
  readonly inventory?: Inventory;
  readonly findings?: readonly Finding[];
  readonly failure?: string;
}

/** One implementation, judged: what it builds, where each resource went, what AWS would reject. */
export interface Judged {
  readonly observed: ObservedInfrastructure;
  readonly ledger: readonly LedgerEntry[];
}

export function judge(inventory: Inventory): Judged {
  const observed = observe(inventory);
  return { observed, ledger: ledgerOf(inventory, observed) };
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
  const gaps = sectionGapsFor(input.spec, envelope, info.id);
  const synth = input.synth?.get(info.id);
  if (synth?.failure) return { info, envelope, violations, failure: `synth failed: ${synth.failure}` };
  try {
    const { inventory, findings } = await readInventory(info, {
      repoRoot: input.repoRoot,
      placement: { account: input.spec.account, region: input.spec.region },
      cache: input.cache,
      ...(input.artifactRoot ? { artifactRoot: input.artifactRoot } : {}),
    });
    return { info, envelope, violations, gaps, inventory, findings };
  } catch (error) {
    return { info, envelope, violations, failure: describeError(error) };
  }
}

export async function buildReport(input: BuildReportInput): Promise<CompareReport> {
  const prepared: Prepared[] = [];
  for (const info of input.implementations)
    prepared.push(input.prepared?.get(info.id) ?? (await prepareImplementation(info, input)));
  const judged = timed(
    'observe',
    () =>
      new Map(
        prepared.filter((item) => item.inventory).map((item) => [item.info.id, judge(item.inventory!)]),
      ),
  );
  const compared: ComparedImplementation[] = prepared.map((item) =>
    item.violations.length > 0
      ? { id: item.info.id, outsideEnvelope: item.violations }
      : item.failure !== undefined
        ? { id: item.info.id, failed: item.failure }
        : {
            id: item.info.id,
            observed: judged.get(item.info.id)!.observed,
            outsideSections: item.gaps ?? [],
          },
  );
  const infrastructure = resolveTarget(input.spec);
  const comparison = timed('compare', () => compareInfrastructure(infrastructure, compared));
  const resourceDiff = timed('resource-diff', () =>
    diffResources(
      prepared
        .filter((item) => item.inventory && item.violations.length === 0 && item.failure === undefined)
        .map((item) => {
          const { observed, ledger } = judged.get(item.info.id)!;
          const toolDefaults = new Map(
            ledger.flatMap((entry) =>
              entry.status === 'tool-default' ? [[entry.address, entry.defaultId!]] : [],
            ) as [string, string][],
          );
          return { id: item.info.id, resources: canonicalResources(item.inventory!, observed, toolDefaults) };
        }),
      { partition: infrastructure.partition, account: input.spec.account },
    ),
  );

  const implementations: ImplementationReport[] = prepared.map((item) => {
    const id = item.info.id;
    const differences: Difference[] = [];
    const unknowns: { fact: string; why: string }[] = [];
    const claims = judged.get(id)?.observed.claims ?? [];
    const byAddress = new Map(item.inventory?.resources.map((resource) => [resource.address, resource]));
    // The line to fix: the resource holding the value, and the attribute's line where the source has one.
    const whereIs = (fact: string, expected: Value | null, actual: Value | null) => {
      const found = locateFact(fact, expected, actual, claims, byAddress);
      return found ? { location: found.location, locationScope: found.scope } : {};
    };
    // Items of one kind the implementation has that the target lacks: what a missing fact found instead.
    const extras = comparison.rows
      .filter((row) => !row.inTarget && row.cells[id]?.status === 'unexpected')
      .map((row) => row.key);
    const foundInstead = (fact: string): string | undefined => {
      const kind = itemOf(fact).split('[')[0]!;
      const same = extras.filter((key) => key.startsWith(`${kind}[`));
      return same.length > 0 ? same.join(', ') : undefined;
    };
    for (const row of comparison.rows) {
      const cell = row.cells[id];
      if (!cell) continue;
      const where =
        cell.status === 'differs' || cell.status === 'unexpected'
          ? whereIs(row.key, row.expected, cell.actual)
          : {};
      if (cell.status === 'differs')
        differences.push({
          fact: row.key,
          status: 'differs',
          expected: row.expected,
          actual: cell.actual,
          ...where,
        });
      if (cell.status === 'missing') {
        const found = foundInstead(row.key);
        differences.push({
          fact: row.key,
          status: 'missing',
          expected: row.expected,
          actual: null,
          ...(found ? { found } : {}),
        });
      }
      if (cell.status === 'unexpected')
        differences.push({
          fact: row.key,
          status: 'unexpected',
          expected: null,
          actual: cell.actual,
          ...where,
        });
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
    const ledger = judged.get(id)?.ledger ?? [];
    const unaccounted = ledger.filter((entry) => entry.status === 'unaccounted');
    const evaluatorWarnings: Finding[] = (inventory?.diagnostics ?? [])
      .filter((diagnostic) => diagnostic.severity === 'warning')
      .map((diagnostic) => ({
        severity: 'warning',
        source: 'evaluator',
        rule: 'evaluator',
        message: diagnostic.message,
        ...(diagnostic.subject ? { subject: diagnostic.subject } : {}),
      }));
    const findings = status === 'compared' ? [...(item.findings ?? []), ...evaluatorWarnings] : [];
    return {
      id,
      label: item.info.label,
      tool: item.info.tool,
      status,
      conforms:
        status === 'compared' &&
        differences.length === 0 &&
        unknowns.length === 0 &&
        unaccounted.length === 0 &&
        errorsIn(findings).length === 0,
      failure: item.failure ?? null,
      outsideEnvelope: item.violations,
      outsideSections: item.gaps ?? [],
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
      envelope: item.envelope ? envelopeFor(item.envelope, id) : null,
      notes: comparison.notes[id] ?? [],
      diagnostics:
        inventory?.diagnostics.map(
          (diagnostic) => `${diagnostic.subject ? `${diagnostic.subject}: ` : ''}${diagnostic.message}`,
        ) ?? [],
      ledger: {
        claimed: ledger.filter((entry) => entry.status === 'claimed').length,
        toolDefaults: ledger.filter((entry) => entry.status === 'tool-default'),
        unaccounted,
      },
      findings,
    };
  });

  const report: Omit<CompareReport, 'glance'> = withPathsRelativeTo(input.repoRoot, {
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
    resourceDiff,
  });
  return { ...report, glance: glanceOf(report) };
}

/**
 * Files inside the repository as repository-relative paths, wherever they appear (locations,
 * messages): a report reads the same on every machine and names no one's home directory.
 */
function withPathsRelativeTo<T>(repoRoot: string, report: T): T {
  const prefix = `${resolve(repoRoot)}${sep}`;
  const visit = (value: unknown): unknown => {
    if (typeof value === 'string') return value.includes(prefix) ? value.replaceAll(prefix, '') : value;
    if (Array.isArray(value)) return value.map(visit);
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, visit(item)]));
    }
    return value;
  };
  return visit(report) as T;
}
