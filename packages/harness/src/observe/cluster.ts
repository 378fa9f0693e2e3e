/**
 * The cluster half of observe: the EKS cluster and what it points at (its role, subnets, KMS key
 * and alias, its log group), add-ons with their order relative to the node groups, access entries
 * with policies inline or as associations, and IAM roles with managed policies inline or attached.
 */
import type { InventoryResource } from '../model/inventory.js';
import { isUnknown, isValueObject, type Value } from '../model/value.js';
import { field, type ObserveContext } from './context.js';
import { F } from './fields.js';
import type { ObservedInfrastructure, ObservedRole } from './model.js';
import { tagsOf } from './network.js';
import {
  asBoolean,
  asNumber,
  asString,
  asStringList,
  block,
  path,
  read,
  sortedStrings,
  trustedServices,
} from './views.js';

/** A role: trusted services, managed policies inline or attached (the attachments are its parts). */
export function observeRole(
  context: ObserveContext,
  role: InventoryResource | undefined,
  identity: string,
): ObservedRole | null {
  if (!role) return null;
  context.claim(role, identity);
  const inline = asStringList(read(role, F.role.managed));
  const attachments = context.graph.referrers(role, 'iam-role-policy-attachment', F.roleAttachment.role);
  for (const attachment of attachments) context.claim(attachment, identity, true);
  const attached = attachments.map((attachment) => asString(read(attachment, F.roleAttachment.policy)));
  const all = isUnknown(inline) ? inline : [...(inline as Value[]), ...attached];
  return {
    servicePrincipals: trustedServices(read(role, F.role.trust)),
    managedPolicyArns: sortedStrings(all),
    tags: tagsOf(role),
  };
}

/** What a deploy does to it on delete: delete, retain, snapshot, or refuse (protect / prevent_destroy). */
export function onDeleteOf(resource: InventoryResource): Value {
  return resource.lifecycle.onDelete;
}

export interface ObservedCluster {
  readonly cluster: ObservedInfrastructure['cluster'];
  readonly kmsKey: ObservedInfrastructure['kmsKey'];
  readonly logGroup: ObservedInfrastructure['logGroup'];
  readonly clusterRole: ObservedRole | null;
  readonly addons: ObservedInfrastructure['addons'];
  readonly accessEntries: ObservedInfrastructure['accessEntries'];
}

