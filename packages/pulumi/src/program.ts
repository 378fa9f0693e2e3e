/** The whole target as one function of the spec: the provider (with default tags), network, cluster and workloads. */
import { resolveTarget, type TargetSpec } from '@iac-compare/spec';
import { Provider } from '@pulumi/aws/provider.js';
import type * as pulumi from '@pulumi/pulumi';
import { Cluster } from './cluster.js';
import { Network } from './network.js';
import { Workloads } from './workloads.js';

export interface TargetOutputs {
  readonly vpcId: pulumi.Output<string>;
  readonly clusterName: pulumi.Output<string>;
  readonly clusterEndpoint: pulumi.Output<string>;
}

export interface DefineTargetOptions {
  /**
   * The workloads' Secret values (`workloadSecretsFromConfig()` in `pulumi up`). Left out, the
   * target's placeholders are used: the offline synth under mocks, never a real deploy.
   */
  readonly secrets?: pulumi.Input<Record<string, string>>;
}

export function defineTarget(spec: TargetSpec, options: DefineTargetOptions = {}): TargetOutputs {
  const infra = resolveTarget(spec);
  const provider = new Provider('aws', { region: spec.region, defaultTags: { tags: { ...spec.tags } } });
  const network = new Network('network', infra, { providers: [provider] });
  const cluster = new Cluster('eks', infra, network.subnetIds, network.privateEgress, {
    providers: [provider],
  });
  if (spec.workloads) {
    new Workloads(
      'workloads',
      spec,
      {
        name: cluster.clusterName,
        endpoint: cluster.endpoint,
        certificateAuthority: cluster.certificateAuthority,
        ready: cluster.readyForWorkloads,
      },
      undefined,
      options.secrets,
    );
  }
  return { vpcId: network.vpcId, clusterName: cluster.clusterName, clusterEndpoint: cluster.endpoint };
}

export { Cluster, Network };
