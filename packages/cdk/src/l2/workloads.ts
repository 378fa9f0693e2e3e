/**
 * The workloads on the cluster, the aws-eks-v2 way: `cluster.addManifest` for each object and
 * `cluster.addHelmChart` for each release. Both are custom resources (Custom::AWSCDK-EKS-
 * KubernetesResource, Custom::AWSCDK-EKS-HelmChart) run by the cluster's kubectl provider: a
 * Lambda with the kubectl layer (@aws-cdk/lambda-layer-kubectl-v36) that runs `kubectl apply` and
 * `helm upgrade --install` during the deploy, as a role aws-eks-v2 gives cluster admin.
 *
 * One manifest per object, so that each change touches one custom resource (and a plan names it).
 * Note what CloudFormation keeps: the manifests, the Secret's values included, are in the
 * template in clear; a real team keeps the values in SSM or Secrets Manager (k8s/README.md).
 */
import {
  configMapData,
  EPMD_PORT,
  releaseNamespaceSource,
  type TargetSpec,
  workloadNames,
} from '@iac-compare/spec';
import { Fn, Token } from 'aws-cdk-lib';
import type * as eks from 'aws-cdk-lib/aws-eks-v2';
import { Construct } from 'constructs';

/**
 * A Secret's values as `data` (base64), never `stringData`. aws-eks-v2's handler applies an update
 * with client-side `kubectl apply` (kubectl-handler/apply/__init__.py); the API server folds
 * stringData into data, but the last-applied annotation keeps stringData, so a key removed from
 * stringData stays in the live Secret with an empty value (kubernetes/kubernetes#89938; server-side
 * apply keeps the old value, #108008). With data, the three-way merge removes it. A literal is
 * encoded at synth; a token (a value known only at deploy) through Fn::Base64.
 */
export function secretData(values: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(values).map(([key, value]) => [
      key,
      Token.isUnresolved(value) ? Fn.base64(value) : Buffer.from(value, 'utf8').toString('base64'),
    ]),
  );
}

export interface PhoenixWorkloadsProps {
  readonly cluster: eks.Cluster;
  readonly spec: TargetSpec;
}

type Manifest = Record<string, unknown>;

/**
 * The repository as aws-eks-v2's kubectl handler wants it. For an oci:// repository the handler
 * runs `helm pull <repository> --version <version>` and installs what it pulled, never reading
 * `chart` (aws-cdk-lib custom-resource-handlers aws-eks-v2/kubectl-handler/helm/__init__.py,
 * get_oci_cmd): the repository must name the chart itself, as the aws-eks-v2 README's ECR example
 * does. An https repository is a classic chart repository, with the chart apart.
 */
export function helmChartRepository(release: { repository: string; chart: string }): string {
  if (!release.repository.startsWith('oci://')) return release.repository;
  return `${release.repository.replace(/\/+$/, '')}/${release.chart}`;
}