export function observeCluster(context: ObserveContext): ObservedCluster {
  const { graph } = context;
  const cluster = context.first('eks-cluster', 'EKS cluster');
  let clusterView: ObservedInfrastructure['cluster'] = null;
  let kmsKey: ObservedInfrastructure['kmsKey'] = null;
  let logGroup: ObservedInfrastructure['logGroup'] = null;
  let clusterRole: ObservedRole | null = null;
  if (cluster) {
    context.claim(cluster, 'cluster');
    const publicAccess = asBoolean(read(cluster, F.cluster.publicAccess), true);
    const cidrs = read(cluster, F.cluster.publicCidrs);
    const encryption = block(read(cluster, F.cluster.encryption));
    const encryptedResources = asStringList(field(encryption, 'Resources', 'resources', cluster.dialect));
    const logTypes =
      cluster.dialect === 'cloudformation'
        ? (() => {
            const types = read(
              cluster,
              path('Logging.ClusterLogging.EnabledTypes', 'enabled_cluster_log_types'),
            );
            return Array.isArray(types)
              ? types.map((item) => (isValueObject(item) ? (item.Type ?? null) : item))
              : asStringList(types);
          })()
        : asStringList(read(cluster, path('Logging', 'enabled_cluster_log_types')));
    const name = asString(read(cluster, F.cluster.name));
    clusterView = {
      name,
      version: asString(read(cluster, F.cluster.version)),
      subnets: context.keysOf(graph.targets(cluster, F.cluster.subnets, 'subnet')),
      endpointPrivateAccess: asBoolean(read(cluster, F.cluster.privateAccess), false),
      endpointPublicAccess: publicAccess,
      publicAccessCidrs:
        publicAccess === true ? sortedStrings(cidrs === undefined ? ['0.0.0.0/0'] : asStringList(cidrs)) : [],
      logging: sortedStrings(logTypes as Value),
      secretsEncryption: encryption === undefined ? [] : sortedStrings(encryptedResources),
      authenticationMode: asString(read(cluster, F.cluster.authMode)),
      bootstrapClusterCreatorAdminPermissions: asBoolean(read(cluster, F.cluster.creatorAdmin), true),
      bootstrapSelfManagedAddons: asBoolean(read(cluster, F.cluster.selfManagedAddons), true),
      tags: tagsOf(cluster),
    };
    const [key] = graph.targets(cluster, F.cluster.encryption, 'kms-key');
    if (key) {
      context.claim(key, 'kmsKey');
      const [alias] = graph.referrers(key, 'kms-alias', F.alias.target);
      context.claim(alias, 'kmsAlias');
      kmsKey = {
        alias: alias ? asString(read(alias, F.alias.name)) : null,
        enableKeyRotation: asBoolean(read(key, F.kmsKey.rotation), false),
        deletionWindowDays: asNumber(read(key, F.kmsKey.window), 30),
        onDelete: onDeleteOf(key),
        tags: tagsOf(key),
      };
    }
    const wanted = typeof name === 'string' ? `/aws/eks/${name}/cluster` : undefined;
    const group = graph
      .ofKind('log-group')
      .find((candidate) => asString(read(candidate, F.logGroup.name)) === wanted);
    if (group) {
      context.claim(group, 'logGroup');
      const retention = asNumber(read(group, F.logGroup.retention));
      logGroup = {
        name: asString(read(group, F.logGroup.name)),
        retentionDays: retention === 0 ? null : retention,
        onDelete: onDeleteOf(group),
        createdBeforeCluster: graph.reaches(cluster, group),
        tags: tagsOf(group),
      };
    }
    clusterRole = observeRole(context, graph.targets(cluster, F.cluster.role, 'iam-role')[0], 'clusterRole');
  }

  const nodeGroupResources = graph.ofKind('eks-node-group');
  const addons: Record<string, ObservedInfrastructure['addons'][string]> = {};
  for (const addon of graph.ofKind('eks-addon')) {
    const name = String(asString(read(addon, F.addon.name)));
    context.claim(addon, `addon[${name}]`);
    const before =
      nodeGroupResources.length > 0 && nodeGroupResources.every((group) => graph.reaches(group, addon));
    const after = nodeGroupResources.some((group) => graph.reaches(addon, group));
    addons[name] = {
      version: asString(read(addon, F.addon.version)),
      resolveConflicts: asString(read(addon, F.addon.resolve)),
      order: before ? 'before-node-groups' : after ? 'after-node-groups' : 'any',
      tags: tagsOf(addon),
    };
  }

  return {
    cluster: clusterView,
    kmsKey,
    logGroup,
    clusterRole,
    addons,
    accessEntries: observeAccess(context),
  };
}

function observeAccess(context: ObserveContext): ObservedInfrastructure['accessEntries'] {
  const { graph } = context;
  const associations = graph.ofKind('eks-access-policy-association');
  const accessEntries: Record<string, ObservedInfrastructure['accessEntries'][string]> = {};
  for (const entry of graph.ofKind('eks-access-entry')) {
    const principal = asString(read(entry, F.accessEntry.principal));
    const identity = `accessEntry[${String(principal)}]`;
    context.claim(entry, identity);
    const d = entry.dialect;
    const inline = read(entry, F.accessEntry.policies);
    const policyOf = (
      arn: Value | undefined,
      scope: Value | undefined,
    ): { policyArn: Value; scope: Value } => {
      const scopeBlock = block(scope);
      const type = field(scopeBlock, 'Type', 'type', d) ?? null;
      const namespaces = field(scopeBlock, 'Namespaces', 'namespaces', d);
      return {
        policyArn: arn ?? null,
        scope:
          type === 'namespace' ? { type, namespaces: sortedStrings(asStringList(namespaces)) } : { type },
      };
    };
    const own = associations.filter(
      (association) =>
        asString(read(association, F.accessPolicy.principal)) === principal ||
        graph
          .targets(association, F.accessPolicy.principal, 'eks-access-entry')
          .some((target) => target.address === entry.address),
    );
    for (const association of own) context.claim(association, identity, true);
    const policies = [
      ...(Array.isArray(inline)
        ? inline.map((policy) =>
            policyOf(
              field(policy, 'PolicyArn', 'policy_arn', d),
              field(policy, 'AccessScope', 'access_scope', d),
            ),
          )
        : []),
      ...own.map((association) =>
        policyOf(read(association, F.accessPolicy.policy), read(association, F.accessPolicy.scope)),
      ),
    ].sort((a, b) => String(a.policyArn).localeCompare(String(b.policyArn)));
    accessEntries[String(principal)] = {
      type: asString(read(entry, F.accessEntry.type), 'STANDARD'),
      kubernetesGroups: sortedStrings(asStringList(read(entry, F.accessEntry.groups))),
      policies,
      tags: tagsOf(entry),
    };
  }
  return accessEntries;
}
