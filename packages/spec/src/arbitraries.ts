/**
 * fast-check arbitraries for valid targets across the whole envelope: AZ counts (2–4, also beyond
 * what fixed-shape templates hold), every NAT strategy, with and without the intra tier, 1–3 node
 * groups with 0–4 labels and 0–3 taints, 0–2 access entries, no tags at all a quarter of the time,
 * and (most of the time, with NAT) workloads whose Helm releases come from https and oci://
 * repositories. Other packages' property tests use them.
 */
import fc from 'fast-check';
import {
  ACCESS_POLICIES,
  AUTHENTICATION_MODES,
  DELETION_BEHAVIOURS,
  DESIRED_SIZE_DRIFT,
  KUBERNETES_VERSIONS,
  LOG_RETENTION_DAYS,
  LOG_TYPES,
  NAT_STRATEGIES,
  TAG_PROPAGATION_TARGETS,
  TAINT_EFFECTS,
} from './constants.js';
import type { Envelope } from './envelope.js';
import { checkEnvelope } from './envelope.js';
import { lookupRegion } from './regions.js';
import type { TargetSpec, TargetSpecInput } from './schema.js';
import { validateTarget } from './validate.js';
import type { HelmReleaseInput } from './workloads-schema.js';

const REGIONS = ['eu-west-1', 'us-east-1', 'us-west-2', 'ap-northeast-1', 'eu-central-1'] as const;
const X86_TYPES = ['m7i.large', 'm6i.xlarge', 'c7i.2xlarge', 'r7i.large', 't3.medium'];
const ARM_TYPES = ['m7g.large', 'c7g.xlarge', 'r8g.large', 't4g.medium'];
// Mostly plain keys (every implementation builds those), some prefixed ones (raw CloudFormation cannot).
const LABEL_KEYS = ['workload', 'team', 'tier', 'pool', 'example.com/pool', 'topology.example.com/zone'];
const LABEL_VALUES = ['system', 'general', 'batch', 'a1', 'x-y_z.v'];
const TAINT_KEYS = ['dedicated', 'CriticalAddonsOnly', 'example.com/gpu'];
const PUBLIC_CIDRS = ['0.0.0.0/0', '203.0.113.0/24', '198.51.100.0/24'];
const ADMIN_ARNS = [
  'arn:aws:iam::111122223333:role/platform-admin',
  'arn:aws:iam::111122223333:role/ci-deployer',
  'arn:aws:iam::111122223333:user/alice',
];

/**
 * The first value most of the time, the others sometimes: values some implementations cannot build
 * (retain in Terraform, revert in CloudFormation) would otherwise leave few implementations to compare.
 */
function rarely<const T extends readonly [string, ...string[]]>(values: T): fc.Arbitrary<T[number]> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.constant(values[0]) },
    ...values.slice(1).map((value) => ({ weight: 1, arbitrary: fc.constant(value) })),
  );
}

const zonesArb = fc.constantFrom(...REGIONS).chain((region) => {
  const zones = lookupRegion(region)!.availabilityZones;
  return fc
    .shuffledSubarray([...zones], { minLength: 2, maxLength: Math.min(4, zones.length) })
    .map((availabilityZones) => ({ region, availabilityZones }));
});

const networkArb = fc.record({
  cidr: fc.constantFrom('10.0.0.0/16', '10.40.0.0/16', '172.20.0.0/16', '192.168.0.0/16'),
  natGateways: fc.constantFrom(...NAT_STRATEGIES),
  subnets: fc.record(
    {
      public: fc.record({ prefixLength: fc.integer({ min: 24, max: 26 }) }),
      private: fc.record({ prefixLength: fc.integer({ min: 20, max: 22 }) }),
      intra: fc.record({ prefixLength: fc.integer({ min: 24, max: 27 }) }),
    },
    { requiredKeys: ['public', 'private'] },
  ),
  restrictDefaultSecurityGroup: fc.boolean(),
});

const updateArb = fc.record({
  unavailable: fc.oneof(
    fc.integer({ min: 1, max: 2 }).map((maxUnavailable) => ({ maxUnavailable })),
    fc.integer({ min: 10, max: 100 }).map((maxUnavailablePercentage) => ({ maxUnavailablePercentage })),
  ),
  force: fc.boolean(),
});

