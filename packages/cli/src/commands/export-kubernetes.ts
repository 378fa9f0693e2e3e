/**
 * `iac-compare export kubernetes --out k8s`: the target's workloads as plain manifests, for
 * `kubectl apply -f k8s/` on Minikube, K3s or K3d before EKS, with a values file per Helm release.
 * Files are numbered in the order kubectl must apply them (it applies a folder alphabetically):
 * the namespace first, then what the Job and the Deployment read.
 */
import { type KubernetesObject, resolveWorkloads, type TargetSpec } from '@iac-compare/spec';
import { stringify } from 'yaml';

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
    files[file] =
      `${header}\n# helm upgrade --install ${release.name} ${release.chart} --repo ${release.repository} --version ${release.version} --namespace ${release.namespace} -f k8s/${file}\n${yamlOf(release.values)}`;
    helmLines.push(
      `helm upgrade --install ${release.name} ${release.chart} --repo ${release.repository} \\`,
      `  --version ${release.version} --namespace ${release.namespace} --create-namespace -f k8s/${file}`,
    );
  }
  files['README.md'] = readme(spec, plan.namespace, helmLines, source);
  return files;
}

function readme(spec: TargetSpec, namespace: string, helmLines: readonly string[], source: string): string {
  const app = spec.workloads!.app;
  return `<!-- written by iac-compare export kubernetes from ${source}; edit the target and export again -->
# The workloads, as plain Kubernetes manifests

What every implementation deploys on the cluster, as YAML a learner applies by hand: a namespace,
the clustered Phoenix service \`${app.name}\` (a Deployment of ${app.replicas} BEAM nodes, a headless Service
they find each other through, an HTTP Service, the environment in a ConfigMap, a Secret, a
migration Job and a PodDisruptionBudget) and the Helm releases. Generated from the target by
\`npm run -s iac-compare -- export kubernetes --out k8s\`: edit the target, not these files.

## On a local cluster first

\`\`\`sh
k3d cluster create phoenix        # or: minikube start, or a K3s node
kubectl apply -f k8s/             # the numbered files, in order: the namespace first
kubectl -n ${namespace} get pods,svc,jobs,pdb
${helmLines.join('\n')}
\`\`\`

The image (\`${app.image}\`) is a reference: nothing is built here, so the pods stay in
ImagePullBackOff unless the image exists. Replace it with one of your own in the target.

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
- Pulumi keeps them encrypted in its state (the Kubernetes provider marks Secret data as secret).

iac-compare never prints, caches or saves a secret value: reports show a hash of it.

## Validation

The manifests are validated offline against the Kubernetes OpenAPI schemas of
[kubernetes-models](https://github.com/tommy351/kubernetes-models-ts) 4.5 (Kubernetes
${MANIFEST_SCHEMA_VERSION}); the cluster runs Kubernetes ${spec.cluster.version}. The objects use only
long-stable fields (apps/v1, batch/v1, policy/v1), which have not changed between the two.
`;
}
