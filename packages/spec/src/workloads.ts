/**
 * resolveWorkloads: the `workloads` section → the exact Kubernetes objects it means, and the Helm
 * releases. Every implementation builds these objects (in its own vocabulary); the harness reads
 * them back and compares them field by field. The manifests in k8s/ are these objects as YAML.
 *
 * Objects are written as a user would write them (the API server fills in the rest; the harness
 * fills the same defaults on both sides). Names derive from the app name, see workloads-schema.ts.
 */
import type { TargetSpec } from './schema.js';
import { type AppSpec, EPMD_PORT, type HelmReleaseSpec, type WorkloadsSpec } from './workloads-schema.js';

/** A Kubernetes object as JSON: apiVersion, kind, metadata and the rest. */
export interface KubernetesObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: {
    readonly name: string;
    readonly namespace?: string;
    readonly labels?: Readonly<Record<string, string>>;
  };
  readonly [field: string]: unknown;
}

/** Namespaces every Kubernetes cluster has from the start (EKS included). */
export const PREEXISTING_NAMESPACES: readonly string[] = [
  'default',
  'kube-system',
  'kube-public',
  'kube-node-lease',
];

/**
 * What makes a Helm release's namespace exist before the release is installed:
 * - `cluster`: it is one every cluster has (kube-system …);
 * - `namespace object`: the app's own Namespace, which every implementation creates and makes each
 *   release wait for;
 * - `release`: nothing else creates it, so the release does (`helm --create-namespace`).
 *
 * The tools' defaults differ, which is why the target decides it (review 18, R2): aws-eks-v2's
 * HelmChart creates the namespace unless told not to (helm-chart.d.ts, createNamespace "@default
 * true"); terraform-provider-helm's helm_release (`create_namespace`, default false) and
 * pulumi-kubernetes' helm.v3.Release (`createNamespace`, unset) do not, and fail with `namespaces
 * "x" not found`. Every implementation sets it explicitly from here.
 */
export type NamespaceSource = 'cluster' | 'namespace object' | 'release';

export function releaseNamespaceSource(appNamespace: string, releaseNamespace: string): NamespaceSource {
  if (PREEXISTING_NAMESPACES.includes(releaseNamespace)) return 'cluster';
  return releaseNamespace === appNamespace ? 'namespace object' : 'release';
}

export interface HelmReleasePlan {
  readonly name: string;
  readonly chart: string;
  readonly repository: string;
  readonly version: string;
  readonly namespace: string;
  readonly values: Readonly<Record<string, unknown>>;
  /** What makes the namespace exist (releaseNamespaceSource). */
  readonly namespaceFrom: NamespaceSource;
  /** `helm --create-namespace`: only where nothing else creates the namespace. */
  readonly createNamespace: boolean;
}

export interface WorkloadsPlan {
  readonly namespace: string;
  /** In the order they are applied: the namespace first, the Job and Deployment after what they read. */
  readonly objects: readonly KubernetesObject[];
  readonly helmReleases: readonly HelmReleasePlan[];
}

/** The names every implementation gives the app's objects. */
export function workloadNames(app: Pick<AppSpec, 'name'>) {
  return {
    deployment: app.name,
    service: app.name,
    headlessService: `${app.name}-headless`,
    configMap: `${app.name}-env`,
    secret: `${app.name}-secrets`,
    job: `${app.name}-migrate`,
    disruptionBudget: app.name,
  };
}

/** The object key the harness and the reports use: `Deployment phoenix/phoenix`, `Namespace phoenix`. */
export function objectKey(object: Pick<KubernetesObject, 'kind' | 'metadata'>): string {
  const { namespace, name } = object.metadata;
  return namespace ? `${object.kind} ${namespace}/${name}` : `${object.kind} ${name}`;
}

/** Kinds that live in a namespace (the rest of the sample's kinds are cluster-scoped). */
export const NAMESPACED_KINDS = new Set([
  'ConfigMap',
  'Secret',
  'Service',
  'Deployment',
  'Job',
  'PodDisruptionBudget',
]);

function commonLabels(spec: TargetSpec, app: AppSpec): Record<string, string> {
  return { 'app.kubernetes.io/name': app.name, 'app.kubernetes.io/part-of': spec.name };
}

