/**
 * Rules of the `workloads` section that zod alone does not state: Kubernetes names and their
 * lengths (with the suffixes the objects add), quantities, the PodDisruptionBudget against the
 * replicas, env names, the secrets a Phoenix release needs, and pinned images and charts.
 */
import { appendKey, type Problem } from './errors.js';
import { PREEXISTING_NAMESPACES } from './workloads.js';
import { EPMD_PORT, REQUIRED_SECRETS, WORKLOAD_BOUNDS, type WorkloadsSpec } from './workloads-schema.js';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const QUANTITY = /^([0-9]+(\.[0-9]+)?)(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$/;
const EXACT_VERSION = /^v?\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;
// registry/path:tag or …@sha256:<64 hex>; the tag is what follows the last colon after the last slash.
const IMAGE =
  /^[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]+)?(\/[a-z0-9]+([._-][a-z0-9]+)*)*(:[\w][\w.-]{0,127})?(@sha256:[a-f0-9]{64})?$/;

/** Namespaces Kubernetes owns: an implementation must not create (or, on destroy, delete) them. */

/** The longest app name: `<name>-headless` must stay a DNS label (63). */
export const MAX_APP_NAME = 40;
/** Helm keeps release names to 53 characters (it appends suffixes to them). */
export const MAX_HELM_RELEASE_NAME = 53;

