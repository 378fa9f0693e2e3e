/**
 * The workloads on the cluster with @cdktf/provider-kubernetes and @cdktf/provider-helm: the same
 * kubernetes_*_v1 resources and helm_release as infra-terraform/modules/workloads, configured from
 * the cluster this stack creates (host, CA, `aws eks get-token` as the identity running the deploy).
 * The providers are known only once the cluster exists: on a first deploy, `cdktf deploy` after
 * the cluster is up, or two stacks (package README: the two-phase caveat).
 *
 * The provider takes some integer ids as strings (runAsUser, minAvailable): the bindings say so.
 */

import { HelmProvider } from '@cdktf/provider-helm/lib/provider/index.js';
import { Release } from '@cdktf/provider-helm/lib/release/index.js';
import { ConfigMapV1 } from '@cdktf/provider-kubernetes/lib/config-map-v1/index.js';
import { DeploymentV1 } from '@cdktf/provider-kubernetes/lib/deployment-v1/index.js';
import { JobV1 } from '@cdktf/provider-kubernetes/lib/job-v1/index.js';
import { NamespaceV1 } from '@cdktf/provider-kubernetes/lib/namespace-v1/index.js';
import { PodDisruptionBudgetV1 } from '@cdktf/provider-kubernetes/lib/pod-disruption-budget-v1/index.js';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider/index.js';
import { SecretV1 } from '@cdktf/provider-kubernetes/lib/secret-v1/index.js';
import { ServiceV1 } from '@cdktf/provider-kubernetes/lib/service-v1/index.js';
import {
  configMapData,
  EPMD_PORT,
  releaseNamespaceSource,
  type TargetSpec,
  workloadNames,
} from '@iac-compare/spec';
import { Fn, type ITerraformDependable, TerraformVariable, Token } from 'cdktf';
import { Construct } from 'constructs';

/** The Terraform variable the Secret's values come from (as infra-terraform's `workload_secrets`). */
export const SECRETS_VARIABLE = 'workload_secrets';

export interface ClusterAccess {
  readonly name: string;
  readonly endpoint: string;
  /** Base64 CA data, as the cluster's certificate_authority[0].data gives it. */
  readonly certificateAuthority: string;
  readonly ready: readonly ITerraformDependable[];
}

