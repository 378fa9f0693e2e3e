/**
 * observe(inventory) → the infrastructure it would build. Follows references from anchors (the
 * cluster → its role, subnets, key; a subnet → its route table → default route → NAT or IGW; a node
 * group → its launch template) and treats equivalent forms as one fact: managed policies inline or
 * as attachments, access policies inline or as associations, routes inline or separate, security
 * group rules inline or separate, tags as a list or a map, stack tags and provider default tags.
 * Every resource it reads is claimed as an item (ledger.ts accounts for the rest).
 */
import type { Inventory } from '../model/inventory.js';
import { observeCluster } from './cluster.js';
import { ObserveContext } from './context.js';
import { ResourceGraph } from './graph.js';
import type { ObservedInfrastructure } from './model.js';
import { observeNetwork } from './network.js';
import { observeNodeGroups } from './node-groups.js';
import { observeWorkloads } from './workloads.js';

export function observe(inventory: Inventory): ObservedInfrastructure {
  const context = new ObserveContext(new ResourceGraph(inventory));
  const network = observeNetwork(context);
  const cluster = observeCluster(context);
  const nodes = observeNodeGroups(context, network.defaultRouteOf);
  const workloads = observeWorkloads(context, inventory);
  return {
    vpc: network.vpc,
    internetGateway: network.internetGateway,
    subnets: network.subnets,
    natGateways: network.natGateways,
    vpcEndpoints: network.vpcEndpoints,
    kmsKey: cluster.kmsKey,
    logGroup: cluster.logGroup,
    clusterRole: cluster.clusterRole,
    nodeRole: nodes.nodeRole,
    cluster: cluster.cluster,
    addons: cluster.addons,
    accessEntries: cluster.accessEntries,
    nodeGroups: nodes.nodeGroups,
    workloads,
    notes: context.notes,
    claims: context.claims,
  };
}
