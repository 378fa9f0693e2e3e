/**
 * The workloads on the cluster, read from the Kubernetes layer in canonical form (the same object
 * whether CDK's manifest, the Terraform provider's blocks or Pulumi's inputs sent it). Helm
 * releases are intent (chart, version, values): the objects a chart renders are not judged.
 */
import { isUnknown, isValueObject, type Value, type ValueObject } from '../../model/value.js';
import type { KubernetesObject, PolicyInput, PolicyRule, RuleOutcome } from '../model.js';
import { asList, at, checkov, fail, kics, ok, show, trivy, unknown } from './helpers.js';

const POD_TEMPLATE_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job']);
const LONG_RUNNING_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Pod']);

interface Workload {
  readonly object: KubernetesObject;
  readonly kind: string;
  readonly pod: ValueObject;
}

/** The pod spec of every object that runs pods. */
function workloads(input: PolicyInput): Workload[] {
  return input.kubernetes.flatMap((object): Workload[] => {
    const kind = typeof object.object.kind === 'string' ? object.object.kind : '';
    const pod =
      kind === 'Pod'
        ? at(object.object, 'spec')
        : kind === 'CronJob'
          ? at(object.object, 'spec.jobTemplate.spec.template.spec')
          : POD_TEMPLATE_KINDS.has(kind)
            ? at(object.object, 'spec.template.spec')
            : undefined;
    return pod && isValueObject(pod) ? [{ object, kind, pod }] : [];
  });
}

interface Container {
  readonly name: string;
  readonly spec: ValueObject;
  readonly init: boolean;
}

function containers(pod: ValueObject): Container[] {
  const of = (list: Value | undefined, init: boolean) =>
    asList(list)
      .filter(isValueObject)
      .map((spec) => ({ name: typeof spec.name === 'string' ? spec.name : '?', spec, init }));
  return [...of(pod.initContainers, true), ...of(pod.containers, false)];
}

/** One outcome per workload: the problems of its containers, or compliant. */
function perWorkload(
  input: PolicyInput,
  problemsOf: (workload: Workload, container: Container) => string | undefined,
  filter: (workload: Workload) => boolean = () => true,
  includeInit = true,
): RuleOutcome[] {
  return workloads(input)
    .filter(filter)
    .map((workload) => {
      const problems = containers(workload.pod)
        .filter((container) => includeInit || !container.init)
        .map((container) => {
          const problem = problemsOf(workload, container);
          return problem ? `container ${container.name}: ${problem}` : undefined;
        })
        .filter((problem): problem is string => problem !== undefined);
      return problems.length > 0
        ? fail(workload.object.resource, `${workload.object.key}: ${problems.join('; ')}`)
        : ok(workload.object.resource);
    });
}

const K8S = (file: string) => file;

export const requestsAndLimits: PolicyRule = {
  id: 'k8s-requests-limits',
  title: 'Container without CPU and memory requests, or without a memory limit',
  severity: 'medium',
  rationale:
    'Requests let the scheduler place pods where they fit and protect them under contention; a memory limit stops one leaking container from taking the node. A CPU limit is not required: it throttles a container even when the node is idle.',
  reads: ['containers[].resources.requests.cpu, requests.memory, limits.memory'],
  equivalents: {
    checkov: [
      checkov.k8s('CKV_K8S_10', K8S('CPURequests.py')),
      checkov.k8s('CKV_K8S_12', K8S('MemoryRequests.py')),
      checkov.k8s('CKV_K8S_13', K8S('MemoryLimits.py')),
      checkov.k8s('CKV_K8S_11', K8S('CPULimits.py'), 'also requires a CPU limit, which this rule does not'),
    ],
    trivy: [
      trivy('KSV015', 'kubernetes/CPU_requests_not_specified.rego'),
      trivy('KSV016', 'kubernetes/memory_requests_not_specified.rego'),
      trivy('KSV018', 'kubernetes/memory_not_limited.rego'),
      trivy('KSV011', 'kubernetes/CPU_not_limited.rego', 'also requires a CPU limit'),
    ],
    kics: [
      kics('b14d1bc4-a208-45db-92f0-e21f8e2588e9', 'k8s/memory_limits_not_defined'),
      kics(
        '4ac0e2b7-d2d2-4af7-8799-e8de6721ccda',
        'k8s/cpu_limits_not_set',
        'CPU limits, which this rule does not require',
      ),
    ],
    cdkNag: [],
  },
  fix: {
    'cdk-l2':
      'the manifest given to `cluster.addManifest`: `resources: { requests: { cpu, memory }, limits: { memory } }`',
    'cdk-l1': 'outside the envelope (no Kubernetes objects in CloudFormation); set it in k8s/ manifests',
    cloudformation: 'outside the envelope; set it in the k8s/ manifests the pipeline applies',
    'infra-terraform':
      'kubernetes_deployment_v1 container `resources { requests = { cpu, memory } limits = { memory } }`',
    cdktf: 'DeploymentV1 container `resources: { requests: {...}, limits: {...} }`',
    pulumi: 'k8s.apps.v1.Deployment container `resources: { requests: {...}, limits: {...} }`',
  },
  section: 'workloads',
  helpUri: 'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/',
  check: (input) =>
    perWorkload(input, (_, container) => {
      const resources = container.spec.resources;
      const missing = ['requests.cpu', 'requests.memory', 'limits.memory'].filter(
        (path) => at(resources, path) === undefined,
      );
      return missing.length > 0 ? `no ${missing.join(', ')}` : undefined;
    }),
};

