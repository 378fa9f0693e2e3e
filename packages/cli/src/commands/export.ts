/**
 * `iac-compare export tfvars --out FILE` and `iac-compare export cloudformation-parameters --out DIR`:
 * the target, in the form a tool deploys with, written only where the user asks. Synth never
 * writes into a folder people deploy from; this is how the target gets there.
 */

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import {
  loadTarget,
  replaceOwnedDirectory,
  type TargetSpec,
  toCloudFormationParameters,
  toParameterList,
  toTagList,
  toTerraformVars,
} from '@iac-compare/spec';
import { UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { assertWritableOutput, writeOutput } from '../output-file.js';
import { targetFileFrom } from '../target.js';
import { kubernetesFiles } from './export-kubernetes.js';

export const EXPORT_KINDS = ['tfvars', 'cloudformation-parameters', 'kubernetes'] as const;

export interface ExportOptions {
  readonly kind: string | undefined;
  readonly spec?: string;
  readonly out?: string;
}

/** HCL's string syntax: JSON's, with template sequences escaped. */
function hclString(text: string): string {
  return JSON.stringify(text)
    .replace(/\$\{/g, () => '$${')
    .replace(/%\{/g, () => '%%{');
}

/**
 * `key = value` lines as `terraform fmt` lays them out: in each run of consecutive one-line
 * entries the `=` signs line up; an entry whose value spans lines stands alone.
 */
function attributeLines(entries: readonly [string, string][], indent: string): string[] {
  const lines: string[] = [];
  let run: [string, string][] = [];
  const flush = () => {
    const width = Math.max(0, ...run.map(([key]) => key.length));
    for (const [key, value] of run) lines.push(`${indent}${key.padEnd(width)} = ${value}`);
    run = [];
  };
  for (const [key, value] of entries) {
    if (value.includes('\n')) {
      flush();
      lines.push(`${indent}${key} = ${value}`);
    } else run.push([key, value]);
  }
  flush();
  return lines;
}

/** A Terraform value in HCL native syntax (objects with quoted keys, laid out as `terraform fmt` does). */
export function hclValue(value: unknown, indent = ''): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return hclString(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((item) => `${inner}${hclValue(item, inner)},`).join('\n')}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return '{}';
  const lines = attributeLines(
    entries.map(([key, item]) => [hclString(key), hclValue(item, inner)]),
    inner,
  );
  return `{\n${lines.join('\n')}\n${indent}}`;
}

/**
 * Where export tfvars puts the workloads' Secret values: beside the tfvars, in a file Terraform
 * loads by itself (`*.auto.tfvars.json`) and this repository's .gitignore ignores, never in the
 * tfvars a team commits. The values are the target's placeholders; real ones come from
 * TF_VAR_workload_secrets (which overrides the file) or a secret store.
 */
export const SECRETS_TFVARS_FILE = 'workload-secrets.auto.tfvars.json';

/** The target as a `.tfvars` file (HCL, with a header saying where it came from) or `.tfvars.json`, without the secrets. */
export function tfvarsText(spec: TargetSpec, file: string, source: string): string {
  const { workload_secrets: _secrets, ...vars } = toTerraformVars(spec) as unknown as Record<string, unknown>;
  if (vars.workloads === null) delete vars.workloads;
  if (file.endsWith('.json')) return `${JSON.stringify(vars, null, 2)}\n`;
  const lines = [
    `# Written by iac-compare export tfvars from ${source}. Edit the target and export again;`,
    '# changes made here are overwritten by the next export.',
    '',
    ...attributeLines(
      Object.entries(vars).map(([key, value]) => [key, hclValue(value)]),
      '',
    ),
  ];
  return `${lines.join('\n')}\n`;
}

export async function runExport(options: ExportOptions, io: Io): Promise<number> {
  const kind = options.kind;
  if (kind === undefined) throw new UsageError(`export needs what to export: ${EXPORT_KINDS.join(' or ')}`);
  if (!(EXPORT_KINDS as readonly string[]).includes(kind)) {
    throw new UsageError(`cannot export "${kind}"; export ${EXPORT_KINDS.join(' or ')}`);
  }
  if (options.out === undefined) {
    throw new UsageError(
      kind === 'tfvars'
        ? 'export tfvars needs --out FILE (a .tfvars or .tfvars.json file, such as infra-terraform/terraform.tfvars)'
        : `export ${kind} needs --out DIR (a new or empty folder, or one it wrote before)`,
    );
  }
  const specFile = targetFileFrom(options.spec, io);
  const spec = loadTarget(specFile);
  const source = relative(io.cwd, specFile) || specFile;
  if (kind === 'tfvars') {
    if (!/\.tfvars(\.json)?$/.test(options.out)) {
      throw new UsageError(`--out ${options.out}: a tfvars file ends in .tfvars or .tfvars.json`);
    }
    const guard = { cwd: io.cwd, targetFile: specFile };
    const secretsFile = join(dirname(resolve(io.cwd, options.out)), SECRETS_TFVARS_FILE);
    if (spec.workloads) assertWritableOutput(secretsFile, guard);
    const file = writeOutput(options.out, tfvarsText(spec, options.out, source), guard);
    io.err(
      `wrote ${relative(io.cwd, file) || file}: terraform plan -var-file=${relative(io.cwd, file) || file} (a terraform.tfvars in the configuration's folder loads by itself)\n`,
    );
    if (spec.workloads) {
      const secrets = { workload_secrets: { ...spec.workloads.app.secrets } };
      writeOutput(secretsFile, `${JSON.stringify(secrets, null, 2)}\n`, guard);
      io.err(
        `wrote ${relative(io.cwd, secretsFile) || secretsFile}: the Secret's placeholder values, apart from the tfvars (git ignores this name in this repository; keep it out of version control anywhere else). Terraform loads it by itself; supply real values with TF_VAR_workload_secrets instead\n`,
      );
    }
    return 0;
  }
  const dir = resolve(io.cwd, options.out);
  if (kind === 'kubernetes') {
    const files = kubernetesFiles(spec, source);
    if (!files) throw new UsageError(`${source} has no workloads section: nothing runs on its cluster`);
    await replaceOwnedDirectory(dir, 'kubernetes-manifests', (temporary) => {
      for (const [name, text] of Object.entries(files)) {
        mkdirSync(dirname(join(temporary, name)), { recursive: true });
        writeFileSync(join(temporary, name), text);
      }
    });
    io.err(
      `wrote ${relative(io.cwd, dir) || dir}/: ${Object.keys(files).join(', ')} (kubectl apply -f ${relative(io.cwd, dir) || dir}/)\n`,
    );
    return 0;
  }
  const set = toCloudFormationParameters(spec);
  await replaceOwnedDirectory(dir, 'cloudformation-parameters', (temporary) => {
    const write = (name: string, value: unknown) =>
      writeFileSync(join(temporary, name), `${JSON.stringify(value, null, 2)}\n`);
    write('network.parameters.json', toParameterList(set.network));
    write('cluster.parameters.json', toParameterList(set.cluster));
    write('tags.json', toTagList(set.tags));
    write('stacks.json', { network: set.stackNames.network, cluster: set.stackNames.cluster, source });
  });
  io.err(
    `wrote ${relative(io.cwd, dir) || dir}/: network.parameters.json, cluster.parameters.json, tags.json (for aws cloudformation create-stack --parameters file://… --tags file://…)\n`,
  );
  return 0;
}
