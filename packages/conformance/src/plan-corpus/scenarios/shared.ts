/** What the scenario files share: tool groups, selectors, and the expectation helper. */
import {
  ALL_TOOLS,
  CLOUDFORMATION_FAMILY,
  type Expectation,
  KUBERNETES_TOOLS,
  type Selector,
  TERRAFORM_FAMILY,
  type Tool,
} from '../model.js';
import { SOURCE } from '../sources.js';

export { KUBERNETES_TOOLS };

export const ALL = ALL_TOOLS;
export const CFN = CLOUDFORMATION_FAMILY;
export const TF = TERRAFORM_FAMILY;
export const PULUMI: readonly Tool[] = ['pulumi'];
export const NOT_CFN: readonly Tool[] = [...TF, 'pulumi'];
export const CDK_L2: readonly Tool[] = ['cdk-l2'];
export const L1_AND_RAW: readonly Tool[] = ['cdk-l1', 'cloudformation'];
export const RAW: readonly Tool[] = ['cloudformation'];
export const SINGLE_STACK: readonly Tool[] = ['cdk-l2', 'cdk-l1'];
export const K8S_NOT_CDK: readonly Tool[] = [...TF, 'pulumi'];

export const kind = (name: string): Selector => ({ kind: name });
export const CDK_MANIFESTS: Selector = { type: /^Custom::AWSCDK-EKS-/ };
export const WORKLOADS: Selector = { type: /^(kubernetes|helm_release)/ };

export function expect(
  tools: readonly Tool[],
  match: Selector,
  action: Expectation['action'],
  source: string,
  extra: Partial<Omit<Expectation, 'tools' | 'match' | 'action' | 'source'>> = {},
): Expectation {
  return { tools, match, action, source, fails: false, ...extra };
}

/** The Terraform and CDKTF name of a CloudFormation property's rule, for the citation. */
export const nodeGroupReplaced = (property: string, argument: string): Expectation[] => [
  expect(CFN, kind('eks-node-group'), 'replace', SOURCE.cfnSpec('AWS::EKS::Nodegroup', property, true), {
    order: 'create-first',
  }),
  expect(
    TF,
    kind('eks-node-group'),
    'replace',
    `${SOURCE.tfEks(`aws_eks_node_group.${argument}`, true)}; lifecycle.create_before_destroy`,
    {
      order: 'create-first',
    },
  ),
  expect(
    PULUMI,
    kind('eks-node-group'),
    'replace',
    `${SOURCE.pulumiBridge}; the group has a name prefix, so no delete-first`,
    {
      order: 'create-first',
    },
  ),
];

export const withoutWorkloads = (spec: Record<string, unknown>) => {
  delete spec.workloads;
};