export const probes: PolicyRule = {
  id: 'k8s-probes',
  title: 'Long-running container without liveness and readiness probes',
  severity: 'medium',
  rationale:
    'Without a readiness probe a pod gets traffic before it can serve it (and during a rollout); without a liveness probe a wedged process is never restarted. Jobs run to completion and need neither.',
  reads: ['containers[].livenessProbe, readinessProbe of Deployments, StatefulSets, DaemonSets, Pods'],
  equivalents: {
    checkov: [
      checkov.k8s('CKV_K8S_8', K8S('LivenessProbe.py')),
      checkov.k8s('CKV_K8S_9', K8S('ReadinessProbe.py')),
    ],
    trivy: [],
    kics: [
      kics('ade74944-a674-4e00-859e-c6eab5bde441', 'k8s/liveness_probe_is_not_defined'),
      kics('a659f3b5-9bf0-438a-bd9a-7d3a6427f1e3', 'k8s/readiness_probe_is_not_configured'),
    ],
    cdkNag: [],
  },
  fix: {
    'cdk-l2': 'the manifest: `livenessProbe` and `readinessProbe` (httpGet on the named port)',
    'cdk-l1': 'outside the envelope; set it in k8s/ manifests',
    cloudformation: 'outside the envelope; set it in k8s/ manifests',
    'infra-terraform': 'container `liveness_probe { http_get { … } }` and `readiness_probe { … }`',
    cdktf: 'container `livenessProbe`, `readinessProbe`',
    pulumi: 'container `livenessProbe`, `readinessProbe`',
  },
  section: 'workloads',
  helpUri:
    'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/',
  check: (input) =>
    perWorkload(
      input,
      (_, container) => {
        const missing = ['livenessProbe', 'readinessProbe'].filter(
          (probe) => container.spec[probe] === undefined,
        );
        return missing.length > 0 ? `no ${missing.join(', ')}` : undefined;
      },
      (workload) => LONG_RUNNING_KINDS.has(workload.kind),
      false,
    ),
};

/** The effective security context field: the container's, else the pod's (Kubernetes's precedence). */
function effective(workload: Workload, container: Container, field: string): Value | undefined {
  const own = at(container.spec.securityContext, field);
  return own !== undefined ? own : at(workload.pod.securityContext, field);
}

export const nonRoot: PolicyRule = {
  id: 'k8s-run-as-non-root',
  title: 'Container may run as root',
  severity: 'high',
  rationale:
    'A process running as UID 0 in a container is root on the node the moment it escapes. `runAsNonRoot: true` makes the kubelet refuse to start an image that would run as root.',
  reads: ['securityContext.runAsNonRoot / runAsUser, container over pod'],
  equivalents: {
    checkov: [checkov.k8s('CKV_K8S_23', K8S('RootContainers.py'))],
    trivy: [trivy('KSV012', 'kubernetes/pss/restricted/3_runs_as_root.rego')],
    kics: [],
    cdkNag: [],
  },
  fix: {
    'cdk-l2': 'the manifest: `securityContext: { runAsNonRoot: true, runAsUser: 10001 }`',
    'cdk-l1': 'outside the envelope; set it in k8s/ manifests',
    cloudformation: 'outside the envelope; set it in k8s/ manifests',
    'infra-terraform': 'pod `security_context { run_as_non_root = true run_as_user = 10001 }`',
    cdktf: 'pod `securityContext: { runAsNonRoot: true }`',
    pulumi: 'pod `securityContext: { runAsNonRoot: true }`',
  },
  section: 'workloads',
  helpUri: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted',
  check: (input) =>
    perWorkload(input, (workload, container) => {
      const nonRootSet = effective(workload, container, 'runAsNonRoot');
      const user = effective(workload, container, 'runAsUser');
      if (user === 0) return 'runAsUser 0';
      if (nonRootSet === true || (typeof user === 'number' && user > 0)) return undefined;
      return 'neither runAsNonRoot: true nor a non-zero runAsUser';
    }),
};

