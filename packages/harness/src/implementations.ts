/**
 * The six implementations: where each one's artifact is, how to read it, which files are its code
 * (for lines of code), and its declared envelope. Paths are relative to the repository root. The
 * harness never imports an implementation; it reads what they write.
 */

export type ArtifactKind =
  | 'cdk-assembly'
  | 'cloudformation-stacks'
  | 'terraform-config'
  | 'terraform-json'
  | 'pulumi-registrations';

export interface ImplementationInfo {
  readonly id: string;
  readonly label: string;
  readonly tool: string;
  /** npm workspace that synthesizes it (several ids may share one). */
  readonly packageName: string;
  readonly packageDir: string;
  readonly artifactKind: ArtifactKind;
  readonly artifactPath: string;
  /** Where its synth script writes by default (its `--out`); the artifact is at or under it. */
  readonly synthOutDir: string;
  /** Files and folders whose lines are the implementation (synth plumbing excluded). */
  readonly sources: readonly string[];
  readonly envelopeFile: string;
}

export const IMPLEMENTATIONS: readonly ImplementationInfo[] = [
  {
    id: 'cdk-l2',
    label: 'AWS CDK L2 (aws-eks-v2 in an L3 construct)',
    tool: 'AWS CDK',
    packageName: '@iac-compare/cdk',
    packageDir: 'packages/cdk',
    artifactKind: 'cdk-assembly',
    artifactPath: 'packages/cdk/out/cdk-l2',
    synthOutDir: 'packages/cdk/out',
    sources: ['packages/cdk/src/l2'],
    envelopeFile: 'packages/cdk/envelope.json',
  },
  {
    id: 'cdk-l1',
    label: 'AWS CDK L1 (Cfn* only)',
    tool: 'AWS CDK',
    packageName: '@iac-compare/cdk',
    packageDir: 'packages/cdk',
    artifactKind: 'cdk-assembly',
    artifactPath: 'packages/cdk/out/cdk-l1',
    synthOutDir: 'packages/cdk/out',
    sources: ['packages/cdk/src/l1'],
    envelopeFile: 'packages/cdk/envelope.json',
  },
  {
    id: 'cloudformation',
    label: 'CloudFormation (hand-written YAML)',
    tool: 'CloudFormation',
    packageName: '@iac-compare/cloudformation',
    packageDir: 'packages/cloudformation',
    artifactKind: 'cloudformation-stacks',
    artifactPath: 'packages/cloudformation/out',
    synthOutDir: 'packages/cloudformation/out',
    sources: ['packages/cloudformation/templates'],
    envelopeFile: 'packages/cloudformation/envelope.json',
  },
  {
    id: 'infra-terraform',
    label: 'Terraform HCL (OpenTofu-compatible)',
    tool: 'Terraform',
    packageName: '@iac-compare/infra-terraform',
    packageDir: 'infra-terraform',
    artifactKind: 'terraform-config',
    // A copy of the configuration with the target's tfvars: synth never writes into the folder
    // people deploy from.
    artifactPath: 'infra-terraform/out',
    synthOutDir: 'infra-terraform/out',
    sources: [
      'infra-terraform/versions.tf',
      'infra-terraform/providers.tf',
      'infra-terraform/variables.tf',
      'infra-terraform/main.tf',
      'infra-terraform/outputs.tf',
      'infra-terraform/modules',
    ],
    envelopeFile: 'infra-terraform/envelope.json',
  },
  {
    id: 'cdktf',
    label: 'CDK for Terraform',
    tool: 'CDKTF',
    packageName: '@iac-compare/cdktf',
    packageDir: 'packages/cdktf',
    artifactKind: 'terraform-json',
    artifactPath: 'packages/cdktf/out',
    synthOutDir: 'packages/cdktf/out',
    sources: [
      'packages/cdktf/src/network.ts',
      'packages/cdktf/src/cluster.ts',
      'packages/cdktf/src/stack.ts',
    ],
    envelopeFile: 'packages/cdktf/envelope.json',
  },
  {
    id: 'pulumi',
    label: 'Pulumi (@pulumi/aws)',
    tool: 'Pulumi',
    packageName: '@iac-compare/pulumi',
    packageDir: 'packages/pulumi',
    artifactKind: 'pulumi-registrations',
    artifactPath: 'packages/pulumi/out',
    synthOutDir: 'packages/pulumi/out',
    sources: [
      'packages/pulumi/src/index.ts',
      'packages/pulumi/src/program.ts',
      'packages/pulumi/src/network.ts',
      'packages/pulumi/src/cluster.ts',
    ],
    envelopeFile: 'packages/pulumi/envelope.json',
  },
];

export const IMPLEMENTATION_IDS = IMPLEMENTATIONS.map((implementation) => implementation.id);

export function implementationById(id: string): ImplementationInfo | undefined {
  return IMPLEMENTATIONS.find((implementation) => implementation.id === id);
}
