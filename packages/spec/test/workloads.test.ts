/**
 * The workloads section: the objects it resolves to (checked field by field against what the
 * section says), the rules that reject what the API server or a deploy would, and every object of
 * every generated target against the Kubernetes OpenAPI schemas (kubernetes-models, Kubernetes 1.33).
 */
import fc from 'fast-check';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import { describe, expect, it } from 'vitest';
import { arbitraryTarget } from '../src/arbitraries.js';
import { validateTarget } from '../src/validate.js';
import { type KubernetesObject, objectKey, resolveWorkloads } from '../src/workloads.js';
import { parseQuantity } from '../src/workloads-rules.js';
import { withEdit } from './helpers.js';

const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  Namespace,
  ConfigMap,
  Secret,
  Service,
  Deployment,
  Job,
  PodDisruptionBudget,
};

/** Throws what the OpenAPI schema rejects. */
export function validateAgainstSchema(object: KubernetesObject): void {
  const Model = MODELS[object.kind];
  if (!Model) throw new Error(`no schema for ${object.kind}`);
  new Model(structuredClone(object) as never).validate();
}

const IMAGE = 'ghcr.io/example/phoenix-demo:1.4.2';

function withWorkloads(workloads: Record<string, unknown>) {
  return withEdit((input) => {
    (input as Record<string, unknown>).workloads = workloads;
  });
}

function problemsOf(workloads: Record<string, unknown>): string[] {
  const result = validateTarget(withWorkloads(workloads));
  return result.problems.map((problem) => `${problem.path}: ${problem.message}`);
}

function resolved(workloads: Record<string, unknown> = { app: { image: IMAGE } }) {
  const result = validateTarget(withWorkloads(workloads));
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('; '));
  return resolveWorkloads(result.spec)!;
}

function objectOf(kind: string, name: string) {
  const object = resolved().objects.find((item) => item.kind === kind && item.metadata.name === name);
  if (!object) throw new Error(`${kind} ${name} missing`);
  return object as KubernetesObject & Record<string, any>;
}

describe('resolveWorkloads', () => {
  it('is null without a workloads section', () => {
    const result = validateTarget(
      withEdit((input) => {
        delete (input as Record<string, unknown>).workloads;
      }),
    );
    expect(result.ok && resolveWorkloads(result.spec)).toBeNull();
  });

  it('names the sample objects from the app, namespace first', () => {
    expect(resolved().objects.map(objectKey)).toEqual([
      'Namespace phoenix',
      'ConfigMap phoenix/phoenix-env',
      'Secret phoenix/phoenix-secrets',
      'Service phoenix/phoenix-headless',
      'Service phoenix/phoenix',
      'Job phoenix/phoenix-migrate',
      'Deployment phoenix/phoenix',
      'PodDisruptionBudget phoenix/phoenix',
    ]);
  });

  it('builds the Deployment the section describes', () => {
    const spec = objectOf('Deployment', 'phoenix').spec;
    expect(spec.replicas).toBe(3);
    const pod = spec.template.spec;
    expect(pod.terminationGracePeriodSeconds).toBe(30);
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 65532 });
    const [container] = pod.containers;
    expect(container.image).toBe(IMAGE);
    expect(container.ports).toEqual([
      { name: 'http', containerPort: 4000 },
      { name: 'epmd', containerPort: 4369 },
    ]);
    expect(container.resources).toEqual({
      requests: { cpu: '250m', memory: '512Mi' },
      limits: { memory: '1Gi' },
    });
    expect(container.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'http' });
    expect(container.readinessProbe.periodSeconds).toBe(5);
    expect(container.securityContext.capabilities).toEqual({ drop: ['ALL'] });
    expect(spec.selector.matchLabels).toEqual({ 'app.kubernetes.io/name': 'phoenix' });
  });

  it('gives the BEAM nodes a headless Service that publishes pods before they are ready', () => {
    expect(objectOf('Service', 'phoenix-headless').spec).toMatchObject({
      clusterIP: 'None',
      publishNotReadyAddresses: true,
      ports: [{ name: 'epmd', port: 4369 }],
    });
    expect(objectOf('ConfigMap', 'phoenix-env').data).toEqual({
      PHX_HOST: 'phoenix.example.com',
      PHX_SERVER: 'true',
      PORT: '4000',
      DNS_CLUSTER_QUERY: 'phoenix-headless.phoenix.svc.cluster.local',
    });
  });

  it('follows the spec: replicas, budget, secrets, migration, releases', () => {
    const plan = resolved({
      namespace: 'shop',
      app: {
        name: 'web',
        image: IMAGE,
        replicas: 5,
        disruptionBudget: { minAvailable: 3 },
        secrets: { RELEASE_COOKIE: 'c', SECRET_KEY_BASE: 'k', DATABASE_URL: 'ecto://x' },
        migration: { backoffLimit: 0 },
      },
      helmReleases: [],
    });
    const byKey = new Map(plan.objects.map((object) => [objectKey(object), object as Record<string, any>]));
    expect(byKey.get('Deployment shop/web')!.spec.replicas).toBe(5);
    expect(byKey.get('PodDisruptionBudget shop/web')!.spec.minAvailable).toBe(3);
    expect(Object.keys(byKey.get('Secret shop/web-secrets')!.stringData)).toEqual([
      'RELEASE_COOKIE',
      'SECRET_KEY_BASE',
      'DATABASE_URL',
    ]);
    expect(byKey.get('Job shop/web-migrate')!.spec.backoffLimit).toBe(0);
    expect(plan.helmReleases).toEqual([]);
    expect(
      resolved().helmReleases.map((release) => `${release.namespace}/${release.name}@${release.version}`),
    ).toEqual(['kube-system/metrics-server@3.13.0']);
  });

  it('every object of the sample passes the Kubernetes OpenAPI schema', () => {
    for (const object of resolved().objects)
      expect(() => validateAgainstSchema(object), objectKey(object)).not.toThrow();
  });

  it('a schema violation is caught (the check can fail)', () => {
    const deployment = structuredClone(objectOf('Deployment', 'phoenix')) as Record<string, any>;
    deployment.spec.replicas = 'three';
    expect(() => validateAgainstSchema(deployment as KubernetesObject)).toThrow();
  });

  it('every object of random targets passes the schema', () => {
    fc.assert(
      fc.property(arbitraryTarget, (spec) => {
        for (const object of resolveWorkloads(spec)?.objects ?? []) validateAgainstSchema(object);
      }),
      { numRuns: 40 },
    );
  });
});

