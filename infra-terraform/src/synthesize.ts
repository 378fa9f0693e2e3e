/**
 * "Synth" for plain Terraform: the configuration is the HCL in this folder; synth copies it into
 * `out/` (or --out) with the target as `spec.auto.tfvars.json`, which Terraform and OpenTofu load
 * automatically: a complete, self-contained root module for iac-compare to read. It never writes
 * into this folder, where people deploy from.
 */
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  replaceDirectoryAtomically,
  SpecError,
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
  // The package folder is where people deploy from (and keep their state): synth never writes
  // there. Deploy with `iac-compare export tfvars`; synth makes a self-contained copy.
  if (target === PACKAGE_DIR || !relative(target, PACKAGE_DIR).startsWith('..')) {
    throw new SpecError(
      'OUTPUT_REFUSED',
      [
        {
          path: '',
          message:
            'is the Terraform configuration itself (or holds it); synth writes a copy elsewhere. To deploy from infra-terraform/, write the target there with: iac-compare export tfvars --out infra-terraform/terraform.tfvars',
        },
      ],
      target,
    );
  }
  const text = tfvarsText(spec);
  await replaceDirectoryAtomically(target, (dir) => {
    for (const entry of CONFIGURATION)
      cpSync(join(PACKAGE_DIR, entry), join(dir, entry), { recursive: true });
    writeFileSync(join(dir, TFVARS_FILE), text);
  });
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
