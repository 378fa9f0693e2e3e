/**
 * The comparison report: one model every format renders (terminal table, Markdown, JSON). The JSON
 * form is a documented contract (docs/report-schema.md), versioned by `schemaVersion`.
 */
import type { Envelope, EnvelopeViolation } from '@iac-compare/spec';
import type { Comparison } from '../compare/compare.js';
import type { Value } from '../model/value.js';

export const REPORT_SCHEMA_VERSION = 1;

export interface Difference {
  readonly fact: string;
  readonly status: 'differs' | 'missing' | 'unexpected';
  readonly expected: Value | null;
  readonly actual: Value | null;
}

export interface ImplementationReport {
  readonly id: string;
  readonly label: string;
  readonly tool: string;
  /** compared; outside-envelope (the target is not within what it supports); failed (synth or read). */
  readonly status: 'compared' | 'outside-envelope' | 'failed';
  readonly conforms: boolean;
  readonly failure: string | null;
  readonly outsideEnvelope: readonly EnvelopeViolation[];
  readonly differences: readonly Difference[];
  readonly unknowns: readonly { readonly fact: string; readonly why: string }[];
  /** Core resources (part of the target). */
  readonly resources: number;
  readonly overhead: number;
  readonly resourcesByKind: Readonly<Record<string, number>>;
  readonly overheadResources: readonly {
    readonly address: string;
    readonly type: string;
    readonly reason: string;
  }[];
  readonly linesOfCode: number;
  readonly sourceFiles: number;
  readonly synth: { readonly ms: number | null; readonly cached: boolean };
  readonly envelope: Envelope | null;
  readonly notes: readonly string[];
  readonly diagnostics: readonly string[];
}

export interface CompareReport {
  readonly schemaVersion: typeof REPORT_SCHEMA_VERSION;
  readonly target: {
    readonly name: string;
    readonly file: string;
    readonly region: string;
    readonly availabilityZones: readonly string[];
    readonly natGateways: string;
    readonly kubernetesVersion: string;
    readonly nodeGroups: number;
  };
  readonly summary: { readonly implementations: number; readonly conforming: number; readonly facts: number };
  readonly implementations: readonly ImplementationReport[];
  readonly comparison: Comparison;
}
