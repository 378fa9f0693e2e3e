/**
 * The line to fix: where an implementation declares the value of a fact. Not the item's main
 * resource but the one that holds the value (the launch template for a node group's IMDS setting,
 * the policy attachment for a managed policy, the alias for a key's alias), and inside it the
 * attribute's own line where the source form has one (HCL, CloudFormation YAML or JSON); where it
 * does not (CDK and Pulumi record one TypeScript line per construct or resource), the resource.
 */
import { formatLocation } from '../errors.js';
import type { InventoryResource } from '../model/inventory.js';
import { type Value, valuesEqual } from '../model/value.js';
import { F } from '../observe/fields.js';
import type { Claim } from '../observe/model.js';
import { type FieldPath, path, read } from '../observe/views.js';
import { attributeLineIn } from './attribute-lines.js';
import { listDelta } from './resource-groups.js';

/** Where a fact's value is declared: which claimed item, which property, and how precisely. */
interface FactSource {
  /** The claim identity of the resource holding the value. */
  readonly item: string;
  /** A second identity to try when the first is not claimed (a route kept inline in its table). */
  readonly fallback?: string;
  readonly field?: FieldPath;
  /** Fields to try in turn when the value may sit in one of several (a route's NAT or gateway). */
  readonly oneOf?: readonly FieldPath[];
  /** The field sits beside `Properties` in CloudFormation (DeletionPolicy, DependsOn), not inside. */
  readonly resourceLevel?: boolean;
  /** For a list held by separate resources (policy attachments): the part whose field holds an element. */
  readonly parts?: FieldPath;
}

const NOT_IN_CLOUDFORMATION: readonly string[] = [];
const lifecycle = {
  onDelete: { cloudformation: ['DeletionPolicy'], terraform: ['lifecycle', 'prevent_destroy'] },
  replacement: { cloudformation: NOT_IN_CLOUDFORMATION, terraform: ['lifecycle', 'create_before_destroy'] },
  drift: { cloudformation: NOT_IN_CLOUDFORMATION, terraform: ['lifecycle', 'ignore_changes'] },
  dependsOn: { cloudformation: ['DependsOn'], terraform: ['depends_on'] },
} satisfies Record<string, FieldPath>;

type Rule = readonly [RegExp, (match: RegExpExecArray) => FactSource];