export const noPrivilegeEscalation: PolicyRule = {
  id: 'k8s-no-privilege-escalation',
  title: 'Container allows privilege escalation',
  severity: 'high',
  rationale:
    '`allowPrivilegeEscalation` defaults to true: a setuid binary in the image can gain more privileges than the process started with. Set it to false.',
  reads: ['containers[].securityContext.allowPrivilegeEscalation'],
  equivalents: {
    checkov: [checkov.k8s('CKV_K8S_20', K8S('AllowPrivilegeEscalation.py'))],
    trivy: [trivy('KSV001', 'kubernetes/pss/restricted/2_can_elevate_its_own_privileges.rego')],
    kics: [kics('5572cc5e-1e4c-4113-92a6-7a8a3bd25e6d', 'k8s/privilege_escalation_allowed')],
    cdkNag: [],
  },
  fix: {
    'cdk-l2': 'the manifest: container `securityContext: { allowPrivilegeEscalation: false }`',
    'cdk-l1': 'outside the envelope; set it in k8s/ manifests',
    cloudformation: 'outside the envelope; set it in k8s/ manifests',
    'infra-terraform': 'container `security_context { allow_privilege_escalation = false }`',
    cdktf: 'container `securityContext: { allowPrivilegeEscalation: false }`',
    pulumi: 'container `securityContext: { allowPrivilegeEscalation: false }`',
  },
  section: 'workloads',
  helpUri: 'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/',
  check: (input) =>
    perWorkload(input, (_, container) =>
      at(container.spec.securityContext, 'allowPrivilegeEscalation') === false
        ? undefined
        : `allowPrivilegeEscalation ${show(at(container.spec.securityContext, 'allowPrivilegeEscalation'))}`,
    ),
};

export const privileged: PolicyRule = {
  id: 'k8s-privileged-container',
  title: 'Privileged container',
  severity: 'critical',
  rationale:
    "A privileged container has every capability and the host's devices: it is root on the node. Nothing in an application workload needs it.",
  reads: ['containers[].securityContext.privileged'],
  equivalents: {
    checkov: [checkov.k8s('CKV_K8S_16', K8S('PrivilegedContainers.py'))],
    trivy: [trivy('KSV017', 'kubernetes/pss/baseline/2_privileged.rego')],
    kics: [],
    cdkNag: [],
  },
  fix: {
    'cdk-l2': "remove `privileged: true` from the manifest's securityContext",
    'cdk-l1': 'outside the envelope; set it in k8s/ manifests',
    cloudformation: 'outside the envelope; set it in k8s/ manifests',
    'infra-terraform': 'remove `privileged = true` from the container security_context',
    cdktf: 'remove `privileged: true`',
    pulumi: 'remove `privileged: true`',
  },
  section: 'workloads',
  helpUri: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
  check: (input) =>
    perWorkload(input, (_, container) =>
      at(container.spec.securityContext, 'privileged') === true ? 'privileged: true' : undefined,
    ),
};

export const readOnlyRoot: PolicyRule = {
  id: 'k8s-read-only-root-filesystem',
  title: 'Container root filesystem writable',
  severity: 'medium',
  rationale:
    'A read-only root filesystem stops an intruder from dropping tools or changing binaries in the container; scratch space goes to an emptyDir mounted where the app writes.',
  reads: ['containers[].securityContext.readOnlyRootFilesystem'],
  equivalents: {
    checkov: [checkov.k8s('CKV_K8S_22', K8S('ReadOnlyFilesystem.py'))],
    trivy: [trivy('KSV014', 'kubernetes/file_system_not_read_only.rego')],
    kics: [kics('a9c2f49d-0671-4fc9-9ece-f4e261e128d0', 'k8s/root_container_not_mounted_as_read_only')],
    cdkNag: [],
  },
  fix: {
    'cdk-l2': 'the manifest: `securityContext: { readOnlyRootFilesystem: true }` and an emptyDir for /tmp',
    'cdk-l1': 'outside the envelope; set it in k8s/ manifests',
    cloudformation: 'outside the envelope; set it in k8s/ manifests',
    'infra-terraform': 'container `security_context { read_only_root_filesystem = true }`',
    cdktf: 'container `securityContext: { readOnlyRootFilesystem: true }`',
    pulumi: 'container `securityContext: { readOnlyRootFilesystem: true }`',
  },
  section: 'workloads',
  helpUri: 'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/',
  check: (input) =>
    perWorkload(input, (_, container) =>
      at(container.spec.securityContext, 'readOnlyRootFilesystem') === true
        ? undefined
        : 'root filesystem writable',
    ),
};

