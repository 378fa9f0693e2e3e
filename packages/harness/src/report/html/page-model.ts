/**
 * What the HTML page carries: the report itself, as `--format json` writes it (minus the synth
 * times, which differ on every run), and the few things only the harness can say in words — the
 * verdict, the cards' texts, what to fix with its line, the plan summary — plus the diagrams,
 * rendered to SVG at build time. The page's script (page/) renders from this and nothing else, the
 * way Lighthouse's report renders from its JSON. Types only: the browser bundle imports them too.
 */
import type { PlanReport } from '../../plan/model.js';
import type { PolicyReport } from '../../policy/model.js';
import type { Mark } from '../diagram/model.js';
import type { DiagramPanel } from '../diagram/render.js';
import type { CompareReport } from '../model.js';

export const PAGE_VERSION = 1;

export type PageCommand = 'compare' | 'check' | 'plan' | 'policy';

/** One label and value on an implementation's card. */
export interface CardFact {
  readonly label: string;
  readonly value: string;
  /** Hover text: what the value is made of. */
  readonly title?: string;
}

export interface Card {
  readonly id: string;
  readonly label: string;
  /** The card's colour: ok (conforms, no changes), bad (does not conform, a change fails), warn (changes), muted (not compared). */
  readonly tone: 'ok' | 'bad' | 'warn' | 'muted';
  /** The status in words: "conforms", "does not conform", "outside its envelope", "3 changes" … */
  readonly badge: string;
  readonly facts: readonly CardFact[];
  /** Notes under the facts (why it is outside its envelope, why it failed, plan notes); a long why folds under its text. */
  readonly notes: readonly { readonly text: string; readonly detail?: string }[];
}

/** A line of "what to fix": one difference, unknown, unaccounted resource or rejected rule, with its source line. */
export interface Fix {
  readonly implementation: string;
  readonly subject: string;
  readonly text: string;
  /** Repository-relative file:line, linked from the page. */
  readonly location?: string;
  /** How precise the line is (the property's, its block's, the resource's). */
  readonly scope?: string;
}

/** A validation finding, for the findings table. */
export interface FindingRow {
  readonly implementation: string;
  readonly severity: string;
  readonly rule: string;
  readonly text: string;
  readonly location?: string;
  readonly acknowledged?: string;
}

/** A property that differs between tools (the resource diff, grouped), with each value and who has it. */
export interface OtherDifference {
  readonly path: string;
  readonly type: string;
  readonly items: readonly string[];
  readonly variants: readonly { readonly value: string; readonly implementations: readonly string[] }[];
  readonly why?: string;
  /** Implementation → where it declares the first item. */
  readonly locations: Readonly<Record<string, string>>;
}

export interface LegendEntry {
  readonly mark: Mark;
  readonly words: string;
  readonly fill: string;
  readonly color: string;
  /** A dashed or dotted outline. */
  readonly dash?: 'dashed' | 'dotted';
}

export interface PlanChangeRow {
  readonly action: string;
  readonly resource: string;
  readonly address: string;
  readonly type: string;
  readonly machinery: boolean;
  readonly order?: string;
  readonly changes: readonly string[];
  readonly failure?: string;
  readonly note?: string;
}

export interface PlanView {
  readonly implementations: readonly {
    readonly id: string;
    readonly label: string;
    readonly rows: readonly PlanChangeRow[];
  }[];
}

/** Policy findings as a report carries them (the policy section of compare and check, or `policy`). */
export interface PolicyView {
  /** The answer first: how many rules fail, and whether the tools agree. */
  readonly headline: string;
  readonly rules: readonly {
    readonly id: string;
    readonly title: string;
    readonly severity: string;
    readonly helpUri?: string;
  }[];
  /** Rule id → implementation → verdict (pass, fail, waived, unknown, not-applicable, outside-envelope). */
  readonly verdicts: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly findings: readonly {
    readonly ruleId: string;
    readonly severity: string;
    readonly implementation: string;
    readonly subject: string;
    readonly message: string;
    readonly location?: string;
    /** The waiver that holds it: reason, file:line, expiry. */
    readonly waived?: string;
    /** A waiver matched but does not hold (expired, no reason): the finding stands. */
    readonly waiverProblem?: string;
    /** How to fix it in this implementation's tool. */
    readonly fix?: string;
  }[];
  readonly implementations: readonly string[];
  readonly notes: readonly string[];
}

export interface PageData {
  readonly pageVersion: typeof PAGE_VERSION;
  readonly command: PageCommand;
  readonly title: string;
  readonly subtitle: string;
  readonly verdict: { readonly tone: 'ok' | 'bad' | 'warn'; readonly text: string };
  /** The command that wrote the page (regenerate rather than edit). */
  readonly writtenBy: string;
  /** From the page's folder to the repository root (`''`, `'../'`): source links are relative paths. */
  readonly linkRoot: string | null;
  readonly glance: readonly { readonly title: string; readonly text: string }[];
  readonly cards: readonly Card[];
  readonly fixes: readonly Fix[];
  readonly findings: readonly FindingRow[];
  readonly otherDifferences: readonly OtherDifference[];
  readonly diagrams: {
    readonly legend: readonly LegendEntry[];
    readonly panels: readonly DiagramPanel[];
  };
  readonly plan?: PlanView;
  readonly policy?: PolicyView;
  /** The report as `--format json` writes it; a compare or check report's synth times are left out. */
  readonly report: CompareReport | PlanReport | PolicyReport;
}