const MULTIPLIERS: Record<string, number> = {
  '': 1,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

/** A Kubernetes quantity in base units (cores, bytes), or undefined when it is not one. */
export function parseQuantity(text: string): number | undefined {
  const match = QUANTITY.exec(text);
  if (!match) return undefined;
  return Number(match[1]) * MULTIPLIERS[match[3] ?? '']!;
}

function checkDnsLabel(path: string, value: string, max: number, what: string): Problem[] {
  if (value.length > max || !DNS_LABEL.test(value)) {
    return [
      {
        path,
        message: `"${value}" is not a valid ${what}: lowercase letters, digits and hyphens, starting and ending with a letter or digit, at most ${max} characters`,
      },
    ];
  }
  return [];
}

function checkBound(path: string, value: number, bound: { minimum: number; maximum: number }): Problem[] {
  if (value < bound.minimum || value > bound.maximum) {
    return [{ path, message: `must be ${bound.minimum} to ${bound.maximum}` }];
  }
  return [];
}

function checkResources(workloads: WorkloadsSpec): Problem[] {
  const problems: Problem[] = [];
  const base = 'workloads.app.resources';
  const { requests, limits } = workloads.app.resources;
  const quantities: [string, string | undefined][] = [
    [`${base}.requests.cpu`, requests.cpu],
    [`${base}.requests.memory`, requests.memory],
    [`${base}.limits.cpu`, limits.cpu],
    [`${base}.limits.memory`, limits.memory],
  ];
  for (const [path, text] of quantities) {
    if (text !== undefined && parseQuantity(text) === undefined) {
      problems.push({
        path,
        message: `"${text}" is not a Kubernetes quantity such as 250m, 1, 512Mi or 1Gi`,
      });
    }
  }
  for (const resource of ['cpu', 'memory'] as const) {
    const request = parseQuantity(requests[resource]);
    const limit = limits[resource] === undefined ? undefined : parseQuantity(limits[resource]);
    if (request !== undefined && limit !== undefined && limit < request) {
      problems.push({
        path: `${base}.limits.${resource}`,
        message: `the limit ${limits[resource]} is below the request ${requests[resource]}; the API server rejects such a pod`,
      });
    }
  }
  return problems;
}

function checkApp(workloads: WorkloadsSpec): Problem[] {
  const { app } = workloads;
  const base = 'workloads.app';
  const problems: Problem[] = [...checkDnsLabel(`${base}.name`, app.name, MAX_APP_NAME, 'app name')];
  if (!IMAGE.test(app.image)) {
    problems.push({
      path: `${base}.image`,
      message: `"${app.image}" is not an image reference such as ghcr.io/example/phoenix:1.4.2`,
    });
  } else if (!/(:[\w][\w.-]*|@sha256:[a-f0-9]{64})$/.test(app.image.replace(/^[^/]+:[0-9]+\//, ''))) {
    problems.push({
      path: `${base}.image`,
      message: `"${app.image}" has no tag or digest; pin one (…:1.4.2 or …@sha256:…) so that every deploy runs the same code`,
    });
  } else if (/:latest$/.test(app.image)) {
    problems.push({
      path: `${base}.image`,
      message: `"${app.image}" is :latest, which changes under the same reference; pin a version or a digest`,
    });
  }
  if (app.command !== undefined && (app.command.length === 0 || app.command[0] === '')) {
    problems.push({
      path: `${base}.command`,
      message: "give the command and its arguments, or leave command out to run the image's entrypoint",
    });
  }
  problems.push(...checkBound(`${base}.replicas`, app.replicas, WORKLOAD_BOUNDS.replicas));
  problems.push(...checkBound(`${base}.port`, app.port, WORKLOAD_BOUNDS.port));
  if (app.port === EPMD_PORT) {
    problems.push({
      path: `${base}.port`,
      message: `${EPMD_PORT} is epmd's port, which the BEAM nodes use to find each other`,
    });
  }
  problems.push(
    ...checkBound(
      `${base}.terminationGracePeriodSeconds`,
      app.terminationGracePeriodSeconds,
      WORKLOAD_BOUNDS.terminationGracePeriodSeconds,
    ),
  );
  for (const which of ['liveness', 'readiness'] as const) {
    const probe = app.probes[which];
    const path = `${base}.probes.${which}`;
    if (!probe.path.startsWith('/')) problems.push({ path: `${path}.path`, message: 'must start with /' });
    problems.push(
      ...checkBound(`${path}.initialDelaySeconds`, probe.initialDelaySeconds, WORKLOAD_BOUNDS.probeSeconds),
    );
    problems.push(...checkBound(`${path}.periodSeconds`, probe.periodSeconds, WORKLOAD_BOUNDS.probeSeconds));
    problems.push(
      ...checkBound(`${path}.failureThreshold`, probe.failureThreshold, WORKLOAD_BOUNDS.failureThreshold),
    );
  }
  problems.push(
    ...checkBound(`${base}.securityContext.runAsUser`, app.securityContext.runAsUser, WORKLOAD_BOUNDS.user),
  );
  problems.push(
    ...checkBound(`${base}.securityContext.runAsGroup`, app.securityContext.runAsGroup, WORKLOAD_BOUNDS.user),
  );
  problems.push(...checkResources(workloads));
  const { minAvailable } = app.disruptionBudget;
  if (minAvailable < 0 || minAvailable >= app.replicas) {
    problems.push({
      path: `${base}.disruptionBudget.minAvailable`,
      message: `must be 0 to ${app.replicas - 1} (below replicas): with ${minAvailable} of ${app.replicas} pods always required, no node can be drained and every node group update waits until it fails`,
    });
  }
  const reserved = new Set(['PORT', 'DNS_CLUSTER_QUERY', 'POD_IP', 'RELEASE_DISTRIBUTION', 'RELEASE_NODE']);
  for (const key of Object.keys(app.env)) {
    const path = appendKey(`${base}.env`, key);
    if (!ENV_NAME.test(key)) problems.push({ path, message: `"${key}" is not an environment variable name` });
    else if (reserved.has(key))
      problems.push({ path, message: `${key} is set by the workload itself; remove it` });
    else if (key in app.secrets)
      problems.push({ path, message: `${key} is also a secret; keep it in one place` });
  }
  for (const [key, value] of Object.entries(app.secrets)) {
    const path = appendKey(`${base}.secrets`, key);
    if (!ENV_NAME.test(key)) problems.push({ path, message: `"${key}" is not an environment variable name` });
    if (value === '')
      problems.push({ path, message: 'give a value (a placeholder here, the real one at deploy)' });
  }
  for (const key of REQUIRED_SECRETS) {
    if (!(key in app.secrets)) {
      problems.push({
        path: `${base}.secrets`,
        message: `${key} is missing: a clustered Phoenix release needs ${REQUIRED_SECRETS.join(' and ')}`,
      });
    }
  }
  if (app.migration.command.length === 0) {
    problems.push({ path: `${base}.migration.command`, message: 'give the migration command' });
  }
  problems.push(
    ...checkBound(`${base}.migration.backoffLimit`, app.migration.backoffLimit, WORKLOAD_BOUNDS.backoffLimit),
  );
  problems.push(
    ...checkBound(
      `${base}.migration.activeDeadlineSeconds`,
      app.migration.activeDeadlineSeconds,
      WORKLOAD_BOUNDS.activeDeadlineSeconds,
    ),
  );
  return problems;
}

function checkHelmReleases(workloads: WorkloadsSpec): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  workloads.helmReleases.forEach((release, index) => {
    const base = `workloads.helmReleases[${index}]`;
    problems.push(...checkDnsLabel(`${base}.name`, release.name, MAX_HELM_RELEASE_NAME, 'Helm release name'));
    problems.push(...checkDnsLabel(`${base}.namespace`, release.namespace, 63, 'namespace'));
    const id = `${release.namespace}/${release.name}`;
    if (seen.has(id))
      problems.push({ path: `${base}.name`, message: `release ${id} is listed more than once` });
    seen.add(id);
    if (!/^(https:\/\/|oci:\/\/)\S+$/.test(release.repository)) {
      problems.push({
        path: `${base}.repository`,
        message: `"${release.repository}" is not a chart repository: give an https:// or oci:// URL`,
      });
    }
    if (!/^[a-z0-9]([-a-z0-9_.]*[a-z0-9])?$/.test(release.chart)) {
      problems.push({ path: `${base}.chart`, message: `"${release.chart}" is not a chart name` });
    }
    if (!EXACT_VERSION.test(release.version)) {
      problems.push({
        path: `${base}.version`,
        message: `"${release.version}" is not one chart version; pin it (3.13.0), so that every deploy installs the same chart`,
      });
    }
  });
  return problems;
}

export function checkWorkloads(workloads: WorkloadsSpec | undefined): Problem[] {
  if (!workloads) return [];
  const problems: Problem[] = [...checkDnsLabel('workloads.namespace', workloads.namespace, 63, 'namespace')];
  if (PREEXISTING_NAMESPACES.includes(workloads.namespace)) {
    problems.push({
      path: 'workloads.namespace',
      message: `${workloads.namespace} belongs to Kubernetes; the implementations create (and on destroy delete) the app's namespace, so choose one of its own`,
    });
  }
  return [...problems, ...checkApp(workloads), ...checkHelmReleases(workloads)];
}