const taintArb = fc.record(
  {
    key: fc.constantFrom(...TAINT_KEYS),
    value: fc.constantFrom('true', 'gpu', 'infra'),
    effect: fc.constantFrom(...TAINT_EFFECTS),
  },
  { requiredKeys: ['key', 'effect'] },
);

const nodeGroupArb = (name: string) =>
  fc
    .record({
      arm: fc.boolean(),
      bottlerocket: fc.boolean(),
      capacityType: fc.constantFrom('ON_DEMAND' as const, 'SPOT' as const),
      sizes: fc.tuple(
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 0, max: 4 }),
      ),
      diskSize: fc.integer({ min: 20, max: 200 }),
      labelEntries: fc.uniqueArray(
        fc.tuple(fc.constantFrom(...LABEL_KEYS), fc.constantFrom(...LABEL_VALUES)),
        {
          maxLength: 4,
          selector: ([key]) => key,
        },
      ),
      taints: fc.uniqueArray(taintArb, { maxLength: 3, selector: (taint) => `${taint.key}:${taint.effect}` }),
      typeCount: fc.integer({ min: 1, max: 2 }),
      update: updateArb,
      propagateTagsTo: fc.subarray([...TAG_PROPAGATION_TARGETS]),
      desiredSizeDrift: rarely(DESIRED_SIZE_DRIFT),
    })
    .chain((shape) => {
      const pool = shape.arm ? ARM_TYPES : X86_TYPES;
      return fc
        .shuffledSubarray(pool, { minLength: shape.typeCount, maxLength: shape.typeCount })
        .map((instanceTypes) => {
          const [a, b, c] = shape.sizes;
          const minSize = a;
          const desiredSize = a + b;
          const maxSize = Math.max(1, a + b + c);
          const family = shape.bottlerocket ? 'BOTTLEROCKET' : 'AL2023';
          const arch = shape.arm
            ? shape.bottlerocket
              ? 'ARM_64'
              : 'ARM_64_STANDARD'
            : shape.bottlerocket
              ? 'x86_64'
              : 'x86_64_STANDARD';
          return {
            name,
            instanceTypes,
            capacityType: shape.capacityType,
            minSize,
            desiredSize,
            maxSize,
            diskSize: shape.diskSize,
            amiType: `${family}_${arch}` as TargetSpec['nodeGroups'][number]['amiType'],
            labels: Object.fromEntries(shape.labelEntries),
            taints: shape.taints,
            // maxUnavailable may not exceed maxSize.
            update: {
              ...('maxUnavailable' in shape.update.unavailable
                ? { maxUnavailable: Math.min(shape.update.unavailable.maxUnavailable, maxSize) }
                : shape.update.unavailable),
              force: shape.update.force,
            },
            propagateTagsTo: shape.propagateTagsTo,
            desiredSizeDrift: shape.desiredSizeDrift,
          };
        });
    });

const nodeGroupsArb = fc
  .uniqueArray(fc.constantFrom('system', 'general', 'batch', 'gpu-spot', 'arm_pool'), {
    minLength: 1,
    maxLength: 3,
  })
  .chain((names) => fc.tuple(...names.map((name) => nodeGroupArb(name))));

const accessEntryArb = (principalArn: string) =>
  fc.record({
    principalArn: fc.constant(principalArn),
    kubernetesGroups: fc.subarray(['platform-admins', 'viewers']),
    policies: fc
      .option(
        fc.record({
          policy: fc.constantFrom(...ACCESS_POLICIES),
          scope: fc.oneof(
            fc.constant({ type: 'cluster' as const }),
            fc.record({
              type: fc.constant('namespace' as const),
              namespaces: fc.subarray(['default', 'kube-system', 'team-*'], { minLength: 1 }),
            }),
          ),
        }),
        { nil: undefined },
      )
      .map((policy) => (policy ? [policy] : [])),
  });

