/**
 * One answer of a watch, as data (what it reflects, what it computed, where its time went) and as
 * printed output: the header that names its inputs, what changed since the previous answer, then
 * the report or plan (or one JSON object a line).
 */
import {
  type CompareReport,
  type PlanReport,
  type Prepared,
  renderJson,
  renderMarkdown,
  renderPlanJson,
  renderPlanMarkdown,
  renderPlanTable,
  renderTable,
} from '@iac-compare/harness';
import type { Io } from '../io.js';
import { shortDigest } from './inputs.js';
import { compareSince, planSince } from './since.js';
import type { TypeCheckState } from './type-check.js';

export interface ImplementationInput {
  readonly id: string;
  readonly packageDir: string;
  readonly digest: string;
  /** The package's source hash and what its type check says of it. */
  readonly types: TypeCheckState['state'];
  /** Synthesized for this answer (false: an earlier result for the same inputs). */
  readonly synthesized: boolean;
}

export interface AnswerInputs {
  readonly target: { readonly file: string; readonly digest: string };
  readonly implementations: readonly ImplementationInput[];
}

export interface Printed {
  readonly number: number;
  readonly inputs: AnswerInputs;
  readonly text: string;
  readonly compare?: CompareReport;
  readonly plan?: PlanReport;
}

/** Where an answer's time went, in ms (the bench reads them from the JSON answers). */
export type Stages = Record<string, number>;

export type Computed =
  | {
      readonly kind: 'error';
      readonly message: string;
      readonly inputs: AnswerInputs;
      readonly stages: Stages;
    }
  | {
      readonly kind: 'report';
      readonly stages: Stages;
      readonly inputs: AnswerInputs;
      readonly compare?: CompareReport;
      readonly plan?: PlanReport;
      readonly prepared: ReadonlyMap<string, Prepared>;
    };

export interface OutputSettings {
  readonly format: 'table' | 'markdown' | 'json';
  readonly allFacts: boolean;
  readonly clear: boolean;
  readonly repoRoot: string;
  readonly io: Io;
}

/** The report or plan of an answer, as the format asks (the part compared with the previous answer). */
export function renderComputed(computed: Computed, settings: OutputSettings): string {
  const { format, io, repoRoot } = settings;
  if (computed.kind === 'error') return format === 'json' ? computed.message : `${computed.message}\n`;
  if (computed.plan) {
    if (format === 'json') return renderPlanJson(computed.plan);
    if (format === 'markdown') return renderPlanMarkdown(computed.plan);
    return renderPlanTable(computed.plan, { color: io.isTty });
  }
  const report = computed.compare!;
  if (format === 'json') return renderJson(report);
  if (format === 'markdown') return renderMarkdown(report, { relativeTo: repoRoot });
  return renderTable(report, {
    color: io.isTty,
    allFacts: settings.allFacts,
    width: io.columns,
    relativeTo: repoRoot,
  });
}

/**
 * Prints an answer: in JSON one object on one line; otherwise a header (its number, when, after which
 * edit, the inputs it reflects), what changed since the previous answer, then the report or plan.
 * Returns what the next answer compares with.
 */
export function printAnswer(
  answer: { number: number; computed: Computed; text: string; after: readonly string[]; ms: number },
  previous: Printed | undefined,
  settings: OutputSettings,
): Printed {
  const { number, computed, text, after, ms } = answer;
  const { io, format } = settings;
  const since =
    previous && computed.kind === 'report'
      ? computed.compare && previous.compare
        ? compareSince(previous.compare, computed.compare)
        : computed.plan && previous.plan
          ? planSince(previous.plan, computed.plan)
          : []
      : [];
  const inputs = computed.inputs;
  if (format === 'json') {
    const line = {
      answer: number,
      at: new Date().toISOString(),
      after,
      ms: Math.round(ms),
      stages: computed.stages,
      inputs,
      ...(previous ? { since: { answer: previous.number, changes: since } } : {}),
      ...(computed.kind === 'error'
        ? { error: computed.message }
        : computed.plan
          ? { plan: computed.plan }
          : { report: computed.compare }),
    };
    io.out(`${JSON.stringify(line)}\n`);
  } else {
    if (settings.clear && io.isTty) io.out('\u001b[2J\u001b[3J\u001b[H');
    const when = new Date().toTimeString().slice(0, 8);
    const lines = [
      `── iac-compare watch · answer ${number} · ${when}${after.length ? ` · ${(ms / 1000).toFixed(2)} s after ${after.join(', ')} changed` : ''}`,
      `inputs: ${describeInputs(inputs)}`,
    ];
    if (previous) {
      if (computed.kind === 'error')
        lines.push(`since answer ${previous.number}: the target no longer reads`);
      else if (since.length === 0) lines.push(`since answer ${previous.number}: the same result`);
      else lines.push(`since answer ${previous.number}:`, ...since.map((line) => `  ${line}`));
    }
    io.out(`${lines.join('\n')}\n\n${text}`);
  }
  return {
    number,
    inputs,
    text,
    ...(computed.kind === 'report' && computed.compare ? { compare: computed.compare } : {}),
    ...(computed.kind === 'report' && computed.plan ? { plan: computed.plan } : {}),
  };
}

export function describeInputs(inputs: AnswerInputs): string {
  const byPackage = new Map<string, ImplementationInput>();
  for (const input of inputs.implementations) byPackage.set(input.packageDir, input);
  const parts = [`${inputs.target.file} ${shortDigest(inputs.target.digest)}`];
  for (const input of byPackage.values()) {
    const types =
      input.types === 'ok' ? '' : input.types === 'checking' ? ' (types: checking)' : ' (does not compile)';
    parts.push(`${input.packageDir} ${shortDigest(input.digest)}${types}`);
  }
  return parts.join(' · ');
}

/** Same target and package digests (and type-check states unless `ignoreTypes`). */
export function sameInputs(a: AnswerInputs, b: AnswerInputs, ignoreTypes: boolean): boolean {
  if (a.target.digest !== b.target.digest) return false;
  return a.implementations.every((input, index) => {
    const other = b.implementations[index];
    return (
      other !== undefined &&
      other.id === input.id &&
      other.digest === input.digest &&
      (ignoreTypes || other.types === input.types)
    );
  });
}
