/**
 * What the guide states that no run of iac-compare measures: what each tool needs in order to
 * deploy, the ecosystem's facts, and the glossary. Each fact carries its source; the guide prints
 * them beside the measured data and says which is which.
 */

export interface DeployNeeds {
  readonly tool: string;
  /** The implementations written with it. */
  readonly implementations: readonly string[];
  readonly languages: string;
  readonly credentials: string;
  readonly state: string;
  readonly bootstrap: string;
  readonly binaries: string;
  readonly license: string;
  readonly maintainer: string;
  readonly sources: readonly string[];
}

export const DEPLOY_NEEDS: readonly DeployNeeds[] = [
  {
    tool: 'AWS CDK',
    implementations: ['cdk-l2', 'cdk-l1'],
    languages: 'TypeScript, JavaScript, Python, Java, C#, Go',
    credentials: 'AWS credentials of the account and region',
    state: 'none of its own: CloudFormation keeps it, in the account',
    bootstrap: '`cdk bootstrap` once per account and region (an S3 bucket, an ECR repository, IAM roles)',
    binaries: 'Node.js and the `aws-cdk` CLI (any app language also needs its own runtime)',
    license: 'Apache-2.0',
    maintainer: 'AWS',
    sources: [
      'https://docs.aws.amazon.com/cdk/v2/guide/languages.html',
      'https://docs.aws.amazon.com/cdk/v2/guide/bootstrapping.html',
      'https://github.com/aws/aws-cdk/blob/main/LICENSE',
    ],
  },
  {
    tool: 'CloudFormation',
    implementations: ['cloudformation'],
    languages: 'YAML or JSON templates',
    credentials: 'AWS credentials of the account and region',
    state: 'none of its own: the stack, in the account',
    bootstrap: 'none (an S3 bucket only for templates over 51,200 bytes)',
    binaries: 'the AWS CLI, or the console',
    license: 'a service (no license for the templates)',
    maintainer: 'AWS',
    sources: ['https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html'],
  },
  {
    tool: 'Terraform / OpenTofu',
    implementations: ['infra-terraform'],
    languages: 'HCL (or JSON)',
    credentials: 'AWS credentials, and the cluster’s for the kubernetes and helm providers',
    state: 'a state file: local, or a backend (S3 with locking, HCP Terraform) for a team',
    bootstrap: 'the state backend, before the first apply',
    binaries: '`terraform` (BUSL-1.1 since 1.6) or `tofu` (MPL-2.0), and the providers it downloads',
    license: 'Terraform BUSL-1.1 from 1.6; OpenTofu MPL-2.0',
    maintainer: 'HashiCorp (an IBM company); OpenTofu: the Linux Foundation',
    sources: [
      'https://www.hashicorp.com/blog/hashicorp-adopts-business-source-license',
      'https://github.com/opentofu/opentofu/blob/main/LICENSE',
      'https://developer.hashicorp.com/terraform/language/state',
    ],
  },
  {
    tool: 'CDK for Terraform',
    implementations: ['cdktf'],
    languages: 'TypeScript, Python, Java, C#, Go',
    credentials: 'as Terraform',
    state: 'as Terraform',
    bootstrap: 'as Terraform',
    binaries: 'Node.js, the `cdktf` CLI and `terraform`',
    license: 'MPL-2.0',
    maintainer:
      'none: HashiCorp deprecated it and archived the repository in December 2025; CDK Terrain (`cdktn`) is its community fork',
    sources: ['https://github.com/hashicorp/terraform-cdk'],
  },
  {
    tool: 'Pulumi',
    implementations: ['pulumi'],
    languages: 'TypeScript, JavaScript, Python, Go, C#, Java, YAML',
    credentials: 'AWS credentials, and a Pulumi Cloud token unless the state is kept elsewhere',
    state: 'Pulumi Cloud, or a self-managed backend (S3, a local folder)',
    bootstrap: 'a stack (`pulumi stack init`), and the backend if self-managed',
    binaries: 'the `pulumi` CLI (its engine) and the language runtime; provider plugins are downloaded',
    license: 'Apache-2.0',
    maintainer: 'Pulumi Corporation',
    sources: [
      'https://www.pulumi.com/docs/iac/languages-sdks/',
      'https://www.pulumi.com/docs/iac/concepts/state-and-backends/',
      'https://github.com/pulumi/pulumi/blob/master/LICENSE',
    ],
  },
];

