/** One mutant: a plausible mistake, where it is planted, and what the report must say (mutants.ts has the rules). */
import type { TargetSpec } from '@iac-compare/spec';

export interface MutantEdit {
  readonly file: string;
  /** Exact text to find (first occurrence). */
  readonly find: string;
  readonly replace: string;
}

export interface Mutant {
  readonly id: string;
  readonly implementation: string;
  /** The mistake, as a reviewer would name it. */
  readonly description: string;
  readonly edits: readonly MutantEdit[];
  /** What the report must hold against the implementation, and all it may hold. */
  readonly expect: readonly RegExp[];
  readonly ci?: boolean;
  /** The target the mutant is judged on, when the default target cannot show the mistake. */
  readonly target?: (spec: TargetSpec) => TargetSpec;
}

/** The default target without NAT gateways: private subnets reach AWS through VPC endpoints. */
export const withoutNat = (spec: TargetSpec): TargetSpec => ({
  ...spec,
  network: { ...spec.network, natGateways: 'none' },
});

/** The default target's node group names, for expectations about either group. */
export const NODE_GROUPS = '(system|general)';