/** `repo/name:tag@sha256:…` → its tag and digest. */
export function imageReference(image: string): { tag?: string; digest?: string } {
  const [withoutDigest, digest] = image.split('@', 2) as [string, string | undefined];
  const lastSegment = withoutDigest.slice(withoutDigest.lastIndexOf('/') + 1);
  const colon = lastSegment.lastIndexOf(':');
  return {
    ...(colon >= 0 ? { tag: lastSegment.slice(colon + 1) } : {}),
    ...(digest ? { digest } : {}),
  };
}

export const imagePinned: PolicyRule = {
  id: 'k8s-image-pinned',
  title: 'Image not pinned (no tag, or `latest`)',
  severity: 'medium',
  rationale:
    'An image without a tag, or on `latest`, runs whatever was pushed last: two nodes can run different code, and a rollback rolls back nothing. Pin a version tag, or better a digest.',
  reads: ['containers[].image'],
  equivalents: {
    checkov: [
      checkov.k8s('CKV_K8S_14', K8S('ImageTagFixed.py')),
      checkov.k8s('CKV_K8S_43', K8S('ImageDigest.py'), 'stricter: a digest, not a tag'),
    ],
    trivy: [
      trivy(
        'KSV013',
        'kubernetes (short_code use-specific-tags; METADATA id KSV013)',
        "id found in the check's METADATA; its file name was not resolved",
      ),
    ],
    kics: [
      kics(
        '7c81d34c-8e5a-402b-9798-9f442630e678',
        'k8s/image_without_digest',
        'stricter: a digest, not a tag',
      ),
    ],
    cdkNag: [],
  },
  fix: {
    'cdk-l2': 'the manifest: `image: "registry/app:1.4.2"` (or `@sha256:…`)',
    'cdk-l1': 'outside the envelope; set it in k8s/ manifests',
    cloudformation: 'outside the envelope; set it in k8s/ manifests',
    'infra-terraform': 'container `image = "registry/app:1.4.2"`',
    cdktf: 'container `image: "registry/app:1.4.2"`',
    pulumi: 'container `image: "registry/app:1.4.2"`',
  },
  section: 'workloads',
  helpUri: 'https://kubernetes.io/docs/concepts/containers/images/#image-names',
  check: (input) =>
    perWorkload(input, (_, container) => {
      const image = container.spec.image;
      if (typeof image !== 'string') return isUnknown(image) ? undefined : 'no image';
      const { tag, digest } = imageReference(image);
      if (digest) return undefined;
      if (!tag) return `${image} has no tag (so latest)`;
      return tag === 'latest' ? `${image} is on latest` : undefined;
    }),
};

const SECRET_NAME = /(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIAL|COOKIE)/i;

