/**
 * The Kubernetes layer: the Terraform provider's blocks mapped back to API objects (HCL's lists of
 * blocks and CDKTF's single objects alike), the canonical form (API server defaults, int-or-string,
 * Secret forms), Helm values merged as Helm merges them, facts keyed by name, and redaction.
 */
import { describe, expect, it } from 'vitest';
import { canonicalObject } from '../src/kubernetes/canonical.js';
import { flattenObject } from '../src/kubernetes/flatten.js';
import { kubernetesLayerOf, mergeValues } from '../src/kubernetes/read.js';
import { redactSecrets, redactSecretValue } from '../src/kubernetes/redact.js';
import { objectFromTerraform } from '../src/kubernetes/terraform-objects.js';
import {
  DEFAULT_LIFECYCLE,
  INVENTORY_SCHEMA_VERSION,
  type Inventory,
  type InventoryResource,
} from '../src/model/inventory.js';
import type { Value, ValueObject } from '../src/model/value.js';

function resource(
  nativeType: string,
  properties: ValueObject,
  dialect: 'cloudformation' | 'terraform' = 'terraform',
): InventoryResource {
  return {
    address: `${nativeType}.this`,
    displayName: nativeType,
    nativeType,
    kind: null,
    dialect,
    role: 'core',
    properties,
    references: [],
    dependsOn: [],
    lifecycle: DEFAULT_LIFECYCLE.terraform,
  };
}

function inventory(source: Inventory['source'], resources: InventoryResource[]): Inventory {
  return { schemaVersion: INVENTORY_SCHEMA_VERSION, implementation: 'x', source, resources, diagnostics: [] };
}

// A Service as HCL evaluates it: every block a list.
const HCL_SERVICE: ValueObject = {
  metadata: [{ name: 'web', namespace: 'shop', labels: { 'app.kubernetes.io/name': 'web' } }],
  spec: [
    {
      cluster_ip: 'None',
      selector: { 'app.kubernetes.io/name': 'web' },
      port: [{ name: 'http', port: 80, target_port: '8080' }],
    },
  ],
  wait_for_load_balancer: true,
};

describe('Terraform kubernetes_*_v1 → the object', () => {
  it('maps blocks back to the API: camelCase, acronyms, repeated blocks to lists, a port attribute in a port block', () => {
    const mapped = objectFromTerraform('kubernetes_service_v1', HCL_SERVICE)!;
    expect(mapped.object).toEqual({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: 'shop', labels: { 'app.kubernetes.io/name': 'web' } },
      spec: {
        clusterIP: 'None',
        selector: { 'app.kubernetes.io/name': 'web' },
        ports: [{ name: 'http', port: 80, targetPort: '8080' }],
      },
    });
    expect(mapped.behaviour).toEqual(['wait_for_load_balancer']);
  });

  it('reads CDKTF’s JSON (single blocks as objects) the same as HCL', () => {
    const cdktf: ValueObject = {
      metadata: { name: 'web', namespace: 'shop', labels: { 'app.kubernetes.io/name': 'web' } },
      spec: {
        cluster_ip: 'None',
        selector: { 'app.kubernetes.io/name': 'web' },
        port: [{ name: 'http', port: 80, target_port: '8080' }],
      },
      wait_for_load_balancer: true,
    };
    expect(objectFromTerraform('kubernetes_service_v1', cdktf)).toEqual(
      objectFromTerraform('kubernetes_service_v1', HCL_SERVICE),
    );
  });

  it('keeps a Deployment selector a block and env_from, volume_mount, value_from as the API has them', () => {
    const { object } = objectFromTerraform('kubernetes_deployment_v1', {
      metadata: [{ name: 'web' }],
      spec: [
        {
          selector: [{ match_labels: { app: 'web' } }],
          template: [
            {
              metadata: [{ labels: { app: 'web' } }],
              spec: [
                {
                  container: [
                    {
                      name: 'app',
                      env_from: [{ secret_ref: [{ name: 's' }] }],
                      env: [
                        { name: 'POD_IP', value_from: [{ field_ref: [{ field_path: 'status.podIP' }] }] },
                      ],
                      volume_mount: [{ name: 'tmp', mount_path: '/tmp' }],
                    },
                  ],
                  volume: [{ name: 'tmp', empty_dir: [{}] }],
                },
              ],
            },
          ],
        },
      ],
    })!;
    const spec = object.spec as Record<string, any>;
    expect(spec.selector).toEqual({ matchLabels: { app: 'web' } });
    expect(spec.template.spec.containers[0]).toEqual({
      name: 'app',
      envFrom: [{ secretRef: { name: 's' } }],
      env: [{ name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } }],
      volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
    });
    expect(spec.template.spec.volumes).toEqual([{ name: 'tmp', emptyDir: {} }]);
  });

  it('takes a Secret’s data as the plain text the provider encodes, and ignores types it does not map', () => {
    expect(
      objectFromTerraform('kubernetes_secret_v1', { metadata: [{ name: 's' }], data: { K: 'v' } })!.object,
    ).toMatchObject({
      kind: 'Secret',
      stringData: { K: 'v' },
    });
    expect(objectFromTerraform('aws_vpc', {})).toBeUndefined();
  });
});

