/**
 * The workloads on the cluster with @pulumi/kubernetes: a Kubernetes provider built from the
 * cluster's endpoint and CA (authenticating with `aws eks get-token`, as the identity that runs
 * `pulumi up`), typed resources for the Phoenix app, and helm.v3.Release for each chart (the v4
 * Chart is a component the engine expands remotely, which mocks cannot do).
 *
 * The identity running `pulumi up` must be allowed into the cluster: one of the target's access
 * entries with AmazonEKSClusterAdminPolicy (platform-admin by default; spec rules require one).
 */
import {
  configMapData,
  EPMD_PORT,
  releaseNamespaceSource,
  type TargetSpec,
  workloadNames,
} from '@iac-compare/spec';
import { Deployment } from '@pulumi/kubernetes/apps/v1/deployment.js';
import { Job } from '@pulumi/kubernetes/batch/v1/job.js';
import { ConfigMap } from '@pulumi/kubernetes/core/v1/configMap.js';
import { Namespace } from '@pulumi/kubernetes/core/v1/namespace.js';
import { Secret } from '@pulumi/kubernetes/core/v1/secret.js';
import { Service } from '@pulumi/kubernetes/core/v1/service.js';
import { Release } from '@pulumi/kubernetes/helm/v3/release.js';
import { PodDisruptionBudget } from '@pulumi/kubernetes/policy/v1/podDisruptionBudget.js';
import { Provider } from '@pulumi/kubernetes/provider.js';
import type * as k8s from '@pulumi/kubernetes/types/input.js';
import * as pulumi from '@pulumi/pulumi';

export interface ClusterAccess {
  readonly name: pulumi.Input<string>;
  readonly endpoint: pulumi.Input<string>;
  readonly certificateAuthority: pulumi.Input<string>;
  /** Node groups, add-ons and access entries: the workloads wait for them. */
  readonly ready: pulumi.Resource[];
}

/** The stack config key the Secret's values come from: `pulumi config set --secret --path iac-compare:workloadSecrets.RELEASE_COOKIE …`. */
export const SECRETS_CONFIG_KEY = 'workloadSecrets';

/**
 * The Secret's values for a real `pulumi up`: a secret config value of the stack, never the target
 * file (whose values are placeholders). A missing value fails the program with Pulumi's own
 * "Missing required configuration variable" and the command that sets it.
 */
export function workloadSecretsFromConfig(): pulumi.Output<Record<string, string>> {
  return new pulumi.Config('iac-compare').requireSecretObject<Record<string, string>>(SECRETS_CONFIG_KEY);
}

/**
 * Whether the program runs under Pulumi's mocks (iac-compare's offline synth, `check --pulumi`):
 * the mock monitor carries the mocks it was given (@pulumi/pulumi runtime/mocks.ts MockMonitor).
 */
export function runningUnderMocks(): boolean {
  const monitor = pulumi.runtime.getMonitor() as { mocks?: unknown } | undefined;
  return monitor?.mocks !== undefined;
}

/**
 * The Secret's values for the program's entry point: the secret config value when the stack has
 * one; without it, the target's placeholders only under mocks (an offline synth deploys nothing),
 * and Pulumi's "Missing required configuration variable" in a real `pulumi up`.
 */
export function workloadSecretsForProgram(): pulumi.Input<Record<string, string>> | undefined {
  const configured = new pulumi.Config('iac-compare').getSecretObject<Record<string, string>>(
    SECRETS_CONFIG_KEY,
  );
  if (configured !== undefined) return configured;
  return runningUnderMocks() ? undefined : workloadSecretsFromConfig();
}

/** A kubeconfig for the cluster, as `aws eks update-kubeconfig` writes one. */
function kubeconfigFor(cluster: ClusterAccess, region: string): pulumi.Output<string> {
  return pulumi.jsonStringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name: 'eks',
        cluster: { server: cluster.endpoint, 'certificate-authority-data': cluster.certificateAuthority },
      },
    ],
    contexts: [{ name: 'eks', context: { cluster: 'eks', user: 'eks' } }],
    'current-context': 'eks',
    users: [
      {
        name: 'eks',
        user: {
          exec: {
            apiVersion: 'client.authentication.k8s.io/v1beta1',
            command: 'aws',
            args: ['eks', 'get-token', '--cluster-name', cluster.name, '--region', region],
          },
        },
      },
    ],
  });
}

