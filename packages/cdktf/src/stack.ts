/** The CDKTF stack: the AWS provider with the target's default tags, the network, the cluster and its workloads. */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider/index.js';
import { resolveTarget, type TargetSpec } from '@iac-compare/spec';
import { TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { Cluster } from './cluster.js';
import { Network } from './network.js';
import { Workloads } from './workloads.js';

/** The AWS provider versions both Terraform implementations accept (infra-terraform/versions.tf). */
export const AWS_PROVIDER_CONSTRAINT = '~> 6.25';
/** The kubernetes and helm provider versions both accept (the bindings pin 2.38.0 and 3.1.1). */
export const KUBERNETES_PROVIDER_CONSTRAINTS = { kubernetes: '~> 2.38', helm: '~> 3.0' } as const;

export class EksTargetStack extends TerraformStack {
  constructor(scope: Construct, id: string, spec: TargetSpec) {
    super(scope, id);
    const infra = resolveTarget(spec);
    new AwsProvider(this, 'aws', { region: spec.region, defaultTags: [{ tags: { ...spec.tags } }] });
    const network = new Network(this, 'network', infra);
    const cluster = new Cluster(this, 'eks', infra, network.subnetIds, network.privateEgress);
    // The bindings are generated from provider 6.25.0 and pin it exactly; take the same constraint
    // as infra-terraform/versions.tf instead, so both accept the same providers.
    this.addOverride('terraform.required_providers.aws.version', AWS_PROVIDER_CONSTRAINT);
    if (spec.workloads) {
      new Workloads(this, 'workloads', spec, {
        name: cluster.cluster.name,
        endpoint: cluster.cluster.endpoint,
        certificateAuthority: cluster.cluster.certificateAuthority.get(0).data,
        ready: cluster.readyForWorkloads,
      });
      for (const [provider, constraint] of Object.entries(KUBERNETES_PROVIDER_CONSTRAINTS)) {
        this.addOverride(`terraform.required_providers.${provider}.version`, constraint);
      }
    }
    new TerraformOutput(this, 'vpc_id', { value: network.vpc.id });
    new TerraformOutput(this, 'cluster_name', { value: cluster.cluster.name });
    new TerraformOutput(this, 'cluster_endpoint', { value: cluster.cluster.endpoint });
  }
}
