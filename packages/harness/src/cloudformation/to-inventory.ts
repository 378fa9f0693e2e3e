/** Evaluated CloudFormation stacks → one Inventory. */
import { kindOf } from '../canonical/kinds.js';
import {
  DEFAULT_LIFECYCLE,
  type Diagnostic,
  edgesOf,
  INVENTORY_SCHEMA_VERSION,
  type Inventory,
  type InventoryResource,
  type ResourceLifecycle,
} from '../model/inventory.js';
import { clusterPropertiesFromEksApi } from './eks-v1.js';
import type { EvaluatedResource, EvaluatedStack } from './evaluate.js';
import { classifyOverhead } from './overhead.js';
import { cfnTypeInfo } from './spec-index.js';

export interface StackForInventory {
  readonly evaluated: EvaluatedStack;
  /** Stack tags: CloudFormation propagates them to every resource that takes tags. */
  readonly tags: Readonly<Record<string, string>>;
}

const POLICY: Record<string, ResourceLifecycle['onReplace']> = {
  Delete: 'delete',
  Retain: 'retain',
  // Retained, except when the stack's own creation fails (then deleted): on a running stack, retain.
  RetainExceptOnCreate: 'retain',
  Snapshot: 'snapshot',
};

/**
 * DeletionPolicy and UpdateReplacePolicy; CloudFormation always creates a replacement before
 * deleting the old resource. Absent policies are Delete, except for the RDS types whose default is
 * Snapshot (AWS::RDS::DBCluster, and AWS::RDS::DBInstance outside a cluster).
 */
function lifecycleOf(resource: EvaluatedResource): ResourceLifecycle {
  const snapshotByDefault =
    resource.type === 'AWS::RDS::DBCluster' ||
    (resource.type === 'AWS::RDS::DBInstance' && resource.properties.DBClusterIdentifier === undefined);
  const fallback = snapshotByDefault ? 'snapshot' : 'delete';
  const setBy = [
    ...(resource.deletionPolicy ? [`DeletionPolicy: ${resource.deletionPolicy}`] : []),
    ...(resource.updateReplacePolicy ? [`UpdateReplacePolicy: ${resource.updateReplacePolicy}`] : []),
  ];
  return {
    ...DEFAULT_LIFECYCLE.cloudformation,
    onDelete: resource.deletionPolicy ? (POLICY[resource.deletionPolicy] ?? 'delete') : fallback,
    onReplace: resource.updateReplacePolicy ? (POLICY[resource.updateReplacePolicy] ?? 'delete') : fallback,
    setBy,
  };
}

export function inventoryFromStacks(
  implementation: string,
  source: 'cloudformation' | 'cdk-assembly',
  stacks: readonly StackForInventory[],
  extraDiagnostics: readonly Diagnostic[] = [],
  stackOrder: Readonly<Record<string, readonly string[]>> = {},
): Inventory {
  const all = stacks.flatMap((stack) => stack.evaluated.resources);
  const overhead = classifyOverhead(all);
  const resources: InventoryResource[] = stacks.flatMap(({ evaluated, tags }) =>
    evaluated.resources.map((resource) => {
      const properties =
        resource.type === 'Custom::AWSCDK-EKS-Cluster'
          ? clusterPropertiesFromEksApi(resource.properties)
          : resource.properties;
      const reason = overhead.get(resource.address);
      const taggable = cfnTypeInfo(resource.type)?.tags !== undefined;
      return {
        address: resource.address,
        displayName: String(resource.metadata['aws:cdk:path'] ?? resource.address),
        nativeType: resource.type,
        kind: kindOf(resource.type)?.kind ?? null,
        dialect: 'cloudformation' as const,
        role: reason ? ('overhead' as const) : ('core' as const),
        ...(reason ? { overheadReason: reason } : {}),
        properties,
        ...(taggable && Object.keys(tags).length > 0 ? { defaultTags: { ...tags } } : {}),
        references: edgesOf(properties),
        dependsOn: resource.dependsOn,
        lifecycle: lifecycleOf(resource),
        location: resource.location,
      };
    }),
  );
  return {
    schemaVersion: INVENTORY_SCHEMA_VERSION,
    implementation,
    source,
    resources,
    diagnostics: [...stacks.flatMap((stack) => stack.evaluated.diagnostics), ...extraDiagnostics],
    ...(Object.keys(stackOrder).length > 0 ? { stackOrder } : {}),
  };
}