describe('workloads rules', () => {
  it('accepts the defaults with an image', () => {
    expect(problemsOf({ app: { image: IMAGE } })).toEqual([]);
  });

  it.each([
    [{ app: {} }, 'workloads.app.image: required'],
    [{ app: { image: 'ghcr.io/example/phoenix' } }, 'has no tag or digest'],
    [{ app: { image: 'ghcr.io/example/phoenix:latest' } }, 'is :latest'],
    [{ app: { image: IMAGE, replicas: 2 } }, 'workloads.app.disruptionBudget.minAvailable: must be 0 to 1'],
    [{ namespace: 'kube-system', app: { image: IMAGE } }, 'belongs to Kubernetes'],
    [{ namespace: 'Phoenix', app: { image: IMAGE } }, 'is not a valid namespace'],
    [{ app: { image: IMAGE, name: 'a'.repeat(41) } }, 'at most 40 characters'],
    [{ app: { image: IMAGE, secrets: { RELEASE_COOKIE: 'x' } } }, 'SECRET_KEY_BASE is missing'],
    [{ app: { image: IMAGE, env: { PORT: '1' } } }, 'PORT is set by the workload itself'],
    [{ app: { image: IMAGE, env: { 'BAD-NAME': '1' } } }, 'is not an environment variable name'],
    [{ app: { image: IMAGE, port: 4369 } }, "epmd's port"],
    [
      { app: { image: IMAGE, resources: { requests: { cpu: 'lots', memory: '1Gi' } } } },
      'is not a Kubernetes quantity',
    ],
    [
      {
        app: {
          image: IMAGE,
          resources: { requests: { cpu: '1', memory: '2Gi' }, limits: { memory: '1Gi' } },
        },
      },
      'below the request',
    ],
    [
      {
        app: { image: IMAGE },
        helmReleases: [{ name: 'm', chart: 'm', repository: 'http://x', version: '1.0.0' }],
      },
      'give an https:// or oci:// URL',
    ],
    [
      {
        app: { image: IMAGE },
        helmReleases: [{ name: 'm', chart: 'm', repository: 'https://x', version: '^3.0' }],
      },
      'pin it',
    ],
  ])('rejects %j', (workloads, message) => {
    expect(problemsOf(workloads as Record<string, unknown>).join('\n')).toContain(message);
  });

  it('needs an identity that can apply the workloads (Terraform and Pulumi apply them as the deployer)', () => {
    const noAdmin = validateTarget(
      withEdit((input) => {
        (input as Record<string, unknown>).workloads = { app: { image: IMAGE } };
        input.cluster.accessEntries = [];
      }),
    );
    expect(noAdmin.problems.map((problem) => `${problem.path}: ${problem.message}`).join('\n')).toContain(
      'workloads: nothing can apply the workloads',
    );
    const bootstrapped = validateTarget(
      withEdit((input) => {
        (input as Record<string, unknown>).workloads = { app: { image: IMAGE } };
        input.cluster.accessEntries = [];
        input.cluster.bootstrapClusterCreatorAdminPermissions = true;
      }),
    );
    expect(bootstrapped.problems).toEqual([]);
  });

  it('reads quantities as the API server does', () => {
    expect(parseQuantity('250m')).toBeCloseTo(0.25);
    expect(parseQuantity('1Gi')).toBe(1073741824);
    expect(parseQuantity('512Mi')! < parseQuantity('1G')!).toBe(true);
    expect(parseQuantity('1.5')).toBe(1.5);
    expect(parseQuantity('12x')).toBeUndefined();
  });
});
