/**
 * Mutants of the workloads: plausible mistakes in the Kubernetes half of each Kubernetes-capable
 * implementation, with the facts a reviewer would point at. (The catalogue's rules are in
 * mutants.ts.) The workload facts are keyed `k8s[Kind namespace/name].path` and
 * `helmRelease[namespace/name].path`.
 */
import { type Mutant, withOciRelease, withoutTags, withReleaseNamespaces } from './mutant.js';

const L2_WORKLOADS = 'src/l2/workloads.ts';
const TF_WORKLOADS = 'modules/workloads/main.tf';
const CDKTF_WORKLOADS = 'src/workloads.ts';
const PULUMI_WORKLOADS = 'src/workloads.ts';
const CONTAINER = 'k8s\\[Deployment phoenix/phoenix\\]\\.spec\\.template\\.spec\\.containers\\[app\\]';

/** Issue 18's classes: a mistake each tool could make, caught by the check for its class. */
const DEPLOY_REVIEW_MUTANTS: readonly Mutant[] = [
  {
    id: 'infra-terraform-empty-tag-specification',
    implementation: 'infra-terraform',
    description: 'launch templates get a tag specification even with no tags, which EC2 rejects',
    ci: true,
    target: withoutTags,
    edits: [
      {
        file: 'modules/eks/main.tf',
        find: 'for_each = length(var.tags) > 0 ? toset(each.value.propagate_tags_to) : toset([])',
        replace: 'for_each = toset(each.value.propagate_tags_to)',
      },
    ],
    // The tag-specification fact keeps only the target's tag keys: with none, an empty specification
    // is no fact difference, and only the service quirk can see it (issue 18.2).
    expect: [/^rejected aws\.ec2\.launch-template\.empty-tag-specification$/],
  },
  {
    id: 'cdk-l2-empty-tag-specification',
    implementation: 'cdk-l2',
    description:
      'the L1 override writes tag specifications with an empty tag list when the target has no tags',
    target: withoutTags,
    edits: [
      {
        file: 'src/l2/eks-platform.ts',
        find: 'if (tags.length === 0 || propagate.length === 0) {',
        replace: 'if (propagate.length === 0) {',
      },
    ],
    // The tag-specification fact keeps only the target's tag keys: with none, an empty specification
    // is no fact difference, and only the service quirk can see it (issue 18.2).
    expect: [/^rejected aws\.ec2\.launch-template\.empty-tag-specification$/],
  },
  {
    id: 'pulumi-oci-chart-in-repository-opts',
    implementation: 'pulumi',
    description:
      'an OCI registry passed as repositoryOpts.repo: helm.v3.Release looks for an index.yaml and fails',
    target: withOciRelease,
    edits: [
      {
        file: PULUMI_WORKLOADS,
        find: "if (release.repository.startsWith('oci://')) {",
        replace: "if (release.repository.startsWith('never://')) {",
      },
    ],
    expect: [/^rejected pulumi\.kubernetes\.helm-release\.oci-repository-opts$/],
  },
  {
    id: 'cdk-l2-oci-repository-without-chart',
    implementation: 'cdk-l2',
    description:
      "an OCI registry passed as the HelmChart's repository without the chart: helm pull fetches no chart",
    target: withOciRelease,
    edits: [
      {
        file: L2_WORKLOADS,
        find: 'repository: helmChartRepository(release),',
        replace: 'repository: release.repository,',
      },
    ],
    expect: [/^rejected aws-cdk\.eks\.helm-chart\.oci-repository-without-chart$/],
  },
  // Review 18, R2: what makes a release's namespace exist first.
  {
    id: 'infra-terraform-release-namespace-not-created',
    implementation: 'infra-terraform',
    description:
      'helm_release left to its default create_namespace = false: a release into a namespace nothing creates fails (namespaces "monitoring" not found)',
    ci: true,
    target: withReleaseNamespaces,
    edits: [
      {
        file: TF_WORKLOADS,
        find: '  create_namespace = each.value.create_namespace\n',
        replace: '',
      },
    ],
    expect: [/^fact helmRelease\[monitoring\/node-exporter\]\.namespaceFrom differs$/],
  },
  {
    id: 'pulumi-release-races-app-namespace',
    implementation: 'pulumi',
    description: 'the Release no longer waits for the app Namespace it is installed into',
    target: withReleaseNamespaces,
    edits: [
      {
        file: PULUMI_WORKLOADS,
        find: '{ ...child, dependsOn: [...cluster.ready, ns] },',
        replace: 'child,',
      },
    ],
    expect: [/^fact helmRelease\[phoenix\/podinfo\]\.namespaceFrom differs$/],
  },
  {
    id: 'cdk-l2-release-races-app-namespace',
    implementation: 'cdk-l2',
    description:
      "the HelmChart no longer waits for the Namespace manifest: helm's --create-namespace and kubectl create race",
    target: withReleaseNamespaces,
    edits: [{ file: L2_WORKLOADS, find: '      chart.node.addDependency(ns);\n', replace: '' }],
    expect: [/^fact helmRelease\[phoenix\/podinfo\]\.namespaceFrom differs$/],
  },
];

