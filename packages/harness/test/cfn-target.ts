/**
 * The hand-written CloudFormation templates (read as files: the harness never imports an
 * implementation) evaluated for a target, with the parameters and tags the spec exports for them.
 */
import { join } from 'node:path';
import { type TargetSpec, toCloudFormationParameters } from '@iac-compare/spec';
import { Exports, evaluateInDeployment } from '../src/cloudformation/deployment.js';
import { readTemplateFile } from '../src/cloudformation/template-file.js';
import { inventoryFromStacks } from '../src/cloudformation/to-inventory.js';
import type { Inventory } from '../src/model/inventory.js';

const TEMPLATES = join(import.meta.dirname, '..', '..', 'cloudformation', 'templates');

export function cloudFormationInventory(
  spec: TargetSpec,
  override: (parameters: Record<string, string>) => void = () => {},
): Inventory {
  const set = toCloudFormationParameters(spec);
  override(set.cluster);
  const exports = new Exports();
  const placement = { account: spec.account, region: spec.region };
  const network = evaluateInDeployment(
    readTemplateFile(join(TEMPLATES, 'network.yaml')),
    set.stackNames.network,
    placement,
    set.network,
    exports,
  );
  const cluster = evaluateInDeployment(
    readTemplateFile(join(TEMPLATES, 'cluster.yaml')),
    set.stackNames.cluster,
    placement,
    set.cluster,
    exports,
  );
  return inventoryFromStacks(
    'cloudformation',
    'cloudformation',
    [
      { evaluated: network, tags: set.tags },
      { evaluated: cluster, tags: set.tags },
    ],
    [],
    exports.stackOrder(),
  );
}