const RULES: readonly Rule[] = [
  [/^vpc\.cidr$/, () => ({ item: 'vpc', field: F.vpc.cidr })],
  [/^vpc\.enableDnsSupport$/, () => ({ item: 'vpc', field: F.vpc.dnsSupport })],
  [/^vpc\.enableDnsHostnames$/, () => ({ item: 'vpc', field: F.vpc.dnsHostnames })],
  [/^subnet\[(.+)\]\.cidr$/, (m) => ({ item: `subnet[${m[1]}]`, field: F.subnet.cidr })],
  [
    /^subnet\[(.+)\]\.mapPublicIpOnLaunch$/,
    (m) => ({ item: `subnet[${m[1]}]`, field: F.subnet.mapPublicIp }),
  ],
  [
    /^subnet\[(.+)\]\.defaultRoute$/,
    (m) => ({
      item: `route[${m[1]}]`,
      fallback: `routeTable[${m[1]}]`,
      oneOf: [F.route.nat, F.route.gateway, F.inlineRoutes],
    }),
  ],
  [/^natGateway\[(.+)\]\.subnet$/, (m) => ({ item: `natGateway[${m[1]}]`, field: F.nat.subnet })],
  [/^natGateway\[(.+)\]\.eipTags$/, (m) => ({ item: `eip[${m[1]}]`, field: F.tags })],
  [/^kmsKey\.alias$/, () => ({ item: 'kmsAlias', field: F.alias.name })],
  [/^kmsKey\.enableKeyRotation$/, () => ({ item: 'kmsKey', field: F.kmsKey.rotation })],
  [/^kmsKey\.deletionWindowDays$/, () => ({ item: 'kmsKey', field: F.kmsKey.window })],
  [/^(kmsKey|logGroup)\.onDelete$/, (m) => ({ item: m[1]!, field: lifecycle.onDelete, resourceLevel: true })],
  [/^logGroup\.name$/, () => ({ item: 'logGroup', field: F.logGroup.name })],
  [/^logGroup\.retentionDays$/, () => ({ item: 'logGroup', field: F.logGroup.retention })],
  // The cluster is what waits: its DependsOn / depends_on (or the reference) is the line to fix.
  [
    /^logGroup\.createdBeforeCluster$/,
    () => ({ item: 'cluster', field: lifecycle.dependsOn, resourceLevel: true }),
  ],
  [
    /^(clusterRole|nodeRole)\.managedPolicyArns$/,
    (m) => ({ item: m[1]!, field: F.role.managed, parts: F.roleAttachment.policy }),
  ],
  [/^(clusterRole|nodeRole)\.servicePrincipals$/, (m) => ({ item: m[1]!, field: F.role.trust })],
  [/^cluster\.name$/, () => ({ item: 'cluster', field: F.cluster.name })],
  [/^cluster\.version$/, () => ({ item: 'cluster', field: F.cluster.version })],
  [/^cluster\.subnets$/, () => ({ item: 'cluster', field: F.cluster.subnets })],
  [/^cluster\.endpointPrivateAccess$/, () => ({ item: 'cluster', field: F.cluster.privateAccess })],
  [/^cluster\.endpointPublicAccess$/, () => ({ item: 'cluster', field: F.cluster.publicAccess })],
  [/^cluster\.publicAccessCidrs$/, () => ({ item: 'cluster', field: F.cluster.publicCidrs })],
  [/^cluster\.logging$/, () => ({ item: 'cluster', field: path('Logging', 'enabled_cluster_log_types') })],
  [/^cluster\.secretsEncryption$/, () => ({ item: 'cluster', field: F.cluster.encryption })],
  [/^cluster\.authenticationMode$/, () => ({ item: 'cluster', field: F.cluster.authMode })],
  [
    /^cluster\.bootstrapClusterCreatorAdminPermissions$/,
    () => ({ item: 'cluster', field: F.cluster.creatorAdmin }),
  ],
  [/^cluster\.bootstrapSelfManagedAddons$/, () => ({ item: 'cluster', field: F.cluster.selfManagedAddons })],
  [/^addon\[(.+)\]\.version$/, (m) => ({ item: `addon[${m[1]}]`, field: F.addon.version })],
  [/^addon\[(.+)\]\.resolveConflicts$/, (m) => ({ item: `addon[${m[1]}]`, field: F.addon.resolve })],
  [
    /^addon\[(.+)\]\.order$/,
    (m) => ({ item: `addon[${m[1]}]`, field: lifecycle.dependsOn, resourceLevel: true }),
  ],
  [/^accessEntry\[(.+)\]\.type$/, (m) => ({ item: `accessEntry[${m[1]}]`, field: F.accessEntry.type })],
  [
    /^accessEntry\[(.+)\]\.kubernetesGroups$/,
    (m) => ({ item: `accessEntry[${m[1]}]`, field: F.accessEntry.groups }),
  ],
  [
    /^accessEntry\[(.+)\]\.policies$/,
    (m) => ({ item: `accessEntry[${m[1]}]`, field: F.accessEntry.policies, parts: F.accessPolicy.policy }),
  ],
  [
    /^nodeGroup\[(.+)\]\.launchTemplate\.httpTokens$/,
    (m) => ({ item: `launchTemplate[${m[1]}]`, field: F.launchTemplate.tokens }),
  ],
  [
    /^nodeGroup\[(.+)\]\.launchTemplate\.httpPutResponseHopLimit$/,
    (m) => ({ item: `launchTemplate[${m[1]}]`, field: F.launchTemplate.hops }),
  ],
  [
    /^nodeGroup\[(.+)\]\.launchTemplate\.volume$/,
    (m) => ({ item: `launchTemplate[${m[1]}]`, field: F.launchTemplate.devices }),
  ],
  [
    /^nodeGroup\[(.+)\]\.launchTemplate\.tagSpecifications$/,
    (m) => ({ item: `launchTemplate[${m[1]}]`, field: F.launchTemplate.tagSpecifications }),
  ],
  [
    /^nodeGroup\[(.+)\]\.launchTemplate$/,
    (m) => ({ item: `nodeGroup[${m[1]}]`, field: F.nodeGroup.launchTemplate }),
  ],
  [
    /^nodeGroup\[(.+)\]\.instanceTypes$/,
    (m) => ({ item: `nodeGroup[${m[1]}]`, field: F.nodeGroup.instanceTypes }),
  ],
  [/^nodeGroup\[(.+)\]\.capacityType$/, (m) => ({ item: `nodeGroup[${m[1]}]`, field: F.nodeGroup.capacity })],
  [/^nodeGroup\[(.+)\]\.scaling$/, (m) => ({ item: `nodeGroup[${m[1]}]`, field: F.nodeGroup.scaling })],
  [/^nodeGroup\[(.+)\]\.amiType$/, (m) => ({ item: `nodeGroup[${m[1]}]`, field: F.nodeGroup.ami })],
  [/^nodeGroup\[(.+)\]\.labels$/, (m) => ({ item: `nodeGroup[${m[1]}]`, field: F.nodeGroup.labels })],
  [/^nodeGroup\[(.+)\]\.taints$/, (m) => ({ item: `nodeGroup[${m[1]}]`, field: F.nodeGroup.taints })],
  [/^nodeGroup\[(.+)\]\.subnets$/, (m) => ({ item: `nodeGroup[${m[1]}]`, field: F.nodeGroup.subnets })],
  [/^nodeGroup\[(.+)\]\.usesNodeRole$/, (m) => ({ item: `nodeGroup[${m[1]}]`, field: F.nodeGroup.role })],
  [/^nodeGroup\[(.+)\]\.update$/, (m) => ({ item: `nodeGroup[${m[1]}]`, field: F.nodeGroup.update })],
  [/^nodeGroup\[(.+)\]\.desiredSizeDrift$/, (m) => ({ item: `nodeGroup[${m[1]}]`, field: lifecycle.drift })],
  [/^nodeGroup\[(.+)\]\.replacement$/, (m) => ({ item: `nodeGroup[${m[1]}]`, field: lifecycle.replacement })],
  [
    /^nodeGroup\[(.+)\]\.waitsForPrivateEgress$/,
    (m) => ({ item: `nodeGroup[${m[1]}]`, field: lifecycle.dependsOn, resourceLevel: true }),
  ],
  // Tags of any item: its Tags / tags.
  [/^(.+)\.tags$/, (m) => ({ item: m[1]!, field: F.tags })],
];

