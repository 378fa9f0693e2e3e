/**
 * The `workloads` section: what runs on the cluster. The sample is a clustered Elixir/Phoenix
 * service (one namespace, a Deployment, a headless Service for BEAM node discovery, an HTTP
 * Service, the environment in a ConfigMap, RELEASE_COOKIE and SECRET_KEY_BASE in a Secret, a
 * migration Job, a PodDisruptionBudget) and Helm releases (metrics-server by default).
 *
 * The section is optional: a target without it is a cluster with nothing deployed on it. Rules
 * that relate fields (minAvailable < replicas, quantities, names) live in workloads-rules.ts.
 */
import * as z from 'zod';

const wholeNumber = () => z.number().int({ error: 'must be a whole number' });

/** Bounds the rules enforce, shared with the JSON Schema. */
export const WORKLOAD_BOUNDS = {
  replicas: { minimum: 1, maximum: 100 },
  port: { minimum: 1024, maximum: 65535 },
  terminationGracePeriodSeconds: { minimum: 1, maximum: 3600 },
  probeSeconds: { minimum: 1, maximum: 3600 },
  failureThreshold: { minimum: 1, maximum: 100 },
  // Kubernetes takes any 32-bit id; images' non-root users sit well below this (65532 is distroless's).
  user: { minimum: 1, maximum: 999999 },
  backoffLimit: { minimum: 0, maximum: 100 },
  activeDeadlineSeconds: { minimum: 1, maximum: 86400 },
} as const;

/** The port BEAM nodes find each other on (epmd); the headless Service publishes it. */
export const EPMD_PORT = 4369;

/** The placeholders of the sample's secrets. Real values never go in a target file (see k8s/README.md). */
export const PLACEHOLDER_SECRETS = {
  RELEASE_COOKIE: 'placeholder-release-cookie-change-me',
  SECRET_KEY_BASE: 'placeholder-secret-key-base-supply-a-real-one-from-ssm-or-external-secrets',
} as const;

/** The secrets a clustered Phoenix release cannot start without. */
export const REQUIRED_SECRETS = ['RELEASE_COOKIE', 'SECRET_KEY_BASE'] as const;

const quantity = (what: string) =>
  z.string().meta({ description: `${what}, as a Kubernetes quantity (250m, 1, 512Mi, 1Gi).` });

const ProbeSchema = z
  .strictObject({
    path: z.string().meta({ description: 'HTTP path the kubelet GETs on the http port.' }),
    initialDelaySeconds: wholeNumber()
      .default(10)
      .meta({ ...WORKLOAD_BOUNDS.probeSeconds, description: 'Seconds before the first probe.' }),
    periodSeconds: wholeNumber()
      .default(10)
      .meta({ ...WORKLOAD_BOUNDS.probeSeconds, description: 'Seconds between probes.' }),
    failureThreshold: wholeNumber()
      .default(3)
      .meta({ ...WORKLOAD_BOUNDS.failureThreshold, description: 'Failures in a row that count.' }),
  })
  .meta({ description: 'An HTTP probe.' });

const ResourcesSchema = z
  .strictObject({
    requests: z
      .strictObject({ cpu: quantity('CPU requested'), memory: quantity('Memory requested') })
      .default({ cpu: '250m', memory: '512Mi' })
      .meta({ description: 'What the scheduler reserves for each pod.' }),
    limits: z
      .strictObject({
        cpu: quantity('CPU limit').optional(),
        memory: quantity('Memory limit'),
      })
      .default({ memory: '1Gi' })
      .meta({ description: 'The most each pod may use; over the memory limit it is killed.' }),
  })
  .meta({
    description:
      'Requests and limits of the app container. No CPU limit by default: the BEAM schedulers suffer under CFS throttling, so teams usually set a memory limit only.',
  });

