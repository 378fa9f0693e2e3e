/**
 * "Synth" for plain Terraform: the configuration is the HCL in this folder; the target reaches it
 * as `spec.auto.tfvars.json`, which Terraform and OpenTofu load automatically. Synthesizing into
 * this folder writes only that file (so `terraform plan` works here); into any other folder it also
 * copies the configuration, so the result is a complete, self-contained root module.
 */
import { cpSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  replaceDirectoryAtomically,
  type SynthResult,
  type TargetSpec,
  toTerraformVars,
} from '@iac-compare/spec';

export const PACKAGE_DIR = resolve(join(dirname(fileURLToPath(import.meta.url)), '..'));
export const TFVARS_FILE = 'spec.auto.tfvars.json';
/** The root module's files and its local modules: what a copy of the configuration needs. */
export const CONFIGURATION = [
  'versions.tf',
  'providers.tf',
  'variables.tf',
  'main.tf',
  'outputs.tf',
  'modules',
];

/** `resource` blocks declared in the configuration (before count/for_each expansion). */
export function countResourceBlocks(dir: string = PACKAGE_DIR): number {
  let count = 0;
  for (const entry of CONFIGURATION) {
    const path = join(dir, entry);
    const files = entry.endsWith('.tf')
      ? [path]
      : readdirSync(path, { recursive: true, encoding: 'utf8' })
          .filter((file) => file.endsWith('.tf'))
          .map((file) => join(path, file));
    for (const file of files) count += (readFileSync(file, 'utf8').match(/^resource\s+"/gm) ?? []).length;
  }
  return count;
}

function tfvarsText(spec: TargetSpec): string {
  return `${JSON.stringify(toTerraformVars(spec), null, 2)}\n`;
}

export async function synthesize(spec: TargetSpec, outDir: string): Promise<SynthResult> {
  const target = resolve(outDir);
  const text = tfvarsText(spec);
  if (target === PACKAGE_DIR) {
    const temporary = join(PACKAGE_DIR, `.${TFVARS_FILE}.${process.pid}.tmp`);
    writeFileSync(temporary, text);
    renameSync(temporary, join(PACKAGE_DIR, TFVARS_FILE));
  } else {
    await replaceDirectoryAtomically(target, (dir) => {
      for (const entry of CONFIGURATION)
        cpSync(join(PACKAGE_DIR, entry), join(dir, entry), { recursive: true });
      writeFileSync(join(dir, TFVARS_FILE), text);
    });
  }
  return {
    artifacts: [
      {
        id: 'infra-terraform',
        path: target,
        resources: countResourceBlocks(),
        resourceUnit: 'resource blocks',
      },
    ],
  };
}
