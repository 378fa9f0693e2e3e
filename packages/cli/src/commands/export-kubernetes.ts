/**
 * `iac-compare export kubernetes --out k8s`: the target's workloads as plain manifests, for
 * `kubectl apply -f k8s/` on Minikube, K3s or K3d before EKS, with a values file per Helm release.
 * Files are numbered in the order kubectl must apply them (it applies a folder alphabetically):
 * the namespace first, then what the Job and the Deployment read.
 */
import {
  type HelmReleasePlan,
  type KubernetesObject,
  resolveWorkloads,
  type TargetSpec,
} from '@iac-compare/spec';
import { stringify } from 'yaml';

/** The command that writes k8s/ (a test runs every command the README shows). */
export const EXPORT_COMMAND = 'npx iac-compare export kubernetes --out k8s';

/** kubernetes-models' schemas (what the manifests are validated against, offline). */
export const MANIFEST_SCHEMA_VERSION = '1.33';

const ORDER: Readonly<Record<string, string>> = {
  Namespace: '00-namespace',
  ConfigMap: '10-configmap',
  Secret: '11-secret',
  Service: '20-services',
  Job: '30-job',
  Deployment: '40-deployment',
  PodDisruptionBudget: '50-poddisruptionbudget',
};

/**
 * `helm upgrade --install` for a release, as two lines. A classic repository is `--repo URL`; an
 * OCI chart is one reference, `oci://registry/path/<chart>` (Helm's registries guide: charts in an
 * OCI registry are installed by reference, and `--repo` takes chart repositories, not registries).
 */
export function helmInstallLines(release: HelmReleasePlan, valuesFile: string): [string, string] {
  const source = release.repository.startsWith('oci://')
    ? `${release.repository.replace(/\/+$/, '')}/${release.chart}`
    : `${release.chart} --repo ${release.repository}`;
  return [
    `helm upgrade --install ${release.name} ${source}`,
    `  --version ${release.version} --namespace ${release.namespace} --create-namespace -f ${valuesFile}`,
  ];
}

function yamlOf(value: unknown): string {
  return stringify(value, { lineWidth: 0, aliasDuplicateObjects: false });
}

/** File name → content: the manifests, the Helm values files and a README. */
export function kubernetesFiles(spec: TargetSpec, source: string): Record<string, string> | undefined {
  const plan = resolveWorkloads(spec);
  if (!plan) return undefined;
  const header = [
    `# Written by iac-compare export kubernetes from ${source}. Edit the target and export again;`,
    '# changes made here are overwritten by the next export.',
  ].join('\n');
  const byFile = new Map<string, KubernetesObject[]>();
  for (const object of plan.objects) {
    const base = ORDER[object.kind] ?? `90-${object.kind.toLowerCase()}`;
    const name = object.kind === 'Job' ? `${base}-${object.metadata.name}.yaml` : `${base}.yaml`;
    byFile.set(name, [...(byFile.get(name) ?? []), object]);
  }
  const files: Record<string, string> = {};
  for (const [name, objects] of byFile) {
    files[name] = `${header}\n${objects.map((object) => `---\n${yamlOf(object)}`).join('')}`;
  }
  const helmLines: string[] = [];
  for (const release of plan.helmReleases) {
    const file = `helm/${release.name}.values.yaml`;
    const [first, second] = helmInstallLines(release, `k8s/${file}`);
    files[file] = `${header}\n# ${first} ${second.trim()}\n${yamlOf(release.values)}`;
    helmLines.push(`${first} \\`, second);
  }
  files['README.md'] = readme(spec, plan.namespace, helmLines, source);
  return files;
}

/** The image the sample runs: what it is, where it comes from, how we know the tag exists. */
export const SAMPLE_IMAGE = 'docker.io/library/elixir:1.17.3-otp-27-alpine';