const clusterArb = fc.record({
  name: fc.constantFrom('demo', 'platform-eks', 'prod_main', 'c1'),
  version: fc.constantFrom(...KUBERNETES_VERSIONS),
  endpoint: fc.oneof(
    fc.constant({ privateAccess: true, publicAccess: false }),
    // Public only (open to all: the rules allow no less, since nodes reach the API through NAT).
    fc.constant({ privateAccess: false, publicAccess: true }),
    fc.subarray(PUBLIC_CIDRS, { minLength: 1 }).map((cidrs) => ({
      privateAccess: true,
      publicAccess: true,
      publicAccessCidrs: cidrs,
    })),
  ),
  logging: fc.record({
    types: fc.subarray([...LOG_TYPES]),
    retentionDays: fc.constantFrom(...LOG_RETENTION_DAYS),
    onDelete: rarely(DELETION_BEHAVIOURS),
  }),
  secretsEncryption: fc.record({
    keyRotation: fc.boolean(),
    keyDeletionWindowDays: fc.integer({ min: 7, max: 30 }),
    onDelete: rarely(DELETION_BEHAVIOURS),
  }),
  authenticationMode: fc.constantFrom(...AUTHENTICATION_MODES),
  bootstrapClusterCreatorAdminPermissions: fc.boolean(),
  addons: fc
    .tuple(
      fc.boolean(),
      fc.option(fc.constantFrom('v1.19.2-eksbuild.1', 'v1.20.0-eksbuild.1'), { nil: undefined }),
      // Both published kube-proxy build forms (ADDON_VERSION_PATTERN); never a bare vX.Y.Z.
      fc.option(fc.constantFrom('v1.33.0-eksbuild.2', 'v1.33.0-minimal-eksbuild.2'), { nil: undefined }),
    )
    .map(([podIdentity, cniVersion, proxyVersion]) => [
      cniVersion ? { name: 'vpc-cni' as const, version: cniVersion } : { name: 'vpc-cni' as const },
      proxyVersion ? { name: 'kube-proxy' as const, version: proxyVersion } : { name: 'kube-proxy' as const },
      { name: 'coredns' as const },
      ...(podIdentity ? [{ name: 'eks-pod-identity-agent' as const }] : []),
    ]),
  accessEntries: fc
    .subarray(ADMIN_ARNS, { maxLength: 2 })
    .chain((arns) => fc.tuple(...arns.map((arn) => accessEntryArb(arn))).map((entries) => [...entries])),
});

const IMAGES = [
  'ghcr.io/example/phoenix-demo:1.4.2',
  '111122223333.dkr.ecr.eu-west-1.amazonaws.com/shop/web:2026.11.30',
  `registry.example.com:5000/beam/app@sha256:${'ab12'.repeat(16)}`,
];

/** A release namespace the arbitrary replaces with the workloads' own namespace. */
const APP_NAMESPACE = '<app>';

/**
 * Releases in every kind of namespace (review 18, R2): one every cluster has (kube-system), the
 * app's own (the release waits for the Namespace object), and one nothing else creates (monitoring:
 * the release creates it).
 */
const HELM_RELEASES: HelmReleaseInput[] = [
  {
    name: 'metrics-server',
    chart: 'metrics-server',
    repository: 'https://kubernetes-sigs.github.io/metrics-server/',
    version: '3.12.2',
    values: { replicas: 1, args: ['--kubelet-insecure-tls'] },
  },
  {
    name: 'karpenter',
    chart: 'karpenter',
    repository: 'oci://public.ecr.aws/karpenter',
    version: '1.8.1',
    namespace: 'kube-system',
    values: { settings: { clusterName: 'demo' } },
  },
  {
    name: 'node-exporter',
    chart: 'prometheus-node-exporter',
    repository: 'https://prometheus-community.github.io/helm-charts',
    version: '4.47.0',
    namespace: 'monitoring',
    values: { hostNetwork: false },
  },
  {
    name: 'podinfo',
    chart: 'podinfo',
    repository: 'oci://ghcr.io/stefanprodan/charts',
    version: '6.9.2',
    namespace: APP_NAMESPACE,
    values: { replicaCount: 1 },
  },
];