export class Workloads extends Construct {
  constructor(scope: Construct, id: string, spec: TargetSpec, cluster: ClusterAccess) {
    super(scope, id);
    const workloads = spec.workloads;
    if (!workloads) throw new Error('Workloads needs a target with a workloads section');
    const { app, namespace } = workloads;
    const names = workloadNames(app);
    const exec = {
      apiVersion: 'client.authentication.k8s.io/v1beta1',
      command: 'aws',
      args: ['eks', 'get-token', '--cluster-name', cluster.name, '--region', spec.region],
    };
    const connection = {
      host: cluster.endpoint,
      clusterCaCertificate: Fn.base64decode(cluster.certificateAuthority),
    };
    new KubernetesProvider(this, 'kubernetes', { ...connection, exec: [exec] });
    new HelmProvider(this, 'helm', { kubernetes: { ...connection, exec } });

    const dependsOn = [...cluster.ready];
    const labels = { 'app.kubernetes.io/name': app.name, 'app.kubernetes.io/part-of': spec.name };
    const selector = { 'app.kubernetes.io/name': app.name };
    const ns = new NamespaceV1(this, 'namespace', {
      metadata: { name: namespace, labels: { 'app.kubernetes.io/part-of': spec.name } },
      dependsOn,
    });
    const metadata = (name: string, extra: Record<string, string> = {}) => ({
      name,
      namespace: ns.metadata.name,
      labels: { ...labels, ...extra },
    });

    const env = new ConfigMapV1(this, 'env', {
      metadata: metadata(names.configMap),
      data: configMapData(namespace, app),
    });
    // The values come from a sensitive variable, never from the synthesized JSON: TF_VAR_workload_secrets
    // at deploy (iac-compare's synth writes the target's placeholders beside cdk.tf.json). Plain text
    // (the provider base64-encodes it); they end up in the state, so keep it encrypted.
    const secretValues = new TerraformVariable(this, 'workload_secrets', {
      type: 'map(string)',
      sensitive: true,
      description: "The app's Secret values (RELEASE_COOKIE, SECRET_KEY_BASE …), from your secret store",
    });
    secretValues.overrideLogicalId(SECRETS_VARIABLE);
    const secrets = new SecretV1(this, 'secrets', {
      metadata: metadata(names.secret),
      type: 'Opaque',
      data: Token.asStringMap(secretValues.value),
    });
    new ServiceV1(this, 'headless', {
      metadata: metadata(names.headlessService),
      spec: {
        clusterIp: 'None',
        publishNotReadyAddresses: true,
        selector,
        port: [{ name: 'epmd', port: EPMD_PORT, targetPort: 'epmd' }],
      },
    });
    new ServiceV1(this, 'http', {
      metadata: metadata(names.service),
      spec: { type: 'ClusterIP', selector, port: [{ name: 'http', port: 80, targetPort: 'http' }] },
    });

    const podSecurityContext = {
      runAsNonRoot: true,
      runAsUser: String(app.securityContext.runAsUser),
      runAsGroup: String(app.securityContext.runAsGroup),
      fsGroup: String(app.securityContext.runAsGroup),
      seccompProfile: { type: 'RuntimeDefault' },
    };
    const securityContext = {
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: app.securityContext.readOnlyRootFilesystem,
      capabilities: { drop: ['ALL'] },
    };
    const limits: Record<string, string> = { memory: app.resources.limits.memory };
    if (app.resources.limits.cpu !== undefined) limits.cpu = app.resources.limits.cpu;
    const resources = { requests: { ...app.resources.requests }, limits };
    const envFrom = [
      { configMapRef: { name: env.metadata.name } },
      { secretRef: { name: secrets.metadata.name } },
    ];
    const probe = (settings: typeof app.probes.liveness) => ({
      httpGet: { path: settings.path, port: 'http' },
      initialDelaySeconds: settings.initialDelaySeconds,
      periodSeconds: settings.periodSeconds,
      failureThreshold: settings.failureThreshold,
    });
    const volumeMount = [{ name: 'tmp', mountPath: '/tmp' }];
    const volume = [{ name: 'tmp', emptyDir: {} }];
    const migrationLabels = { 'app.kubernetes.io/component': 'migration' };

    // A Job's pod template is immutable: a change replaces the Job (spec.template is ForceNew).
    // The provider waits for completion, by default for a minute: give it the Job's deadline.
    const jobTimeout = `${app.migration.activeDeadlineSeconds + 60}s`;
    new JobV1(this, 'migrate', {
      timeouts: { create: jobTimeout, update: jobTimeout },
      metadata: metadata(names.job, migrationLabels),
      spec: {
        backoffLimit: app.migration.backoffLimit,
        activeDeadlineSeconds: app.migration.activeDeadlineSeconds,
        template: {
          metadata: { labels: { ...labels, ...migrationLabels } },
          spec: {
            restartPolicy: 'Never',
            securityContext: podSecurityContext,
            container: [
              {
                name: 'migrate',
                image: app.image,
                command: [...app.migration.command],
                envFrom,
                resources,
                securityContext,
                volumeMount,
              },
            ],
            volume,
          },
        },
      },
    });

    new DeploymentV1(this, 'app', {
      metadata: metadata(names.deployment),
      spec: {
        replicas: String(app.replicas),
        selector: { matchLabels: selector },
        template: {
          metadata: { labels },
          spec: {
            terminationGracePeriodSeconds: app.terminationGracePeriodSeconds,
            securityContext: podSecurityContext,
            container: [
              {
                name: 'app',
                image: app.image,
                command: app.command ? [...app.command] : undefined,
                port: [
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
                securityContext,
                volumeMount,
              },
            ],
            volume,
          },
        },
      },
    });

    new PodDisruptionBudgetV1(this, 'budget', {
      metadata: metadata(names.disruptionBudget),
      spec: { minAvailable: String(app.disruptionBudget.minAvailable), selector: { matchLabels: selector } },
    });

    for (const release of workloads.helmReleases) {
      new Release(this, `helm-${release.name}`, {
        name: release.name,
        chart: release.chart,
        repository: release.repository,
        version: release.version,
        namespace: release.namespace,
        // helm_release creates no namespace unless told (create_namespace, default false): only a
        // namespace nothing else creates is the release's to create.
        createNamespace: releaseNamespaceSource(namespace, release.namespace) === 'release',
        values: [Fn.yamlencode(release.values)],
        // A release into the app namespace must not race its creation; every release waits for it.
        dependsOn: [...dependsOn, ns],
      });
    }
  }
}
