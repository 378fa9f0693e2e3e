/**
 * Sources for the Terraform family: a directory of HCL (infra-terraform) and CDKTF's cdk.tf.json,
 * evaluated by the same evaluator into an Inventory of Terraform addresses.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { kindOf } from '../canonical/kinds.js';
import { HarnessError } from '../errors.js';
import {
  DEFAULT_LIFECYCLE,
  edgesOf,
  INVENTORY_SCHEMA_VERSION,
  type Inventory,
  type InventoryResource,
  type ResourceLifecycle,
} from '../model/inventory.js';
import type { Value } from '../model/value.js';
import { type ModuleConfig, moduleFromJsonFile, readModule } from './config.js';
import type { DataSourceEnvironment } from './data-sources.js';
import { evaluateConfiguration, type TerraformLifecycle, type TerraformRun } from './module.js';
import { commandLineVariable, readTfvars, readTfvarsFile } from './variable-files.js';

/**
 * The lifecycle block: prevent_destroy refuses a destroy; create_before_destroy flips the order.
 * A provider's own `skip_destroy = true` (aws_cloudwatch_log_group and others: "instead just
 * remove the log group from the Terraform state", website/docs/r/cloudwatch_log_group.html.markdown)
 * keeps the resource on destroy: retain.
 */
function lifecycleOf(block: TerraformLifecycle, args: Readonly<Record<string, Value>>): ResourceLifecycle {
  const skipDestroy = args.skip_destroy === true;
  return {
    ...DEFAULT_LIFECYCLE.terraform,
    onDelete: block.preventDestroy ? 'refuse' : skipDestroy ? 'retain' : 'delete',
    replacementOrder: block.createBeforeDestroy ? 'create-before-destroy' : 'destroy-before-create',
    ignoreChanges: block.ignoreChanges,
    setBy: [
      ...(block.preventDestroy ? ['lifecycle.prevent_destroy'] : []),
      ...(skipDestroy ? ['skip_destroy'] : []),
      ...(block.createBeforeDestroy ? ['lifecycle.create_before_destroy'] : []),
      ...(block.ignoreChanges === 'all' || block.ignoreChanges.length > 0
        ? ['lifecycle.ignore_changes']
        : []),
    ],
  };
}

function toInventory(implementation: string, run: TerraformRun): Inventory {
  const resources: InventoryResource[] = run.resources.map((resource): InventoryResource => {
    const kind = kindOf(resource.type);
    const taggable = kind?.taggable ?? Object.hasOwn(resource.args, 'tags');
    return {
      address: resource.address,
      displayName: resource.displayName,
      nativeType: resource.type,
      kind: kind?.kind ?? null,
      dialect: 'terraform' as const,
      role: 'core' as const,
      properties: resource.args,
      ...(taggable && resource.defaultTags ? { defaultTags: resource.defaultTags } : {}),
      references: edgesOf(resource.args, resource.edges),
      dependsOn: [...new Set(resource.dependsOn)],
      lifecycle: lifecycleOf(resource.lifecycle, resource.args),
      location: resource.location,
    };
  });
  // Provider configurations are tool machinery, listed so the report shows them (their arguments,
  // which may hold credentials, are not kept). One built from resources of the same configuration
  // (the kubernetes provider from the cluster) is only known once they exist: the two-phase caveat.
  for (const provider of run.providerBlocks) {
    const name = provider.key.split('.')[0]!;
    resources.push({
      address: `provider.${provider.key}`,
      displayName: `provider "${name}"`,
      nativeType: `provider:${name}`,
      kind: null,
      dialect: 'terraform' as const,
      role: 'overhead' as const,
      overheadReason: provider.knownAtPlan
        ? `Terraform provider configuration (${name})`
        : `Terraform provider configuration (${name}), built from resources this configuration creates: known only once they exist, so a new cluster is applied in two phases`,
      properties: {},
      references: [],
      dependsOn: [],
      lifecycle: DEFAULT_LIFECYCLE.terraform,
      location: { file: provider.file, line: provider.line },
    });
  }
  return {
    schemaVersion: INVENTORY_SCHEMA_VERSION,
    implementation,
    source: 'terraform',
    resources,
    diagnostics: run.diagnostics,
  };
}

export interface TerraformInputs {
  /** `-var-file` files, in order, after the directory's own tfvars. */
  readonly varFiles?: readonly string[];
  /** `-var NAME=VALUE`, last: they win. */
  readonly vars?: Readonly<Record<string, string>>;
}

/** A root module directory with its .tf files and *.tfvars (plain Terraform, OpenTofu). */
export async function readTerraformDirectory(
  dir: string,
  implementation: string,
  env: DataSourceEnvironment,
  inputs: TerraformInputs = {},
): Promise<Inventory> {
  const root = await readModule(dir);
  if (!inputs.varFiles?.length && !inputs.vars) {
    return toInventory(implementation, await evaluateConfiguration(root, { env }));
  }
  // Terraform's order: terraform.tfvars, *.auto.tfvars, then -var-file, then -var.
  const variables: Record<string, Value> = { ...(await readTfvars(dir)) };
  for (const file of inputs.varFiles ?? []) Object.assign(variables, await readTfvarsFile(file));
  for (const [name, text] of Object.entries(inputs.vars ?? {})) variables[name] = commandLineVariable(text);
  return toInventory(implementation, await evaluateConfiguration(root, { env, variables, tfvars: false }));
}

/** CDKTF's output: `<dir>/stacks/<stack>/cdk.tf.json`, one stack. */
export async function readCdktfOutput(
  dir: string,
  implementation: string,
  env: DataSourceEnvironment,
): Promise<Inventory> {
  const stacksDir = join(dir, 'stacks');
  if (!existsSync(stacksDir)) {
    throw new HarnessError(
      'ARTIFACT_MISSING',
      'no stacks/ folder: not CDKTF output; run the CDKTF synth first',
      { location: { file: dir } },
    );
  }
  const stacks = readdirSync(stacksDir).filter((name) => existsSync(join(stacksDir, name, 'cdk.tf.json')));
  if (stacks.length !== 1) {
    throw new HarnessError(
      'ARTIFACT_CORRUPT',
      `expected one stack under stacks/, found ${stacks.length} (${stacks.join(', ')})`,
      { location: { file: stacksDir } },
    );
  }
  const stackDir = join(stacksDir, stacks[0]!);
  const config: ModuleConfig = moduleFromJsonFile(stackDir, join(stackDir, 'cdk.tf.json'));
  // The stack folder's tfvars files are what terraform loads there (sensitive variables' values).
  return toInventory(implementation, await evaluateConfiguration(config, { env }));
}