export const secretsNotPlainEnv: PolicyRule = {
  id: 'k8s-secrets-not-plain-env',
  title: 'Secret passed as a plain environment value',
  severity: 'high',
  rationale:
    "A secret written as a literal `env` value, or kept in a ConfigMap the pod reads, sits in plain text in the object, in every tool's state and in `kubectl get -o yaml`. Put it in a Secret and reference it (secretKeyRef, envFrom secretRef, or a mounted volume).",
  reads: [
    'containers[].env[].value (names that look like secrets)',
    'ConfigMaps a container reads through envFrom or configMapKeyRef',
  ],
  equivalents: {
    checkov: [
      checkov.k8s(
        'CKV_K8S_35',
        K8S('Secrets.py'),
        'different control: flags Secrets read as env at all (prefers files)',
      ),
    ],
    trivy: [],
    kics: [
      kics(
        '3d658f8b-d988-41a0-a841-40043121de1e',
        'k8s/secrets_as_environment_variables',
        'different control: flags Secrets read as env at all',
      ),
    ],
    cdkNag: [],
  },
  fix: {
    'cdk-l2': 'a Secret manifest and `env: [{ name, valueFrom: { secretKeyRef: { name, key } } }]`',
    'cdk-l1': 'outside the envelope; set it in k8s/ manifests (External Secrets from SSM or Secrets Manager)',
    cloudformation:
      'outside the envelope; set it in k8s/ manifests (External Secrets from SSM or Secrets Manager)',
    'infra-terraform':
      'kubernetes_secret_v1 and `env { value_from { secret_key_ref { … } } }`, the value from a sensitive variable',
    cdktf: 'SecretV1 and `valueFrom: { secretKeyRef: {...} }`',
    pulumi:
      'k8s.core.v1.Secret and `valueFrom: { secretKeyRef: {...} }`, the value from `config.requireSecret`',
  },
  section: 'workloads',
  helpUri: 'https://kubernetes.io/docs/concepts/configuration/secret/',
  check(input) {
    const configMaps = new Map(
      input.kubernetes
        .filter((object) => object.object.kind === 'ConfigMap')
        .map((object) => [object.key.replace(/^ConfigMap /, ''), object.object] as const),
    );
    return perWorkload(input, (workload, container) => {
      const namespace = String(at(workload.object.object, 'metadata.namespace') ?? 'default');
      const problems: string[] = [];
      for (const variable of asList(container.spec.env).filter(isValueObject)) {
        const name = typeof variable.name === 'string' ? variable.name : '';
        if (variable.value !== undefined && SECRET_NAME.test(name))
          problems.push(`env ${name} is a literal value`);
        const ref = at(variable, 'valueFrom.configMapKeyRef');
        const key = at(ref, 'key');
        if (typeof key === 'string' && SECRET_NAME.test(key))
          problems.push(`env ${name} reads ConfigMap key ${key}`);
      }
      for (const source of asList(container.spec.envFrom).filter(isValueObject)) {
        const mapName = at(source, 'configMapRef.name');
        if (typeof mapName !== 'string') continue;
        const data = at(configMaps.get(`${namespace}/${mapName}`), 'data');
        const keys = isValueObject(data) ? Object.keys(data).filter((key) => SECRET_NAME.test(key)) : [];
        if (keys.length > 0) problems.push(`ConfigMap ${mapName} holds ${keys.join(', ')}`);
      }
      return problems.length > 0 ? problems.join(', ') : undefined;
    });
  },
};

function labelsMatch(selector: Value | undefined, labels: Value | undefined): boolean {
  const wanted = at(selector, 'matchLabels');
  if (!isValueObject(wanted) || !isValueObject(labels ?? null)) return false;
  const have = labels as ValueObject;
  return Object.entries(wanted).every(([key, value]) => have[key] === value);
}

export const disruptionBudget: PolicyRule = {
  id: 'k8s-disruption-budget',
  title: 'Replicated Deployment without a PodDisruptionBudget',
  severity: 'medium',
  rationale:
    'A node drain (an upgrade, a scale-in, a Spot interruption) evicts every pod it can; without a PodDisruptionBudget all replicas of a Deployment may go at once.',
  reads: ['Deployments and StatefulSets with replicas > 1', 'PodDisruptionBudgets selecting their pods'],
  equivalents: { checkov: [], trivy: [], kics: [], cdkNag: [] },
  fix: {
    'cdk-l2':
      'a PodDisruptionBudget manifest (`minAvailable` or `maxUnavailable`, selector on the pod labels)',
    'cdk-l1': 'outside the envelope; set it in k8s/ manifests',
    cloudformation: 'outside the envelope; set it in k8s/ manifests',
    'infra-terraform': 'kubernetes_pod_disruption_budget_v1 selecting the pods',
    cdktf: 'PodDisruptionBudgetV1 selecting the pods',
    pulumi: 'k8s.policy.v1.PodDisruptionBudget selecting the pods',
  },
  section: 'workloads',
  helpUri: 'https://kubernetes.io/docs/tasks/run-application/configure-pdb/',
  check(input) {
    const budgets = input.kubernetes.filter((object) => object.object.kind === 'PodDisruptionBudget');
    return workloads(input)
      .filter((workload) => workload.kind === 'Deployment' || workload.kind === 'StatefulSet')
      .flatMap((workload): RuleOutcome[] => {
        const replicas = at(workload.object.object, 'spec.replicas') ?? 1;
        if (isUnknown(replicas))
          return [unknown(workload.object.resource, 'replicas known only after deploy')];
        if (typeof replicas !== 'number' || replicas <= 1) return [];
        const namespace = at(workload.object.object, 'metadata.namespace') ?? 'default';
        const labels = at(workload.object.object, 'spec.template.metadata.labels');
        const covered = budgets.some(
          (budget) =>
            (at(budget.object, 'metadata.namespace') ?? 'default') === namespace &&
            labelsMatch(at(budget.object, 'spec.selector'), labels),
        );
        return covered
          ? [ok(workload.object.resource)]
          : [
              fail(
                workload.object.resource,
                `${workload.object.key} runs ${replicas} replicas and no PodDisruptionBudget selects them`,
              ),
            ];
      });
  },
};
