/**
 * Running one mutant: a scratch copy of the implementation's package (under .iac-compare/, so it
 * resolves the repository's node_modules), the mutant's edits applied to its sources, its synth run
 * from source (tsx, the way an edited implementation runs before its build), and the artifact judged
 * by the same report `iac-compare compare` builds. The real package is never touched.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  buildReport,
  type CompareReport,
  type ImplementationInfo,
  implementationById,
} from '@iac-compare/harness';
import type { TargetSpec } from '@iac-compare/spec';
import type { Mutant } from './mutants.js';

const run = promisify(execFile);

/** What is copied of a package: everything but builds, outputs, tests and dependencies. */
const SKIP = /(^|\/)(node_modules|dist|out|cdk\.out|cdktf\.out|test|\.turbo)(\/|$)/;

export interface MutantOutcome {
  readonly mutant: Mutant;
  readonly report: CompareReport;
  /** What the report says differs for the implementation, one line each. */
  readonly findings: readonly string[];
}

/** A line per thing that keeps the implementation from conforming. */
export function findingsOf(report: CompareReport, id: string): string[] {
  const implementation = report.implementations.find((candidate) => candidate.id === id)!;
  return [
    ...(implementation.failure ? [`failed: ${implementation.failure}`] : []),
    ...implementation.differences.map((difference) => `fact ${difference.fact} ${difference.status}`),
    ...implementation.unknowns.map((unknown) => `fact ${unknown.fact} unknown`),
    ...implementation.ledger.unaccounted.map((entry) => `unaccounted ${entry.nativeType}`),
    ...implementation.findings
      .filter((finding) => finding.severity === 'error' && !finding.acknowledged)
      .map((finding) => `rejected ${finding.rule}`),
  ];
}

/** Applies each edit once; an edit that no longer matches is an error, so a stale mutant never passes silently. */
export function applyEdits(text: string, mutant: Mutant, file: string): string {
  let result = text;
  for (const edit of mutant.edits.filter((candidate) => candidate.file === file)) {
    if (!result.includes(edit.find)) {
      throw new Error(
        `mutant ${mutant.id}: ${file} no longer contains ${JSON.stringify(edit.find.slice(0, 80))}`,
      );
    }
    result = result.replace(edit.find, edit.replace);
  }
  return result;
}

/** Copies the package, applies the mutant (none for the unmutated copy), synthesizes and judges it. */
export async function runMutant(
  repoRoot: string,
  spec: TargetSpec,
  mutant: Mutant,
  scratchRoot: string,
): Promise<MutantOutcome> {
  const { info, root, target, specFile } = await synthesizeMutant(repoRoot, spec, mutant, scratchRoot);
  const report = await buildReport({
    repoRoot,
    spec: target,
    specFile,
    implementations: [info],
    cache: false,
    artifactRoot: root,
  });
  return { mutant, report, findings: findingsOf(report, info.id) };
}

/** The scratch copy with the mutant's edits, synthesized from source; returns where the artifact is. */
export async function synthesizeMutant(
  repoRoot: string,
  spec: TargetSpec,
  mutant: Mutant,
  scratchRoot: string,
): Promise<{ info: ImplementationInfo; root: string; target: TargetSpec; specFile: string }> {
  const info: ImplementationInfo = implementationById(mutant.implementation)!;
  const root = join(scratchRoot, mutant.id);
  const target = mutant.target ? mutant.target(spec) : spec;
  rmSync(root, { recursive: true, force: true });
  const packageCopy = join(root, info.packageDir);
  mkdirSync(packageCopy, { recursive: true });
  cpSync(join(repoRoot, info.packageDir), packageCopy, {
    recursive: true,
    filter: (source) => !SKIP.test(source.slice(join(repoRoot, info.packageDir).length)),
  });
  for (const file of new Set(mutant.edits.map((edit) => edit.file))) {
    const path = join(packageCopy, file);
    if (!existsSync(path)) throw new Error(`mutant ${mutant.id}: no ${file} in ${info.packageDir}`);
    writeFileSync(path, applyEdits(readFileSync(path, 'utf8'), mutant, file));
  }
  const specFile = join(root, 'target.json');
  writeFileSync(specFile, JSON.stringify(target));
  await run(
    process.execPath,
    [
      '--import',
      'tsx',
      join(packageCopy, 'src', 'bin', 'synth.ts'),
      '--spec',
      specFile,
      '--out',
      join(root, info.synthOutDir),
    ],
    { cwd: packageCopy, timeout: 180_000, env: { ...process.env, FORCE_COLOR: '0' } },
  );
  return { info, root, target, specFile };
}