describe('the canonical form', () => {
  it('fills the namespace and the API server defaults, so spelled-out defaults equal left-out ones', () => {
    const bare = canonicalObject({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web' },
      spec: { ports: [{ port: 80 }] },
    });
    const explicit = canonicalObject({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: 'default' },
      spec: {
        type: 'ClusterIP',
        sessionAffinity: 'None',
        ports: [{ port: 80, targetPort: 80, protocol: 'TCP' }],
      },
    });
    expect(bare).toEqual(explicit);
    expect((bare.metadata as ValueObject).namespace).toBe('default');
    // A cluster-scoped kind gets no namespace.
    expect(
      (
        canonicalObject({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } })
          .metadata as ValueObject
      ).namespace,
    ).toBeUndefined();
  });

  it('reads "8080" as 8080 where the API takes an int or a string, keeps a named port, and the provider’s string ids as numbers', () => {
    const object = canonicalObject({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: {
        replicas: '3',
        template: {
          spec: {
            securityContext: { runAsUser: '1000' },
            containers: [
              {
                name: 'app',
                image: 'a:1',
                livenessProbe: { httpGet: { path: '/', port: 'http' } },
                readinessProbe: { httpGet: { path: '/', port: '8080' } },
              },
            ],
          },
        },
      },
    }) as Record<string, any>;
    expect(object.spec.replicas).toBe(3);
    const pod = object.spec.template.spec;
    expect(pod.securityContext.runAsUser).toBe(1000);
    expect(pod.containers[0].livenessProbe.httpGet.port).toBe('http');
    expect(pod.containers[0].readinessProbe.httpGet.port).toBe(8080);
    expect(pod.containers[0].imagePullPolicy).toBe('IfNotPresent');
    expect(pod.containers[0].livenessProbe).toMatchObject({
      timeoutSeconds: 1,
      periodSeconds: 10,
      failureThreshold: 3,
    });
    expect(pod.restartPolicy).toBe('Always');
    expect(object.spec.strategy).toEqual({
      type: 'RollingUpdate',
      rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' },
    });
  });

  it('gives a :latest or untagged image Always, as the API server does', () => {
    const policy = (image: string) =>
      (
        canonicalObject({
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: 'w' },
          spec: { template: { spec: { containers: [{ name: 'a', image }] } } },
        }) as Record<string, any>
      ).spec.template.spec.containers[0].imagePullPolicy;
    expect([
      policy('nginx'),
      policy('nginx:latest'),
      policy('registry:5000/nginx'),
      policy('nginx:1.27'),
      policy(`nginx@sha256:${'a'.repeat(64)}`),
    ]).toEqual(['Always', 'Always', 'Always', 'IfNotPresent', 'IfNotPresent']);
  });

  it('writes stringData into data as hashes: base64 data, plain stringData and a redacted value agree', () => {
    const secret = (fields: ValueObject) =>
      canonicalObject({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, ...fields });
    const fromData = secret({ data: { K: Buffer.from('hunter2').toString('base64') } });
    const fromStringData = secret({ stringData: { K: 'hunter2' } });
    const fromRedacted = secret({ stringData: { K: redactSecretValue('hunter2') } });
    expect(fromData).toEqual(fromStringData);
    expect(fromRedacted).toEqual(fromStringData);
    expect(fromData).toEqual({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 's', namespace: 'default' },
      type: 'Opaque',
      data: { K: redactSecretValue('hunter2') },
    });
    expect(secret({ stringData: { K: 'other' } })).not.toEqual(fromData);
  });
});

