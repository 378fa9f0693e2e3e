/** Evaluated CloudFormation stacks → one Inventory. */
import { kindOf } from '../canonical/kinds.js';
import {
  type Diagnostic,
  edgesOf,
  INVENTORY_SCHEMA_VERSION,
  type Inventory,
  type InventoryResource,
} from '../model/inventory.js';
import { clusterPropertiesFromEksApi } from './eks-v1.js';
import type { EvaluatedStack } from './evaluate.js';
import { classifyOverhead } from './overhead.js';
import { cfnTypeInfo } from './spec-index.js';

export interface StackForInventory {
  readonly evaluated: EvaluatedStack;
  /** Stack tags: CloudFormation propagates them to every resource that takes tags. */
  readonly tags: Readonly<Record<string, string>>;
}

export function inventoryFromStacks(
  implementation: string,
  source: 'cloudformation' | 'cdk-assembly',
  stacks: readonly StackForInventory[],
  extraDiagnostics: readonly Diagnostic[] = [],
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
  };
}
