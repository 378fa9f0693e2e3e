/**
 * One form for a Kubernetes object, whoever wrote it: what the API server stores for it, for the
 * fields the target uses. Expected and observed objects both go through here, so a tool that
 * spells out a default and one that leaves it out compare equal — and only for defaults listed
 * here, each one the API server's (Kubernetes API reference, and the defaults.go of each API group in kubernetes/pkg/apis).
 *
 * - the namespace: `default` for a namespaced kind without one;
 * - int-or-string fields (ports, minAvailable …) and the provider's string ids: "2" is 2;
 * - a Secret's stringData is written into data (the API server does it on write); values are the
 *   redacted hashes of redact.ts, whichever form they came in;
 * - the defaults below; empty label and annotation maps are no labels.
 */
import { NAMESPACED_KINDS } from '@iac-compare/spec';
import { isUnknown, isValueObject, type Value, type ValueObject } from '../model/value.js';
import { isDataMap } from './data-maps.js';
import { redactSecretObject } from './redact.js';

/** Fields that take an int or a string; a string of digits is the int (the Terraform provider sends it so). */
const INT_OR_STRING = new Set(['targetPort', 'port', 'minAvailable', 'maxUnavailable', 'maxSurge']);
/** Integer ids the Terraform provider takes as strings (to allow 0): sent to the API as numbers. */
const INTEGER_STRINGS = new Set(['runAsUser', 'runAsGroup', 'fsGroup', 'replicas']);

const PROBE_DEFAULTS = { timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 };

/** The API server's defaults, by where they apply. Each is documented in docs/architecture.md. */
function withDefaults(target: Record<string, Value>, defaults: Record<string, Value>): void {
  for (const [key, value] of Object.entries(defaults)) if (target[key] === undefined) target[key] = value;
}

function imagePullPolicyFor(image: Value): Value {
  if (typeof image !== 'string') return image;
  const lastPart = image.split('/').pop() ?? image;
  if (image.includes('@')) return 'IfNotPresent';
  const tag = lastPart.includes(':') ? lastPart.split(':').pop() : undefined;
  return tag === undefined || tag === 'latest' ? 'Always' : 'IfNotPresent';
}

function canonicalProbe(probe: Value): Value {
  if (!isValueObject(probe)) return probe;
  const out: Record<string, Value> = { ...probe };
  withDefaults(out, PROBE_DEFAULTS);
  if (isValueObject(out.httpGet)) {
    const httpGet: Record<string, Value> = { ...out.httpGet };
    withDefaults(httpGet, { scheme: 'HTTP' });
    out.httpGet = httpGet;
  }
  return out;
}

function canonicalContainer(container: Value): Value {
  if (!isValueObject(container)) return container;
  const out: Record<string, Value> = { ...container };
  withDefaults(out, {
    imagePullPolicy: imagePullPolicyFor(out.image ?? null),
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
  });
  if (Array.isArray(out.ports)) {
    out.ports = out.ports.map((port) => {
      if (!isValueObject(port)) return port;
      const copy: Record<string, Value> = { ...port };
      withDefaults(copy, { protocol: 'TCP' });
      return copy;
    });
  }
  for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
    if (out[probe] !== undefined) out[probe] = canonicalProbe(out[probe]!);
  }
  return out;
}

function canonicalPodSpec(spec: Value, restartPolicy: string): Value {
  if (!isValueObject(spec)) return spec;
  const out: Record<string, Value> = { ...spec };
  withDefaults(out, {
    restartPolicy,
    dnsPolicy: 'ClusterFirst',
    schedulerName: 'default-scheduler',
    terminationGracePeriodSeconds: 30,
    securityContext: {},
  });
  for (const list of ['containers', 'initContainers']) {
    if (Array.isArray(out[list])) out[list] = (out[list] as Value[]).map(canonicalContainer);
  }
  return out;
}

function canonicalTemplate(template: Value, restartPolicy: string): Value {
  if (!isValueObject(template)) return template;
  return { ...template, spec: canonicalPodSpec(template.spec ?? {}, restartPolicy) };
}

function canonicalSpec(kind: string, spec: Value): Value {
  if (!isValueObject(spec)) return spec;
  const out: Record<string, Value> = { ...spec };
  switch (kind) {
    case 'Deployment':
      withDefaults(out, {
        replicas: 1,
        revisionHistoryLimit: 10,
        progressDeadlineSeconds: 600,
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      });
      out.template = canonicalTemplate(out.template ?? {}, 'Always');
      break;
    case 'Job':
      withDefaults(out, {
        backoffLimit: 6,
        completions: 1,
        parallelism: 1,
        completionMode: 'NonIndexed',
        suspend: false,
      });
      out.template = canonicalTemplate(out.template ?? {}, 'Always');
      break;
    case 'Service':
      withDefaults(out, { type: 'ClusterIP', sessionAffinity: 'None' });
      if (Array.isArray(out.ports)) {
        out.ports = out.ports.map((port) => {
          if (!isValueObject(port)) return port;
          const copy: Record<string, Value> = { ...port };
          withDefaults(copy, { protocol: 'TCP', targetPort: copy.port ?? null });
          return copy;
        });
      }
      break;
  }
  return out;
}

/** Digit strings to numbers where the API takes a number; nulls and empty label maps dropped. */
function normalize(value: Value, key: string | undefined, depth: number): Value {
  if (depth > 48 || isUnknown(value)) return value;
  if (Array.isArray(value)) return value.map((item) => normalize(item, undefined, depth + 1));
  if (isValueObject(value)) {
    const out: Record<string, Value> = {};
    for (const [childKey, child] of Object.entries(value)) {
      if (child === null || child === undefined) continue;
      if (
        (childKey === 'labels' || childKey === 'annotations') &&
        isValueObject(child) &&
        Object.keys(child).length === 0
      ) {
        continue;
      }
      // Label and data maps keep their keys and values as written.
      out[childKey] = isDataMap(childKey, child) ? child : normalize(child, childKey, depth + 1);
    }
    return out;
  }
  if (
    typeof value === 'string' &&
    key &&
    (INT_OR_STRING.has(key) || INTEGER_STRINGS.has(key)) &&
    /^\d+$/.test(value)
  ) {
    return Number(value);
  }
  return value;
}

/** stringData written into data (as the API server does), every value redacted (already, or now). */
function canonicalSecret(object: Record<string, Value>): void {
  const redacted = redactSecretObject(object);
  const data = {
    ...(isValueObject(redacted.data) ? redacted.data : {}),
    ...(isValueObject(redacted.stringData) ? redacted.stringData : {}),
  };
  delete object.stringData;
  object.data = data;
  withDefaults(object, { type: 'Opaque' });
}

export function canonicalObject(object: ValueObject): ValueObject {
  const out = normalize(object, undefined, 0) as Record<string, Value>;
  const kind = typeof out.kind === 'string' ? out.kind : '';
  const metadata: Record<string, Value> = isValueObject(out.metadata) ? { ...out.metadata } : {};
  if (NAMESPACED_KINDS.has(kind)) withDefaults(metadata, { namespace: 'default' });
  out.metadata = metadata;
  if (kind === 'Secret') canonicalSecret(out);
  if (out.spec !== undefined) out.spec = canonicalSpec(kind, out.spec);
  return out;
}
