/** The workloads on the cluster: Kubernetes objects and Helm releases, per provider. */
import type { Scenario } from '../model.js';
import { SOURCE } from '../sources.js';
import { CDK_L2, CDK_MANIFESTS, expect, K8S_NOT_CDK, KUBERNETES_TOOLS, PULUMI, TF } from './shared.js';

export const WORKLOADS_SCENARIOS: readonly Scenario[] = [
  {
    id: 'image',
    title:
      "a new image: the Deployment rolls out; the Job is replaced where the provider says so, and CDK's kubectl apply fails on it",
    issues: ['plan scenario 7', '18.7'],
    before: (spec) => {
      spec.workloads!.app.image = 'ghcr.io/iac-compare/phoenix-demo:1.4.1';
    },
    expect: [
      expect(CDK_L2, { workload: 'Deployment' }, 'update', SOURCE.cdkKubectl, { says: /a rollout/ }),
      expect(CDK_L2, { workload: 'Job' }, 'update', `${SOURCE.cdkKubectl}; ${SOURCE.k8sJobUpdate}`, {
        fails: /cannot change a Job's pod template/,
      }),
      expect(K8S_NOT_CDK, { workload: 'Deployment' }, 'update', SOURCE.tfKubernetesUpdate, {
        says: /rollout/,
      }),
      expect(TF, { workload: 'Job' }, 'replace', SOURCE.tfKubernetesJob, { order: 'delete-first' }),
      expect(
        PULUMI,
        { workload: 'Job' },
        'replace',
        `${SOURCE.pulumiKubernetesDiff}; ${SOURCE.pulumiKubernetesDbr}`,
        { order: 'delete-first' },
      ),
    ],
  },
  {
    id: 'helm-values',
    title: 'Helm values: the release is upgraded in place wherever it is deployed',
    issues: ['plan scenario 8'],
    before: (spec) => {
      spec.workloads!.helmReleases[0]!.values = { ...spec.workloads!.helmReleases[0]!.values, replicas: 1 };
    },
    expect: [
      expect(KUBERNETES_TOOLS, { workload: 'HelmRelease' }, 'update', SOURCE.helmUpgrade, {
        says: /helm upgrade/,
      }),
    ],
  },
  {
    id: 'configmap',
    title:
      'ConfigMap data: updated in place by kubectl and Terraform, and by Pulumi because its provider sets enableConfigMapMutable (else a delete-first replacement)',
    issues: ['21.4', '18 review (R3)'],
    after: (spec) => {
      spec.workloads!.app.env = { ...spec.workloads!.app.env, PHX_HOST: 'phoenix.example.org' };
    },
    expect: [
      expect(CDK_L2, { workload: 'ConfigMap' }, 'update', SOURCE.cdkKubectl),
      expect(TF, { workload: 'ConfigMap' }, 'update', SOURCE.tfKubernetesUpdate),
      expect(
        PULUMI,
        { workload: 'ConfigMap' },
        'update',
        `${SOURCE.pulumiKubernetesDiff}; ${SOURCE.pulumiMutable}`,
        { says: /enableConfigMapMutable/ },
      ),
    ],
  },
  {
    id: 'secret',
    title:
      'Secret values: updated in place by kubectl and Terraform, and by Pulumi because its provider sets enableSecretMutable (else a delete-first replacement)',
    issues: ['21.4', '18 review (R3)'],
    after: (spec) => {
      spec.workloads!.app.secrets = {
        ...spec.workloads!.app.secrets,
        RELEASE_COOKIE: 'another-cookie-value-0123456789abcdef',
      };
    },
    expect: [
      expect(CDK_L2, { workload: 'Secret' }, 'update', SOURCE.cdkKubectl),
      expect(TF, { workload: 'Secret' }, 'update', SOURCE.tfKubernetesUpdate),
      expect(
        PULUMI,
        { workload: 'Secret' },
        'update',
        `${SOURCE.pulumiKubernetesDiff}; ${SOURCE.pulumiMutable}`,
        { says: /enableSecretMutable/ },
      ),
    ],
  },
  {
    id: 'job-backoff',
    title:
      "the Job's backoff limit: updated in place by kubectl, the Terraform provider (a JSON patch) and Pulumi",
    issues: ['18.7'],
    after: (spec) => {
      spec.workloads!.app.migration.backoffLimit = 5;
    },
    expect: [
      expect(CDK_L2, { workload: 'Job' }, 'update', `${SOURCE.cdkKubectl}; ${SOURCE.k8sJobUpdate}`),
      expect(TF, { workload: 'Job' }, 'update', SOURCE.tfKubernetesJobPatch, { says: /patched in place/ }),
      expect(PULUMI, { workload: 'Job' }, 'update', SOURCE.pulumiKubernetesDiff),
    ],
  },
  {
    id: 'job-deadline',
    title: "the Job's active deadline: as the backoff limit (and the Terraform wait's timeouts follow it)",
    issues: ['18.7'],
    after: (spec) => {
      spec.workloads!.app.migration.activeDeadlineSeconds = 900;
    },
    expect: [
      expect(CDK_L2, { workload: 'Job' }, 'update', `${SOURCE.cdkKubectl}; ${SOURCE.k8sJobUpdate}`),
      expect(TF, { workload: 'Job' }, 'update', SOURCE.tfKubernetesJobPatch, { says: /patched in place/ }),
      expect(PULUMI, { workload: 'Job' }, 'update', SOURCE.pulumiKubernetesDiff),
    ],
  },
  {
    id: 'replicas',
    title: 'the Deployment replicas: updated in place',
    issues: ['21'],
    after: (spec) => {
      spec.workloads!.app.replicas = 4;
    },
    expect: [
      expect(
        KUBERNETES_TOOLS,
        { workload: 'Deployment' },
        'update',
        `${SOURCE.cdkKubectl}; ${SOURCE.tfKubernetesUpdate}; ${SOURCE.pulumiKubernetesDiff}`,
      ),
    ],
  },
  {
    id: 'pdb',
    title:
      'the PodDisruptionBudget: updated in place (policy/v1 has no replacing field in pulumi-kubernetes)',
    issues: ['21'],
    after: (spec) => {
      spec.workloads!.app.disruptionBudget.minAvailable = 1;
    },
    expect: [
      expect(
        KUBERNETES_TOOLS,
        { workload: 'PodDisruptionBudget' },
        'update',
        `${SOURCE.pulumiKubernetesDiff} (only policy/v1beta1 PodDisruptionBudget .spec); ${SOURCE.tfKubernetesUpdate}`,
      ),
    ],
  },
  {
    id: 'helm-version',
    title: 'a new chart version: helm upgrade in place',
    issues: ['21'],
    after: (spec) => {
      spec.workloads!.helmReleases[0]!.version = '3.13.1';
    },
    expect: [expect(KUBERNETES_TOOLS, { workload: 'HelmRelease' }, 'update', SOURCE.helmUpgrade)],
  },
  {
    id: 'namespace',
    title:
      'another namespace: every namespaced object replaced in Terraform and Pulumi (Pulumi new-first, the names change); CDK applies the manifests anew',
    issues: ['21'],
    after: (spec) => {
      spec.workloads!.namespace = 'phoenix-prod';
    },
    expect: [
      expect(CDK_L2, CDK_MANIFESTS, 'update', `${SOURCE.cfnCustomResource}; ${SOURCE.cdkKubectl}`),
      expect(TF, { type: /^kubernetes_/ }, 'replace', SOURCE.tfKubernetesName, {
        order: 'delete-first',
        count: 8,
      }),
      expect(
        PULUMI,
        { type: /^kubernetes:(core|apps|batch|policy)/ },
        'replace',
        `${SOURCE.pulumiKubernetesDbr}: a new name or namespace is created first`,
        { order: 'create-first', count: 8 },
      ),
    ],
  },
];