/** The workloads section as a user would write it: some fields given, the rest defaulted. */
const workloadsArb = fc
  .record(
    {
      namespace: fc.constantFrom('phoenix', 'shop', 'team-a-apps'),
      app: fc.record(
        {
          name: fc.constantFrom('phoenix', 'web', 'checkout-api'),
          image: fc.constantFrom(...IMAGES),
          replicas: fc.integer({ min: 2, max: 6 }),
          port: fc.constantFrom(4000, 8080),
          resources: fc.record({
            requests: fc.record({
              cpu: fc.constantFrom('100m', '250m', '1'),
              memory: fc.constantFrom('256Mi', '512Mi'),
            }),
            limits: fc.record(
              { cpu: fc.constantFrom('1', '2'), memory: fc.constantFrom('1Gi', '2Gi') },
              { requiredKeys: ['memory'] },
            ),
          }),
          terminationGracePeriodSeconds: fc.constantFrom(30, 60, 120),
          env: fc.dictionary(
            fc.constantFrom('PHX_HOST', 'POOL_SIZE', 'ECTO_IPV6', 'LOG_LEVEL'),
            fc.constantFrom('app.example.com', '10', 'true', 'info'),
            { maxKeys: 3 },
          ),
          secrets: fc
            .dictionary(
              fc.constantFrom('DATABASE_URL', 'SMTP_PASSWORD'),
              fc.constantFrom('placeholder-a', 'placeholder-b'),
              {
                maxKeys: 1,
              },
            )
            .map((extra) => ({
              RELEASE_COOKIE: 'placeholder-cookie',
              SECRET_KEY_BASE: 'placeholder-secret-key-base',
              ...extra,
            })),
          migration: fc.record({ backoffLimit: fc.integer({ min: 0, max: 6 }) }, { requiredKeys: [] }),
        },
        { requiredKeys: ['image', 'replicas'] },
      ),
      // A classic https repository and an OCI registry (each tool takes an OCI chart its own way).
      helmReleases: fc.option(fc.subarray(HELM_RELEASES, { minLength: 1 }), { nil: undefined }),
    },
    { requiredKeys: ['app'] },
  )
  .map((workloads) => {
    const app = workloads.app;
    const namespace = workloads.namespace ?? 'phoenix';
    return {
      ...workloads,
      // The budget always leaves a pod to drain.
      app: { ...app, disruptionBudget: { minAvailable: app.replicas - 1 } },
      ...(workloads.helmReleases
        ? {
            helmReleases: workloads.helmReleases.map((release) =>
              release.namespace === APP_NAMESPACE ? { ...release, namespace } : release,
            ),
          }
        : {}),
    };
  });

/** Raw target files (as a user would write them), all valid. */
export const arbitraryTargetInput: fc.Arbitrary<TargetSpecInput> = fc
  .record({
    name: fc.constantFrom('demo', 'iac-compare-demo', 'team-a'),
    zones: zonesArb,
    // No tags at all (`tags: {}`) is a case of its own: no launch template tag specification then.
    tags: fc.oneof(
      { weight: 1, arbitrary: fc.constant({}) },
      {
        weight: 3,
        arbitrary: fc.dictionary(
          fc.constantFrom('project', 'env', 'owner', 'cost-center'),
          fc.constantFrom('iac', 'dev', 'platform', '42'),
          { minKeys: 1, maxKeys: 3 },
        ),
      },
    ),
    network: networkArb,
    cluster: clusterArb,
    nodeGroups: nodeGroupsArb,
    workloads: fc.option(workloadsArb, { nil: undefined, freq: 3 }),
  })
  // Workloads need a route out of the VPC (spec rule): none of them without NAT.
  .map((input) => (input.network.natGateways === 'none' ? { ...input, workloads: undefined } : input))
  .map(({ name, zones, tags, network, cluster, nodeGroups, workloads }) => ({
    name,
    account: '111122223333',
    region: zones.region,
    availabilityZones: zones.availabilityZones,
    tags,
    network,
    // Workloads need someone to apply them: without a cluster admin entry, the creator's bootstrap admin.
    cluster:
      workloads &&
      !cluster.accessEntries.some((entry) =>
        entry.policies.some(
          (policy) => policy.policy === 'AmazonEKSClusterAdminPolicy' && policy.scope.type === 'cluster',
        ),
      )
        ? { ...cluster, bootstrapClusterCreatorAdminPermissions: true }
        : cluster,
    nodeGroups,
    ...(workloads ? { workloads } : {}),
  }))
  .filter((input) => validateTarget(input).ok);

/** Validated targets with every default filled in. */
export const arbitraryTarget: fc.Arbitrary<TargetSpec> = arbitraryTargetInput.map((input) => {
  const result = validateTarget(input);
  if (!result.ok) throw new Error('arbitraryTargetInput produced an invalid target');
  return result.spec;
});

/** Valid targets inside an implementation's envelope. */
export function arbitraryTargetWithin(envelope: Envelope): fc.Arbitrary<TargetSpec> {
  return arbitraryTarget.filter((spec) => checkEnvelope(spec, envelope).length === 0);
}