export const AppSchema = z
  .strictObject({
    name: z.string().default('phoenix').meta({
      description:
        'The app: a lowercase DNS label of at most 40 characters; names the Deployment, the Services (<name>, <name>-headless), the ConfigMap (<name>-env), the Secret (<name>-secrets), the Job (<name>-migrate) and the PodDisruptionBudget.',
    }),
    image: z.string().meta({
      description:
        'The container image, pinned by tag or digest (registry/repository:tag or @sha256:…); a reference only, nothing is built here.',
    }),
    command: z.array(z.string()).optional().meta({
      description:
        "The app container's command, replacing the image's entrypoint (Kubernetes expands $(VAR) from the container's environment); omitted: the image's own. The default target runs a BEAM node on the public elixir image this way.",
    }),
    replicas: wholeNumber()
      .default(3)
      .meta({
        ...WORKLOAD_BOUNDS.replicas,
        description: 'Pods of the Deployment: BEAM nodes in the cluster.',
      }),
    port: wholeNumber()
      .default(4000)
      .meta({
        ...WORKLOAD_BOUNDS.port,
        description: 'The port Phoenix listens on (the container port named http).',
      }),
    resources: ResourcesSchema.default({
      requests: { cpu: '250m', memory: '512Mi' },
      limits: { memory: '1Gi' },
    }),
    probes: z
      .strictObject({
        liveness: ProbeSchema.default({
          path: '/healthz',
          initialDelaySeconds: 10,
          periodSeconds: 10,
          failureThreshold: 3,
        }),
        readiness: ProbeSchema.default({
          path: '/ready',
          initialDelaySeconds: 5,
          periodSeconds: 5,
          failureThreshold: 3,
        }),
      })
      .default({
        liveness: { path: '/healthz', initialDelaySeconds: 10, periodSeconds: 10, failureThreshold: 3 },
        readiness: { path: '/ready', initialDelaySeconds: 5, periodSeconds: 5, failureThreshold: 3 },
      })
      .meta({ description: 'Liveness and readiness probes of the app container.' }),
    securityContext: z
      .strictObject({
        runAsUser: wholeNumber()
          .default(65532)
          .meta({ ...WORKLOAD_BOUNDS.user, description: 'The non-root user the container runs as.' }),
        runAsGroup: wholeNumber()
          .default(65532)
          .meta({ ...WORKLOAD_BOUNDS.user, description: 'Its group (also the fsGroup).' }),
        readOnlyRootFilesystem: z.boolean().default(true).meta({
          description: 'A read-only root filesystem; /tmp is an emptyDir for the release to write to.',
        }),
      })
      .default({ runAsUser: 65532, runAsGroup: 65532, readOnlyRootFilesystem: true })
      .meta({
        description:
          'Pods run as non-root with the RuntimeDefault seccomp profile, no privilege escalation and every capability dropped.',
      }),
    terminationGracePeriodSeconds: wholeNumber()
      .default(30)
      .meta({
        ...WORKLOAD_BOUNDS.terminationGracePeriodSeconds,
        description:
          'Seconds between SIGTERM and SIGKILL: time for the BEAM to drain connections and hand off work.',
      }),
    env: z
      .record(z.string(), z.string())
      .default({ PHX_HOST: 'phoenix.example.com', PHX_SERVER: 'true' })
      .meta({
        description:
          'The environment, in the ConfigMap <name>-env; PORT and DNS_CLUSTER_QUERY (the headless Service, for libcluster or dns_cluster) are added.',
      }),
    secrets: z
      .record(z.string(), z.string())
      .default({ ...PLACEHOLDER_SECRETS })
      .meta({
        description:
          'The Secret <name>-secrets: RELEASE_COOKIE and SECRET_KEY_BASE at least. The values here are placeholders: a real team supplies them from SSM Parameter Store or Secrets Manager through External Secrets (k8s/README.md).',
      }),
    disruptionBudget: z
      .strictObject({
        minAvailable: wholeNumber().default(2).meta({
          minimum: 0,
          maximum: 99,
          description: 'Pods that must stay up during a voluntary disruption (a node drain); below replicas.',
        }),
      })
      .default({ minAvailable: 2 })
      .meta({ description: 'The PodDisruptionBudget of the app.' }),
    migration: z
      .strictObject({
        command: z
          .array(z.string())
          .default(['/app/bin/migrate'])
          .meta({ description: 'The migration command (a release script calling Ecto.Migrator).' }),
        backoffLimit: wholeNumber()
          .default(3)
          .meta({ ...WORKLOAD_BOUNDS.backoffLimit, description: 'Retries before the Job fails.' }),
        activeDeadlineSeconds: wholeNumber()
          .default(600)
          .meta({
            ...WORKLOAD_BOUNDS.activeDeadlineSeconds,
            description: 'Seconds before the Job is stopped.',
          }),
      })
      .default({ command: ['/app/bin/migrate'], backoffLimit: 3, activeDeadlineSeconds: 600 })
      .meta({ description: 'The database migration Job (<name>-migrate), with the app image.' }),
  })
  .meta({ description: 'The clustered Phoenix service.' });

export const HelmReleaseSchema = z
  .strictObject({
    name: z.string().meta({ description: 'Release name: a lowercase DNS label of at most 53 characters.' }),
    chart: z.string().meta({ description: 'Chart name in the repository.' }),
    repository: z.string().meta({
      description:
        'Chart repository: an https:// URL, or an oci:// registry path without the chart (oci://public.ecr.aws/karpenter for the chart karpenter).',
    }),
    version: z.string().meta({ description: 'Chart version, pinned (3.13.0), never a range.' }),
    namespace: z.string().default('kube-system').meta({
      description:
        "Namespace the release goes to: one every cluster has (kube-system, default …), the app's namespace (the release waits for it), or another, which the release creates (helm --create-namespace).",
    }),
    values: z
      .record(z.string(), z.unknown())
      .default({})
      .meta({ description: "Values given to the chart (merged over the chart's own defaults)." }),
  })
  .meta({ description: 'One Helm release.' });

/** The default release: metrics-server, which `kubectl top` and the HorizontalPodAutoscaler need. */
export const METRICS_SERVER_RELEASE = {
  name: 'metrics-server',
  chart: 'metrics-server',
  repository: 'https://kubernetes-sigs.github.io/metrics-server/',
  version: '3.13.0',
  namespace: 'kube-system',
  values: {
    replicas: 2,
    podDisruptionBudget: { enabled: true, minAvailable: 1 },
    tolerations: [{ key: 'CriticalAddonsOnly', operator: 'Exists' }],
  },
} as const;

export const WorkloadsSchema = z
  .strictObject({
    namespace: z.string().default('phoenix').meta({
      description: 'The namespace the app runs in (created by the implementation): a lowercase DNS label.',
    }),
    app: AppSchema,
    helmReleases: z
      .array(HelmReleaseSchema)
      .default([structuredClone(METRICS_SERVER_RELEASE) as never])
      .meta({ description: 'Helm releases; metrics-server by default.' }),
  })
  .meta({ description: 'What runs on the cluster: the sample Phoenix service and Helm releases.' });

export type WorkloadsSpec = z.output<typeof WorkloadsSchema>;
export type AppSpec = WorkloadsSpec['app'];
export type HelmReleaseSpec = WorkloadsSpec['helmReleases'][number];
export type HelmReleaseInput = z.input<typeof HelmReleaseSchema>;