export class PhoenixWorkloads extends Construct {
  constructor(scope: Construct, id: string, props: PhoenixWorkloadsProps) {
    super(scope, id);
    const { cluster, spec } = props;
    const workloads = spec.workloads;
    if (!workloads) throw new Error('PhoenixWorkloads needs a target with a workloads section');
    const { app, namespace } = workloads;
    const names = workloadNames(app);
    const labels = { 'app.kubernetes.io/name': app.name, 'app.kubernetes.io/part-of': spec.name };
    const selector = { 'app.kubernetes.io/name': app.name };
    const metadata = (name: string, extra: Record<string, string> = {}) => ({
      name,
      namespace,
      labels: { ...labels, ...extra },
    });

    const ns = cluster.addManifest('Namespace', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: namespace, labels: { 'app.kubernetes.io/part-of': spec.name } },
    });
    const inNamespace = (manifestId: string, manifest: Manifest) => {
      const resource = cluster.addManifest(manifestId, manifest);
      resource.node.addDependency(ns);
      return resource;
    };

    const env = inNamespace('ConfigMap', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: metadata(names.configMap),
      data: configMapData(namespace, app),
    });
    const secrets = inNamespace('Secret', {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: metadata(names.secret),
      type: 'Opaque',
      data: secretData(app.secrets),
    });
    inNamespace('HeadlessService', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: metadata(names.headlessService),
      spec: {
        clusterIP: 'None',
        publishNotReadyAddresses: true,
        selector,
        ports: [{ name: 'epmd', port: EPMD_PORT, targetPort: 'epmd' }],
      },
    });
    inNamespace('HttpService', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: metadata(names.service),
      spec: { type: 'ClusterIP', selector, ports: [{ name: 'http', port: 80, targetPort: 'http' }] },
    });

    const podSecurityContext = {
      runAsNonRoot: true,
      runAsUser: app.securityContext.runAsUser,
      runAsGroup: app.securityContext.runAsGroup,
      fsGroup: app.securityContext.runAsGroup,
      seccompProfile: { type: 'RuntimeDefault' },
    };
    const securityContext = {
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: app.securityContext.readOnlyRootFilesystem,
      capabilities: { drop: ['ALL'] },
    };
    const resources = {
      requests: { ...app.resources.requests },
      limits: {
        memory: app.resources.limits.memory,
        ...(app.resources.limits.cpu !== undefined ? { cpu: app.resources.limits.cpu } : {}),
      },
    };
    const envFrom = [{ configMapRef: { name: names.configMap } }, { secretRef: { name: names.secret } }];
    const probe = (settings: typeof app.probes.liveness) => ({
      httpGet: { path: settings.path, port: 'http' },
      initialDelaySeconds: settings.initialDelaySeconds,
      periodSeconds: settings.periodSeconds,
      failureThreshold: settings.failureThreshold,
    });
    const tmpVolume = { volumes: [{ name: 'tmp', emptyDir: {} }] };
    const tmpMount = { volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }] };

    const migrationLabels = { 'app.kubernetes.io/component': 'migration' };
    // kubectl apply cannot change a Job's pod template (the field is immutable): a new image or
    // command fails the update until the Job is deleted, which CloudFormation does not do.
    const job = inNamespace('MigrationJob', {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: metadata(names.job, migrationLabels),
      spec: {
        backoffLimit: app.migration.backoffLimit,
        activeDeadlineSeconds: app.migration.activeDeadlineSeconds,
        template: {
          metadata: { labels: { ...labels, ...migrationLabels } },
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
                securityContext,
                ...tmpMount,
              },
            ],
            ...tmpVolume,
          },
        },
      },
    });
    const deployment = inNamespace('Deployment', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
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
                securityContext,
                ...tmpMount,
              },
            ],
            ...tmpVolume,
          },
        },
      },
    });
    for (const reader of [job, deployment]) reader.node.addDependency(env, secrets);
    inNamespace('DisruptionBudget', {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: metadata(names.disruptionBudget),
      spec: { minAvailable: app.disruptionBudget.minAvailable, selector: { matchLabels: selector } },
    });

    for (const release of workloads.helmReleases) {
      const chart = cluster.addHelmChart(`Helm-${release.name}`, {
        release: release.name,
        chart: release.chart,
        repository: helmChartRepository(release),
        version: release.version,
        namespace: release.namespace,
        // aws-eks-v2 creates the namespace by default (createNamespace "@default true"); helm_release
        // and Pulumi's Release do not. Only a namespace nothing else creates is the release's to
        // create: the app's own is the Namespace manifest's, which `kubectl create` would fail to
        // create (AlreadyExists) if helm got there first.
        createNamespace: releaseNamespaceSource(namespace, release.namespace) === 'release',
        values: structuredClone(release.values),
      });
      // Every release waits for the app namespace (and on delete goes before it).
      chart.node.addDependency(ns);
    }
  }
}