export const CRITERIA: readonly { readonly question: string; readonly answer: string }[] = [
  {
    question: 'One cloud or many?',
    answer:
      'CloudFormation and the AWS CDK deploy to AWS. Terraform, OpenTofu, CDK for Terraform and Pulumi reach every cloud and SaaS with a provider, and Kubernetes in the same program.',
  },
  {
    question: 'Which languages does the team write?',
    answer:
      'A team of developers in TypeScript, Python, Java, C# or Go writes the AWS CDK or Pulumi in the language it knows, with its tests and package manager. A team of operators who read HCL every day keeps Terraform. CloudFormation YAML needs no programming language, and is the longest to write (lines of code, above).',
  },
  {
    question: 'Is there state or modules already?',
    answer:
      'Existing Terraform state and modules favour Terraform or OpenTofu; CDK for Terraform reads the same state but is no longer maintained (below). Existing CloudFormation stacks favour the CDK, which deploys through them.',
  },
  {
    question: 'Does the license matter?',
    answer:
      'Terraform from 1.6 is under the Business Source License 1.1, which restricts offering it as a competing service; OpenTofu, its fork, stays under MPL-2.0. The AWS CDK and Pulumi are Apache-2.0.',
  },
  {
    question: 'Who maintains it?',
    answer:
      'AWS maintains CloudFormation and the CDK; HashiCorp Terraform; the Linux Foundation OpenTofu; Pulumi Corporation Pulumi. CDK for Terraform was deprecated and its repository archived in December 2025: its community fork is CDK Terrain (`cdktn`). This project keeps it because teams migrating off it need the comparison most.',
  },
];

export const ECOSYSTEM: readonly { readonly fact: string; readonly source: string }[] = [
  {
    fact: 'The AWS CDK’s construct levels: L1 (`Cfn*`, one to one with CloudFormation resources), L2 (intent-based, with defaults and helper methods), L3 (patterns of several resources). cdk-l1 here uses only L1; cdk-l2 wraps L2 constructs (aws-eks-v2) in an L3 construct.',
    source: 'https://docs.aws.amazon.com/cdk/v2/guide/constructs.html',
  },
  {
    fact: 'Pulumi’s engine compares the program’s resource registrations with the stack’s state and calls the providers; the program is a plain process in its own language.',
    source: 'https://www.pulumi.com/docs/iac/concepts/how-pulumi-works/',
  },
  {
    fact: 'CDK for Terraform was deprecated and its repository archived in December 2025; CDK Terrain (`cdktn`) is its community successor.',
    source: 'https://github.com/hashicorp/terraform-cdk',
  },
  {
    fact: 'Terraform 1.6 and later are under the Business Source License 1.1 (from August 2023); OpenTofu, forked from Terraform 1.5, is under MPL-2.0.',
    source: 'https://www.hashicorp.com/blog/hashicorp-adopts-business-source-license',
  },
];

export const GLOSSARY: readonly { readonly term: string; readonly meaning: string }[] = [
  {
    term: 'conforms',
    meaning:
      'Builds every fact of the target (the typed spec) and nothing AWS or a provider would reject, with every resource accounted for: "deploys the same infrastructure", within what the harness reads (docs/architecture.md).',
  },
  {
    term: 'envelope',
    meaning:
      'The part of the spec an implementation declares it supports; a target outside it is reported as such, never guessed at.',
  },
  {
    term: 'ledger',
    meaning:
      'Every core resource an implementation builds: claimed by the model, classified as tool machinery, or unaccounted (a difference).',
  },
  { term: 'core', meaning: 'A resource that is part of the target (a subnet, the cluster).' },
  {
    term: 'tool machinery',
    meaning:
      'Resources a tool adds to run itself: custom-resource Lambdas, the kubectl provider, CDK metadata, Pulumi components and providers.',
  },
  {
    term: 'tool default',
    meaning:
      'A value the tool sets when the code does not (documented per entry with its source), set aside when tools are compared.',
  },
  {
    term: 'derived',
    meaning:
      'A rule for Terraform or Pulumi resources mapped from the equivalent CloudFormation property (replacement, validation), and labelled as such.',
  },
];