/**
 * Where helm.v3.Release finds the chart. A classic repository goes in `repositoryOpts.repo` with
 * the chart's name; an OCI registry has no index.yaml to look the chart up in, so the chart is the
 * full `oci://…/<chart>` reference and there are no repositoryOpts (pulumi-kubernetes #1892, which
 * added OCI to Release with `chart: oci://…/nginx`; with the registry in repositoryOpts the
 * provider treats it as a classic repository and fails looking for its index).
 */
export function releaseChart(release: { chart: string; repository: string }): {
  chart: string;
  repositoryOpts?: { repo: string };
} {
  if (release.repository.startsWith('oci://')) {
    return { chart: `${release.repository.replace(/\/+$/, '')}/${release.chart}` };
  }
  return { chart: release.chart, repositoryOpts: { repo: release.repository } };
}

function releaseRest(
  release: NonNullable<TargetSpec['workloads']>['helmReleases'][number],
  appNamespace: string,
) {
  return {
    name: release.name,
    version: release.version,
    namespace: release.namespace,
    // helm.v3.Release creates no namespace unless told (createNamespace): only a namespace nothing
    // else creates is the release's to create.
    createNamespace: releaseNamespaceSource(appNamespace, release.namespace) === 'release',
    values: release.values,
  };
}

export class Workloads extends pulumi.ComponentResource {
  constructor(
    name: string,
    spec: TargetSpec,
    cluster: ClusterAccess,
    opts?: pulumi.ComponentResourceOptions,
    /** The Secret's values; the target's placeholders only for the offline synth. */
    secretValues?: pulumi.Input<Record<string, string>>,
  ) {
    super('iac-compare:workloads:Workloads', name, {}, opts);
    const workloads = spec.workloads;
    if (!workloads) throw new Error('Workloads needs a target with a workloads section');
    const { app, namespace } = workloads;
    const names = workloadNames(app);
    // ConfigMaps and Secrets are updated in place, as Terraform's kubernetes provider and kubectl
    // apply do. Without these, pulumi-kubernetes replaces a ConfigMap whose data changes and a Secret
    // whose data, stringData or type changes (provider/pkg/provider/diff.go, forceNewProperties), and
    // with our fixed names deletes it first (provider.go, Diff): a pod started in between fails with
    // CreateContainerConfigError. No tool rolls the Deployment on a config change (its pod template
    // names the objects only), so in place is the same outcome everywhere, without the gap.
    const provider = new Provider(
      'kubernetes',
      {
        kubeconfig: kubeconfigFor(cluster, spec.region),
        enableConfigMapMutable: true,
        enableSecretMutable: true,
      },
      { parent: this },
    );
    const child = { parent: this, provider, dependsOn: cluster.ready };

    const labels = { 'app.kubernetes.io/name': app.name, 'app.kubernetes.io/part-of': spec.name };
    const selector = { 'app.kubernetes.io/name': app.name };
    const ns = new Namespace(
      'namespace',
      { metadata: { name: namespace, labels: { 'app.kubernetes.io/part-of': spec.name } } },
      child,
    );
    const inNamespace = { ...child, dependsOn: [...cluster.ready, ns] };
    const metadata = (objectName: string, extra: Record<string, string> = {}) => ({
      name: objectName,
      namespace,
      labels: { ...labels, ...extra },
    });

    const env = new ConfigMap(
      'env',
      { metadata: metadata(names.configMap), data: configMapData(namespace, app) },
      inNamespace,
    );
    const secrets = new Secret(
      'secrets',
      { metadata: metadata(names.secret), type: 'Opaque', stringData: secretValues ?? { ...app.secrets } },
      inNamespace,
    );
    new Service(
      'headless',
      {
        metadata: metadata(names.headlessService),
        spec: {
          clusterIP: 'None',
          publishNotReadyAddresses: true,
          selector,
          ports: [{ name: 'epmd', port: EPMD_PORT, targetPort: 'epmd' }],
        },
      },
      inNamespace,
    );
    new Service(
      'http',
      {
        metadata: metadata(names.service),
        spec: { type: 'ClusterIP', selector, ports: [{ name: 'http', port: 80, targetPort: 'http' }] },
      },
      inNamespace,
    );

    const podSecurityContext: k8s.core.v1.PodSecurityContext = {
      runAsNonRoot: true,
      runAsUser: app.securityContext.runAsUser,
      runAsGroup: app.securityContext.runAsGroup,
      fsGroup: app.securityContext.runAsGroup,
      seccompProfile: { type: 'RuntimeDefault' },
    };
    const containerSecurityContext: k8s.core.v1.SecurityContext = {
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: app.securityContext.readOnlyRootFilesystem,
      capabilities: { drop: ['ALL'] },
    };
    const resources: k8s.core.v1.ResourceRequirements = {
      requests: { cpu: app.resources.requests.cpu, memory: app.resources.requests.memory },
      limits: {
        memory: app.resources.limits.memory,
        ...(app.resources.limits.cpu !== undefined ? { cpu: app.resources.limits.cpu } : {}),
      },
    };
    const envFrom: k8s.core.v1.EnvFromSource[] = [
      { configMapRef: { name: names.configMap } },
      { secretRef: { name: names.secret } },
    ];
    const tmp = { volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }] };
    const probe = (settings: typeof app.probes.liveness): k8s.core.v1.Probe => ({
      httpGet: { path: settings.path, port: 'http' },
      initialDelaySeconds: settings.initialDelaySeconds,
      periodSeconds: settings.periodSeconds,
      failureThreshold: settings.failureThreshold,
    });
    const readsConfig = { ...inNamespace, dependsOn: [...inNamespace.dependsOn, env, secrets] };

    const migrationLabels = { ...labels, 'app.kubernetes.io/component': 'migration' };
    new Job(
      'migrate',
      {
        metadata: metadata(names.job, { 'app.kubernetes.io/component': 'migration' }),
        spec: {
          backoffLimit: app.migration.backoffLimit,
          activeDeadlineSeconds: app.migration.activeDeadlineSeconds,
          template: {
            metadata: { labels: migrationLabels },
            spec: {
              restartPolicy: 'Never',
              securityContext: podSecurityContext,
              containers: [
                {
                  name: 'migrate',
                  image: app.image,
                  command: [...app.migration.command],
                  envFrom,
                  resources,
                  securityContext: containerSecurityContext,
                  ...tmp,
                },
              ],
              volumes: [{ name: 'tmp', emptyDir: {} }],
            },
          },
        },
      },
      // A Job's pod template cannot change: a new one replaces the Job (Pulumi knows the field is
      // immutable). Pulumi waits for the Job to complete, by default 10 minutes: the Job's own
      // deadline counts from its pod's start, so give it the deadline and time for the image pull.
      {
        ...readsConfig,
        customTimeouts: {
          create: `${app.migration.activeDeadlineSeconds + 60}s`,
          update: `${app.migration.activeDeadlineSeconds + 60}s`,
        },
      },
    );

    new Deployment(
      'app',
      {
        metadata: metadata(names.deployment),
        spec: {
          replicas: app.replicas,
          selector: { matchLabels: selector },
          template: {
            metadata: { labels },
            spec: {
              terminationGracePeriodSeconds: app.terminationGracePeriodSeconds,
              securityContext: podSecurityContext,
              containers: [
                {
                  name: 'app',
                  image: app.image,
                  ...(app.command ? { command: [...app.command] } : {}),
                  ports: [
                    { name: 'http', containerPort: app.port },
                    { name: 'epmd', containerPort: EPMD_PORT },
                  ],
                  envFrom,
                  env: [
                    { name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
                    { name: 'RELEASE_DISTRIBUTION', value: 'name' },
                    { name: 'RELEASE_NODE', value: `${app.name}@$(POD_IP)` },
                  ],
                  resources,
                  livenessProbe: probe(app.probes.liveness),
                  readinessProbe: probe(app.probes.readiness),
                  securityContext: containerSecurityContext,
                  ...tmp,
                },
              ],
              volumes: [{ name: 'tmp', emptyDir: {} }],
            },
          },
        },
      },
      readsConfig,
    );

    new PodDisruptionBudget(
      'budget',
      {
        metadata: metadata(names.disruptionBudget),
        spec: { minAvailable: app.disruptionBudget.minAvailable, selector: { matchLabels: selector } },
      },
      inNamespace,
    );

    for (const release of workloads.helmReleases) {
      // A release into the app namespace must not race its creation; every release waits for it.
      new Release(
        `helm-${release.name}`,
        { ...releaseChart(release), ...releaseRest(release, namespace) },
        { ...child, dependsOn: [...cluster.ready, ns] },
      );
    }
    this.registerOutputs({});
  }
}