function imageSection(app: NonNullable<TargetSpec['workloads']>['app'], namespace: string): string {
  if (app.image !== SAMPLE_IMAGE) {
    return `The image (\`${app.image}\`) is the target's: nothing is built here, so it must exist in its
registry and be pullable from the nodes (the pods stay in ImagePullBackOff otherwise).`;
  }
  return `## The images

Every image is public and pinned by tag; nothing is built here.

- \`${SAMPLE_IMAGE}\` for the app and the migration Job: the Docker Official Image of Elixir
  (Elixir 1.17.3 on Erlang/OTP 27, Alpine), built from github.com/erlef/docker-elixir. The tag is
  listed in docker-library/official-images, \`library/elixir\` ("Tags: 1.17.3-alpine, …,
  1.17.3-otp-27-alpine", directory \`1.17/alpine\`). The app is a BEAM node started by the
  container's \`command\` (\`elixir --name $(RELEASE_NODE) --cookie $(RELEASE_COOKIE) -e …\`): it
  answers every HTTP request on \`PORT\` (the liveness and readiness probes included) with its node
  name and the number of peers, and joins the other pods it finds through the headless Service
  (\`DNS_CLUSTER_QUERY\`) with \`Node.connect\`. The Job runs \`elixir -e\`: the sample keeps no
  database, so there is nothing to migrate. The script was run under Elixir 1.14 on OTP 24 as a
  non-root user with a read-only working directory and \`HOME=/\` (both nodes answered
  \`200 OK\`); it uses nothing newer.
- \`registry.k8s.io/metrics-server/metrics-server:v0.8.0\`, the image the metrics-server chart
  3.13.0 installs (kubernetes-sigs/metrics-server; chart 3.13.0's \`values.yaml\` pins it).

What was not verified: nothing here can pull an image, so the tags are known from those public
sources, not from a registry; no digest is pinned, because no public source we could read names
one. Pin one yourself with \`docker buildx imagetools inspect ${SAMPLE_IMAGE}\` and
\`…@sha256:<digest>\` in the target. Docker Hub limits anonymous pulls per IP (the nodes pull through
the NAT gateways' addresses); a team mirrors the image into ECR (a pull-through cache rule) and
points the target at it.

## Waiting for the rollout

The tools do not wait for the same thing (the report's resource diff shows it as \`$await\`):
Terraform and CDKTF wait for the Deployment's rollout and the Job's completion, Pulumi for those
and for a ready pod behind the HTTP Service, and both run the Helm release with \`--wait\`; CDK's
kubectl provider returns as soon as \`kubectl apply\` is accepted, so \`cdk deploy\` succeeds even
when the pods never start. After a CDK deploy (or \`kubectl apply -f k8s/\`), check yourself:
\`kubectl -n ${namespace} rollout status deployment/${app.name}\`.`;
}

function readme(spec: TargetSpec, namespace: string, helmLines: readonly string[], source: string): string {
  const app = spec.workloads!.app;
  return `<!-- written by iac-compare export kubernetes from ${source}; edit the target and export again -->
# The workloads, as plain Kubernetes manifests

What every implementation deploys on the cluster, as YAML a learner applies by hand: a namespace,
the clustered Phoenix service \`${app.name}\` (a Deployment of ${app.replicas} BEAM nodes, a headless Service
they find each other through, an HTTP Service, the environment in a ConfigMap, a Secret, a
migration Job and a PodDisruptionBudget) and the Helm releases. Generated from the target by
\`${EXPORT_COMMAND}\` (from the repository's root): edit the target, not these files.

## On a local cluster first

\`\`\`sh
k3d cluster create phoenix        # or: minikube start, or a K3s node
kubectl apply -f k8s/             # the numbered files, in order: the namespace first
kubectl -n ${namespace} get pods,svc,jobs,pdb
${helmLines.join('\n')}
\`\`\`

${imageSection(app, namespace)}

## Secrets

\`11-secret.yaml\` holds what the target holds: placeholders. Real values never belong in a target
file, a manifest or a template. A real team keeps them in AWS Systems Manager Parameter Store or
Secrets Manager and lets the [External Secrets Operator](https://external-secrets.io) write the
Secret in the cluster (an \`ExternalSecret\` naming the parameters, with IRSA or EKS Pod Identity for
the operator), or the Secrets Store CSI Driver with the AWS provider mounts them. Then drop the
Secret from what the IaC tool deploys. Where each tool keeps the values today:

- CDK puts the manifest, values included, in the CloudFormation template (visible in the console).
- Terraform and CDKTF keep them in the state (\`workload_secrets\` is a sensitive variable: supply
  it with \`TF_VAR_workload_secrets\` from your secret store; keep the state encrypted).
  \`iac-compare export tfvars\` never writes them.
- Pulumi takes them from the stack's secret config \`iac-compare:workloadSecrets\` (\`pulumi config
  set --secret --path\`, packages/pulumi/README.md) and keeps them encrypted in its state.

iac-compare never prints, caches or saves a secret value: reports show a hash of it.

## Validation

The manifests are validated offline against the Kubernetes OpenAPI schemas of
[kubernetes-models](https://github.com/tommy351/kubernetes-models-ts) 4.5 (Kubernetes
${MANIFEST_SCHEMA_VERSION}); the cluster runs Kubernetes ${spec.cluster.version}. The objects use only
long-stable fields (apps/v1, batch/v1, policy/v1), which have not changed between the two.
`;
}