function podSecurityContext(app: AppSpec) {
  return {
    runAsNonRoot: true,
    runAsUser: app.securityContext.runAsUser,
    runAsGroup: app.securityContext.runAsGroup,
    fsGroup: app.securityContext.runAsGroup,
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

function containerSecurityContext(app: AppSpec) {
  return {
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: app.securityContext.readOnlyRootFilesystem,
    capabilities: { drop: ['ALL'] },
  };
}

function envFrom(app: AppSpec) {
  const names = workloadNames(app);
  return [{ configMapRef: { name: names.configMap } }, { secretRef: { name: names.secret } }];
}

function probe(settings: AppSpec['probes']['liveness']) {
  return {
    httpGet: { path: settings.path, port: 'http' },
    initialDelaySeconds: settings.initialDelaySeconds,
    periodSeconds: settings.periodSeconds,
    failureThreshold: settings.failureThreshold,
  };
}

function resources(app: AppSpec) {
  const limits: Record<string, string> = { memory: app.resources.limits.memory };
  if (app.resources.limits.cpu !== undefined) limits.cpu = app.resources.limits.cpu;
  return {
    requests: { cpu: app.resources.requests.cpu, memory: app.resources.requests.memory },
    limits,
  };
}

/** The environment in the ConfigMap: the spec's, plus what the release and clustering need. */
export function configMapData(namespace: string, app: AppSpec): Record<string, string> {
  const names = workloadNames(app);
  return {
    ...app.env,
    PORT: String(app.port),
    DNS_CLUSTER_QUERY: `${names.headlessService}.${namespace}.svc.cluster.local`,
  };
}

function deployment(spec: TargetSpec, workloads: WorkloadsSpec): KubernetesObject {
  const { app, namespace } = workloads;
  const labels = commonLabels(spec, app);
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: workloadNames(app).deployment, namespace, labels },
    spec: {
      replicas: app.replicas,
      selector: { matchLabels: { 'app.kubernetes.io/name': app.name } },
      template: {
        metadata: { labels },
        spec: {
          terminationGracePeriodSeconds: app.terminationGracePeriodSeconds,
          securityContext: podSecurityContext(app),
          containers: [
            {
              name: 'app',
              image: app.image,
              ...(app.command ? { command: [...app.command] } : {}),
              ports: [
                { name: 'http', containerPort: app.port },
                { name: 'epmd', containerPort: EPMD_PORT },
              ],
              envFrom: envFrom(app),
              // Each pod's BEAM node is app@<pod IP>, which the headless Service's DNS returns.
              env: [
                { name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
                { name: 'RELEASE_DISTRIBUTION', value: 'name' },
                { name: 'RELEASE_NODE', value: `${app.name}@$(POD_IP)` },
              ],
              resources: resources(app),
              livenessProbe: probe(app.probes.liveness),
              readinessProbe: probe(app.probes.readiness),
              securityContext: containerSecurityContext(app),
              volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
            },
          ],
          volumes: [{ name: 'tmp', emptyDir: {} }],
        },
      },
    },
  };
}

function migrationJob(spec: TargetSpec, workloads: WorkloadsSpec): KubernetesObject {
  const { app, namespace } = workloads;
  const labels = { ...commonLabels(spec, app), 'app.kubernetes.io/component': 'migration' };
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: workloadNames(app).job, namespace, labels },
    spec: {
      backoffLimit: app.migration.backoffLimit,
      activeDeadlineSeconds: app.migration.activeDeadlineSeconds,
      template: {
        metadata: { labels },
        spec: {
          restartPolicy: 'Never',
          securityContext: podSecurityContext(app),
          containers: [
            {
              name: 'migrate',
              image: app.image,
              command: [...app.migration.command],
              envFrom: envFrom(app),
              resources: resources(app),
              securityContext: containerSecurityContext(app),
              volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
            },
          ],
          volumes: [{ name: 'tmp', emptyDir: {} }],
        },
      },
    },
  };
}

function helmRelease(release: HelmReleaseSpec, appNamespace: string): HelmReleasePlan {
  const namespaceFrom = releaseNamespaceSource(appNamespace, release.namespace);
  return {
    name: release.name,
    chart: release.chart,
    repository: release.repository,
    version: release.version,
    namespace: release.namespace,
    values: structuredClone(release.values),
    namespaceFrom,
    createNamespace: namespaceFrom === 'release',
  };
}

/** The Kubernetes objects and Helm releases of the target; null when it has no workloads. */
export function resolveWorkloads(spec: TargetSpec): WorkloadsPlan | null {
  const workloads = spec.workloads;
  if (!workloads) return null;
  const { app, namespace } = workloads;
  const names = workloadNames(app);
  const labels = commonLabels(spec, app);
  const selector = { 'app.kubernetes.io/name': app.name };
  const objects: KubernetesObject[] = [
    {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: namespace, labels: { 'app.kubernetes.io/part-of': spec.name } },
    },
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: names.configMap, namespace, labels },
      data: configMapData(namespace, app),
    },
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: names.secret, namespace, labels },
      type: 'Opaque',
      stringData: { ...app.secrets },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: names.headlessService, namespace, labels },
      spec: {
        clusterIP: 'None',
        // Nodes must find each other before they are ready, or the cluster never forms.
        publishNotReadyAddresses: true,
        selector,
        ports: [{ name: 'epmd', port: EPMD_PORT, targetPort: 'epmd' }],
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: names.service, namespace, labels },
      spec: {
        type: 'ClusterIP',
        selector,
        ports: [{ name: 'http', port: 80, targetPort: 'http' }],
      },
    },
    migrationJob(spec, workloads),
    deployment(spec, workloads),
    {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name: names.disruptionBudget, namespace, labels },
      spec: { minAvailable: app.disruptionBudget.minAvailable, selector: { matchLabels: selector } },
    },
  ];
  return {
    namespace,
    objects,
    helmReleases: workloads.helmReleases.map((release) => helmRelease(release, namespace)),
  };
}
