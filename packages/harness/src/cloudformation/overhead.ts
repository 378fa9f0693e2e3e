/**
 * Which CloudFormation resources are tool machinery (overhead) rather than part of the target:
 * CDK's version-reporting metadata, the Lambda functions, roles and policies behind custom
 * resources, nested-stack shells, and aws-eks-v2's readiness barrier. Starting from those seeds,
 * what exists only to serve them is overhead too. A custom resource itself is not machinery: it
 * builds or changes something (strips a default security group, creates a cluster), so it is core
 * — claimed by observe when iac-compare knows what it does, unaccounted when it does not.
 */
import { isUnknown, isValueObject, type Value } from '../model/value.js';
import type { EvaluatedResource } from './evaluate.js';

const MAX_ROUNDS = 16;

function referencedAddresses(value: Value | undefined, out = new Set<string>(), depth = 0): Set<string> {
  if (value === undefined || depth > 64) return out;
  if (isUnknown(value)) for (const reference of value.references) out.add(reference.address);
  else if (Array.isArray(value)) for (const item of value) referencedAddresses(item, out, depth + 1);
  else if (isValueObject(value))
    for (const item of Object.values(value)) referencedAddresses(item, out, depth + 1);
  return out;
}

function seedReason(resource: EvaluatedResource): string | undefined {
  const path = String(resource.metadata['aws:cdk:path'] ?? '');
  if (resource.type === 'AWS::CDK::Metadata') return 'CDK version reporting (CDKMetadata)';
  if (resource.type === 'AWS::CloudFormation::Stack')
    return 'nested stack (its resources are listed on their own)';
  if (resource.type === 'AWS::SSM::Parameter' && resource.properties.Value === 'aws:cdk:eks:kubectl-ready') {
    return 'aws-eks-v2 readiness barrier (SSM parameter)';
  }
  if (/CustomResourceProvider|\/Provider\/framework-|\/Provider\/Handler/.test(path))
    return 'custom resource provider';
  if (/\/KubectlProvider\//.test(path)) {
    return 'aws-eks-v2 kubectl provider (the Lambda that runs kubectl and helm for the manifests and charts)';
  }
  return undefined;
}

/** Address → why it is overhead. */
export function classifyOverhead(resources: readonly EvaluatedResource[]): Map<string, string> {
  const overhead = new Map<string, string>();
  const byAddress = new Map(resources.map((resource) => [resource.address, resource]));
  for (const resource of resources) {
    const reason = seedReason(resource);
    if (reason) overhead.set(resource.address, reason);
  }
  // The Lambda behind any custom resource is machinery; the custom resource itself is core.
  const isCustom = (type: string) =>
    type.startsWith('Custom::') || type === 'AWS::CloudFormation::CustomResource';
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const before = overhead.size;
    for (const resource of resources) {
      if (!overhead.has(resource.address) && !isCustom(resource.type)) continue;
      // What an overhead resource's provider code points at (the Lambda behind a ServiceToken,
      // the role a Lambda runs as) is overhead too.
      const targets =
        resource.type === 'AWS::Lambda::Function'
          ? referencedAddresses(resource.properties.Role)
          : referencedAddresses(resource.properties.ServiceToken);
      for (const target of targets) {
        const found = byAddress.get(target);
        if (
          found &&
          !overhead.has(target) &&
          ['AWS::Lambda::Function', 'AWS::IAM::Role'].includes(found.type)
        ) {
          overhead.set(
            target,
            `runs ${resource.type === 'AWS::Lambda::Function' ? 'the custom resource provider' : resource.type}`,
          );
        }
      }
    }
    for (const resource of resources) {
      if (overhead.has(resource.address)) continue;
      // The layers an overhead Lambda runs with (kubectl, the AWS CLI).
      if (resource.type === 'AWS::Lambda::LayerVersion') {
        const users = resources.filter(
          (candidate) =>
            candidate.type === 'AWS::Lambda::Function' &&
            referencedAddresses(candidate.properties.Layers).has(resource.address),
        );
        if (users.length > 0 && users.every((user) => overhead.has(user.address))) {
          overhead.set(resource.address, 'a layer of a custom resource provider (kubectl, AWS CLI)');
        }
      }
      // aws-eks-v2 lets its kubectl provider's role into the cluster with an access entry.
      if (['AWS::EKS::AccessEntry', 'AWS::EKS::AccessPolicyAssociation'].includes(resource.type)) {
        const principals = [...referencedAddresses(resource.properties.PrincipalArn)];
        if (principals.length > 0 && principals.every((address) => overhead.has(address))) {
          overhead.set(
            resource.address,
            'lets the kubectl provider into the cluster (cluster admin for its role)',
          );
        }
      }
      // A policy, permission or layer that only serves overhead resources.
      if (
        ['AWS::IAM::Policy', 'AWS::Lambda::Permission', 'AWS::IAM::ManagedPolicy'].includes(resource.type)
      ) {
        const targets = [...referencedAddresses(resource.properties as Value)].filter((address) =>
          byAddress.has(address),
        );
        if (targets.length > 0 && targets.every((address) => overhead.has(address))) {
          overhead.set(resource.address, 'permissions of a custom resource provider');
        }
      }
    }
    if (overhead.size === before) break;
  }
  return overhead;
}