/** Terraform's kubernetes provider writes the object's fields as snake_case blocks (`spec { replicas = … }`). */
const KUBERNETES_BLOCKS: Readonly<Record<string, string>> = {
  containers: 'container',
  initContainers: 'init_container',
  ports: 'port',
  volumes: 'volume',
  volumeMounts: 'volume_mount',
  env: 'env',
  tolerations: 'toleration',
};

function kubernetesSource(key: string): FactSource | undefined {
  const match = /^(k8s\[[^\]]+\]|helmRelease\[[^\]]+\])\.?(.*)$/.exec(key);
  if (!match) return undefined;
  const steps = match[2]!
    .replace(/\[[^\]]*\]/g, '')
    .split('.')
    .filter(Boolean)
    .map((step) => KUBERNETES_BLOCKS[step] ?? step.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`));
  return {
    item: match[1]!,
    field: { cloudformation: NOT_IN_CLOUDFORMATION, terraform: match[1]!.startsWith('k8s') ? steps : [] },
  };
}

function sourceOf(key: string): FactSource | undefined {
  for (const [pattern, make] of RULES) {
    const match = pattern.exec(key);
    if (match) return make(match);
  }
  return kubernetesSource(key);
}

export interface FactLocation {
  /** file:line (or the address when the tool records no file). */
  readonly location: string;
  /**
   * `attribute`: the line of the property itself; `block`: the property is not written, and this
   * is the block it would go in; `resource`: the resource's declaration — all a tool records for
   * TypeScript (a CDK construct, a Pulumi resource), or where the property was not found.
   */
  readonly scope: 'attribute' | 'block' | 'resource';
}

/** The resource's own declaration: file:line, else its address. */
function declarationOf(resource: InventoryResource): FactLocation {
  return {
    location: resource.location ? formatLocation(resource.location) : resource.address,
    scope: 'resource',
  };
}

function withAttribute(
  resource: InventoryResource,
  source: FactSource,
  field: FieldPath | undefined,
): FactLocation {
  const at = declarationOf(resource);
  const steps = field?.[resource.dialect] ?? [];
  const location = resource.location;
  if (!location?.line || steps.length === 0) return at;
  const properties =
    resource.dialect === 'cloudformation' && !source.resourceLevel ? 'Properties' : undefined;
  const found = attributeLineIn(location.file, location.line, steps, properties);
  if (!found || found.line === location.line) return at;
  return { location: `${location.file}:${found.line}`, scope: found.found };
}

/**
 * Where `implementation` declares the value of fact `key`: the resource that holds it (for a
 * list made of separate resources, the one holding the element that differs), and the
 * attribute's line where the source has one.
 */
export function locateFact(
  key: string,
  expected: Value | null,
  actual: Value | null,
  claims: readonly Claim[],
  byAddress: ReadonlyMap<string, InventoryResource>,
): FactLocation | undefined {
  const source = sourceOf(key);
  const item = source?.item ?? key.split('.')[0]!;
  const claimed = (identity: string) => claims.filter((claim) => claim.identity === identity);
  let own = claimed(item);
  if (own.length === 0 && source?.fallback) own = claimed(source.fallback);
  const main = own.find((claim) => !claim.part) ?? own[0];
  const resource = main ? byAddress.get(main.address) : undefined;
  if (source?.parts) {
    // The element that differs (added, else removed) and the part that holds it.
    const delta = listDelta(expected, actual);
    const elements = [...(delta?.added ?? []), ...(delta?.removed ?? [])];
    for (const claim of own.filter((candidate) => candidate.part)) {
      const part = byAddress.get(claim.address);
      const value = part ? read(part, source.parts) : undefined;
      if (part && value !== undefined && elements.some((element) => valuesEqual(element, value)))
        return withAttribute(part, source, source.parts);
    }
  }
  if (!resource) return undefined;
  const field = source?.oneOf?.find((candidate) => read(resource, candidate) !== undefined) ?? source?.field;
  return withAttribute(resource, source ?? { item }, field);
}
