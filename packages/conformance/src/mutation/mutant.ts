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

/** The default target with no tags, each node group tagging its network interfaces (issue 18.2). */
export const withoutTags = (spec: TargetSpec): TargetSpec => ({
  ...spec,
  tags: {},
  nodeGroups: spec.nodeGroups.map((group) => ({ ...group, propagateTagsTo: ['network-interface'] })),
});

/** The default target with a second Helm release, from an OCI registry (issue 18.4). */
export const withOciRelease = (spec: TargetSpec): TargetSpec => ({
  ...spec,
  workloads: {
    ...spec.workloads!,
    helmReleases: [
      ...spec.workloads!.helmReleases,
      {
        name: 'podinfo',
        chart: 'podinfo',
        repository: 'oci://ghcr.io/stefanprodan/charts',
        version: '6.9.2',
        namespace: 'kube-system',
        values: { replicaCount: 1 },
      },
    ],
  },
});

/**
 * The default target with two more releases (review 18, R2): one into a namespace only the release
 * creates (monitoring), one into the app's own namespace (phoenix), which must wait for it.
 */
export const withReleaseNamespaces = (spec: TargetSpec): TargetSpec => ({
  ...spec,
  workloads: {
    ...spec.workloads!,
    helmReleases: [
      ...spec.workloads!.helmReleases,
      {
        name: 'node-exporter',
        chart: 'prometheus-node-exporter',
        repository: 'https://prometheus-community.github.io/helm-charts',
        version: '4.47.0',
        namespace: 'monitoring',
        values: {},
      },
      {
        name: 'podinfo',
        chart: 'podinfo',
        repository: 'oci://ghcr.io/stefanprodan/charts',
        version: '6.9.2',
        namespace: spec.workloads!.namespace,
        values: { replicaCount: 1 },
      },
    ],
  },
});

/** The default target's node group names, for expectations about either group. */
export const NODE_GROUPS = '(system|general)';
