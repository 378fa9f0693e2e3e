/**
 * "Synth" for hand-written templates: copy them next to the parameter and tag files the spec gives
 * them, plus `stacks.json`, the deployment plan the harness (and a person) reads: which template is
 * which stack, in what order, with which parameters.
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  replaceDirectoryAtomically,
  type SynthResult,
  type TargetSpec,
  toCloudFormationParameters,
  toParameterList,
  toTagList,
} from '@iac-compare/spec';

export const PACKAGE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
export const TEMPLATES_DIR = join(PACKAGE_DIR, 'templates');
export const TEMPLATE_FILES = ['network.yaml', 'cluster.yaml'] as const;

/** The deployment plan written as stacks.json; schema version 1. */
export interface StackPlan {
  readonly schemaVersion: 1;
  readonly account: string;
  readonly region: string;
  /** In deployment order: the cluster stack imports the network stack's exports. */
  readonly stacks: readonly {
    readonly name: string;
    readonly template: string;
    /** The hand-written template this is a copy of: where findings point. */
    readonly source: string;
    readonly parameters: string;
    readonly tags: string;
  }[];
}

function writeJson(file: string, value: unknown): void {
  writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

/** Counts top-level resources, counting each Fn::ForEach collection it can see as written. */
function countDeclaredResources(yamlText: string): number {
  const section = yamlText.split(/^Resources:\s*$/m)[1]?.split(/^\S/m)[0] ?? '';
  return (
    (section.match(/^ {2}[A-Za-z0-9]+:\s*$/gm) ?? []).length +
    (section.match(/^ {2}Fn::ForEach::/gm) ?? []).length
  );
}

export async function synthesize(spec: TargetSpec, outDir: string): Promise<SynthResult> {
  const set = toCloudFormationParameters(spec);
  const resources = await replaceDirectoryAtomically(outDir, (dir) => {
    for (const file of TEMPLATE_FILES) copyFileSync(join(TEMPLATES_DIR, file), join(dir, file));
    writeJson(join(dir, 'network.parameters.json'), toParameterList(set.network));
    writeJson(join(dir, 'cluster.parameters.json'), toParameterList(set.cluster));
    writeJson(join(dir, 'tags.json'), toTagList(set.tags));
    const plan: StackPlan = {
      schemaVersion: 1,
      account: spec.account,
      region: spec.region,
      stacks: [
        {
          name: set.stackNames.network,
          template: 'network.yaml',
          source: join(TEMPLATES_DIR, 'network.yaml'),
          parameters: 'network.parameters.json',
          tags: 'tags.json',
        },
        {
          name: set.stackNames.cluster,
          template: 'cluster.yaml',
          source: join(TEMPLATES_DIR, 'cluster.yaml'),
          parameters: 'cluster.parameters.json',
          tags: 'tags.json',
        },
      ],
    };
    writeJson(join(dir, 'stacks.json'), plan);
    return TEMPLATE_FILES.reduce(
      (sum, file) => sum + countDeclaredResources(readFileSync(join(dir, file), 'utf8')),
      0,
    );
  });
  return { artifacts: [{ id: 'cloudformation', path: outDir, resources }] };
}