export const WORKLOAD_MUTANTS: readonly Mutant[] = [
  ...DEPLOY_REVIEW_MUTANTS,
  {
    id: 'cdk-l2-headless-waits-for-ready',
    implementation: 'cdk-l2',
    description:
      'the headless Service publishes only ready pods: BEAM nodes never find each other to become ready',
    ci: true,
    edits: [{ file: L2_WORKLOADS, find: '        publishNotReadyAddresses: true,\n', replace: '' }],
    expect: [/^fact k8s\[Service phoenix\/phoenix-headless\]\.spec\.publishNotReadyAddresses missing$/],
  },
  {
    id: 'cdk-l2-privileged-container',
    implementation: 'cdk-l2',
    description: 'the app container runs privileged, a field the target never sets',
    edits: [
      {
        file: L2_WORKLOADS,
        find: '      allowPrivilegeEscalation: false,\n',
        replace: '      allowPrivilegeEscalation: false,\n      privileged: true,\n',
      },
    ],
    // The same security context object goes to the Job and the Deployment.
    expect: [
      new RegExp(`^fact ${CONTAINER}\\.securityContext\\.privileged unexpected$`),
      /^fact k8s\[Job phoenix\/phoenix-migrate\]\.spec\.template\.spec\.containers\[migrate\]\.securityContext\.privileged unexpected$/,
    ],
  },
  {
    id: 'cdk-l2-chart-version-drift',
    implementation: 'cdk-l2',
    description: 'the chart version typed by hand instead of taken from the target',
    edits: [
      {
        file: L2_WORKLOADS,
        find: '        version: release.version,',
        replace: "        version: '3.12.2',",
      },
    ],
    expect: [/^fact helmRelease\[kube-system\/metrics-server\]\.version differs$/],
  },
  {
    id: 'infra-terraform-probe-on-port-number',
    implementation: 'infra-terraform',
    description: 'the liveness probe on port 4000 by number instead of the named http port',
    ci: true,
    edits: [
      {
        file: TF_WORKLOADS,
        find: '              path = var.app.probes.liveness.path\n              port = "http"',
        replace: '              path = var.app.probes.liveness.path\n              port = "4000"',
      },
    ],
    expect: [new RegExp(`^fact ${CONTAINER}\\.livenessProbe\\.httpGet\\.port differs$`)],
  },
  {
    id: 'infra-terraform-budget-blocks-drains',
    implementation: 'infra-terraform',
    description: 'minAvailable set to the replicas: no node can ever be drained',
    edits: [
      {
        file: TF_WORKLOADS,
        find: 'min_available = var.app.min_available',
        replace: 'min_available = var.app.replicas',
      },
    ],
    expect: [/^fact k8s\[PodDisruptionBudget phoenix\/phoenix\]\.spec\.minAvailable differs$/],
  },
  {
    id: 'cdktf-root-allowed',
    implementation: 'cdktf',
    description: 'runAsNonRoot off: the pods may run as root',
    ci: true,
    edits: [
      { file: CDKTF_WORKLOADS, find: '      runAsNonRoot: true,', replace: '      runAsNonRoot: false,' },
    ],
    expect: [
      /^fact k8s\[Deployment phoenix\/phoenix\]\.spec\.template\.spec\.securityContext\.runAsNonRoot differs$/,
      /^fact k8s\[Job phoenix\/phoenix-migrate\]\.spec\.template\.spec\.securityContext\.runAsNonRoot differs$/,
    ],
  },
  {
    id: 'pulumi-migration-retries-in-pod',
    implementation: 'pulumi',
    description: "the migration Job's pods restart on failure instead of failing the attempt",
    ci: true,
    edits: [
      {
        file: PULUMI_WORKLOADS,
        find: "              restartPolicy: 'Never',",
        replace: "              restartPolicy: 'OnFailure',",
      },
    ],
    expect: [/^fact k8s\[Job phoenix\/phoenix-migrate\]\.spec\.template\.spec\.restartPolicy differs$/],
  },
  {
    id: 'pulumi-secret-in-configmap',
    implementation: 'pulumi',
    description: 'the secrets copied into the ConfigMap as well (readable by anyone who reads config)',
    edits: [
      {
        file: PULUMI_WORKLOADS,
        find: 'data: configMapData(namespace, app) }',
        replace: 'data: { ...configMapData(namespace, app), ...app.secrets } }',
      },
    ],
    expect: [/^fact k8s\[ConfigMap phoenix\/phoenix-env\]\.data differs$/],
  },
];