describe('Helm values', () => {
  it('merge as Helm merges values files: maps deep, lists and scalars replaced', () => {
    expect(mergeValues({ a: { b: 1, c: [1, 2] }, d: 'x' }, { a: { c: [3] }, e: true })).toEqual({
      a: { b: 1, c: [3] },
      d: 'x',
      e: true,
    });
  });

  it('a helm_release: values documents merged in order, then set entries with Helm’s types', () => {
    const layer = kubernetesLayerOf(
      inventory('terraform', [
        resource('helm_release', {
          name: 'metrics-server',
          chart: 'metrics-server',
          namespace: 'kube-system',
          values: ['replicas: 1\nargs: [a]\n', 'replicas: 2\n'],
          set: [
            { name: 'podDisruptionBudget.enabled', value: 'true' },
            { name: 'image.tag', value: '0.8.0', type: 'string' },
            { name: 'tolerations[0].key', value: 'CriticalAddonsOnly' },
          ],
        }),
      ]),
    );
    expect(layer.releases).toHaveLength(1);
    expect(layer.releases[0]!.values).toEqual({
      replicas: 2,
      args: ['a'],
      podDisruptionBudget: { enabled: true },
      image: { tag: '0.8.0' },
      tolerations: [{ key: 'CriticalAddonsOnly' }],
    });
  });

  it('a values document that is not YAML is an Unknown with a note, not a crash', () => {
    const layer = kubernetesLayerOf(
      inventory('terraform', [resource('helm_release', { name: 'r', chart: 'c', values: ['a: [1, 2'] })]),
    );
    expect(layer.releases[0]!.values).toMatchObject({ reason: 'unsupported' });
    expect(layer.notes.join('\n')).toContain('a values document is not YAML');
  });

  it('a release without a namespace goes to default, in every tool', () => {
    const tf = kubernetesLayerOf(
      inventory('terraform', [resource('helm_release', { name: 'r', chart: 'c' })]),
    );
    const cdk = kubernetesLayerOf(
      inventory('cdk-assembly', [
        resource('Custom::AWSCDK-EKS-HelmChart', { Release: 'r', Chart: 'c' }, 'cloudformation'),
      ]),
    );
    expect([tf.releases[0]!.key, cdk.releases[0]!.key]).toEqual(['default/r', 'default/r']);
  });
});

describe('facts of an object', () => {
  it('key named list items by name and data maps as one fact', () => {
    const out = new Map<string, Value>();
    flattenObject(
      {
        metadata: { labels: { 'a.b/c': 'x' } },
        spec: {
          containers: [{ name: 'app', ports: [{ name: 'http', containerPort: 80 }], command: ['run'] }],
          volumes: [],
        },
      },
      'k8s[X]',
      out,
    );
    expect(Object.fromEntries(out)).toEqual({
      'k8s[X].metadata.labels': { 'a.b/c': 'x' },
      'k8s[X].spec.containers[app].command': ['run'],
      'k8s[X].spec.containers[app].name': 'app',
      'k8s[X].spec.containers[app].ports[http].containerPort': 80,
      'k8s[X].spec.containers[app].ports[http].name': 'http',
      'k8s[X].spec.volumes': [],
    });
  });
});

describe('redaction', () => {
  const SECRET = 'correct-horse-battery-staple';
  const leaks = (value: unknown) => {
    const text = JSON.stringify(value);
    return text.includes(SECRET) || text.includes(Buffer.from(SECRET).toString('base64'));
  };

  it('hashes the Secret in a CDK manifest, a Terraform secret, a kubernetes_manifest and a Pulumi Secret', () => {
    const manifest = JSON.stringify([
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, stringData: { K: SECRET } },
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { K: 'visible' } },
    ]);
    const inventories = [
      inventory('cdk-assembly', [
        resource('Custom::AWSCDK-EKS-KubernetesResource', { Manifest: manifest }, 'cloudformation'),
      ]),
      inventory('terraform', [
        resource('kubernetes_secret_v1', { metadata: [{ name: 's' }], data: { K: SECRET } }),
      ]),
      inventory('terraform', [
        resource('kubernetes_manifest', {
          manifest: {
            apiVersion: 'v1',
            kind: 'Secret',
            metadata: { name: 's' },
            data: { K: Buffer.from(SECRET).toString('base64') },
          },
        }),
      ]),
      inventory('pulumi', [
        resource('kubernetes:core/v1:Secret', { metadata: { name: 's' }, stringData: { K: SECRET } }),
      ]),
    ];
    for (const before of inventories) {
      expect(leaks(before)).toBe(true);
      const after = redactSecrets(before);
      expect(leaks(after), before.source).toBe(false);
      // Still comparable: every form gives the same canonical Secret.
      const [record] = kubernetesLayerOf(after).objects.filter((object) => object.object.kind === 'Secret');
      expect((canonicalObject(record!.object).data as ValueObject).K).toBe(redactSecretValue(SECRET));
    }
    // What is not a secret stays readable.
    expect(JSON.stringify(redactSecrets(inventories[0]!))).toContain('visible');
  });
});
