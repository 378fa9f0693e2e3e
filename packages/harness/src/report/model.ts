/**
 * The comparison report: one model every format renders (terminal table, Markdown, JSON). The JSON
 * form is a documented contract (docs/report-schema.md), versioned by `schemaVersion`.
 */
import type { Envelope, EnvelopeViolation, SectionGap } from '@iac-compare/spec';
import type { Comparison } from '../compare/compare.js';
import type { ResourceDiff } from '../compare/resource-diff.js';
import type { Value } from '../model/value.js';
import type { LedgerEntry } from '../observe/ledger.js';
import type { Finding } from '../validate/findings.js';

export const REPORT_SCHEMA_VERSION = 2;

export interface Difference {
  readonly fact: string;
  readonly status: 'differs' | 'missing' | 'unexpected';
  readonly expected: Value | null;
  readonly actual: Value | null;
  /** For a missing fact: what the implementation has instead (items of the same kind not in the target). */
  readonly found?: string;
  /** Where the implementation declares the value (file:line, else its address). */
  readonly location?: string;
  /**
   * How precise `location` is: `attribute` (the property's own line: HCL, CloudFormation YAML or
   * JSON), `block` (the property is not written; the block it belongs in), `resource` (the
   * resource's declaration: all CDK and Pulumi record, one TypeScript line per construct or resource).
   */
  readonly locationScope?: 'attribute' | 'block' | 'resource';
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
  /** Sections of the target it declares it does not build (compared and conforming on the rest). */
  readonly outsideSections: readonly SectionGap[];
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
  /** Where every core resource went: how many the model claimed, the tool defaults, the unaccounted. */
  readonly ledger: {
    readonly claimed: number;
    readonly toolDefaults: readonly LedgerEntry[];
    readonly unaccounted: readonly LedgerEntry[];
  };
  /** What AWS or a provider would reject: errors fail the implementation, warnings are shown. */
  readonly findings: readonly Finding[];
}

/** What a differences-at-a-glance sentence is about. */
export const GLANCE_TOPICS = [
  'machinery',
  'two-phase-apply',
  'waiting',
  'replacement-order',
  'envelope',
  'lines-of-code',
  'workload-lifecycle',
  'other-settings',
] as const;

/** One sentence of "differences at a glance": how the tools differ on one topic, from the report's own data. */
export interface GlanceItem {
  readonly topic: (typeof GLANCE_TOPICS)[number];
  /** The topic in words, for a heading or a label. */
  readonly title: string;
  /** One sentence, without the title. */
  readonly text: string;
  /** The implementations the sentence singles out (empty when it is about all alike). */
  readonly implementations: readonly string[];
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
  /** Every property of every item, across the implementations that were compared. */
  readonly resourceDiff: ResourceDiff;
  /** How the tools differ, a sentence per topic, built from the fields above (glance.ts). */
  readonly glance: readonly GlanceItem[];
}
