/**
 * `iac-compare check`: code written anywhere, judged against the target as compare judges the six
 * — the fact matrix, the ledger, what AWS or a provider would reject — and, with `--against IDS`,
 * set beside reference implementations, resource by resource.
 *
 *   --terraform DIR [--var-file F]… [--var K=V]…
 *   --cloudformation [STACK=]TEMPLATE… [--parameters FILE]… [--parameter K=V]…
 *   --cdk-out DIR | --cdk-app DIR | --cdktf-out DIR | --pulumi DIR
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, extname, join, relative, resolve } from 'node:path';
import {
  buildReport,
  type FixTool,
  HarnessError,
  type ImplementationInfo,
  type Inventory,
  kubernetesLayerOf,
  type Prepared,
  parseTemplateText,
  readInventory,
  readTerraformDirectory,
  registerArtifactReader,
  renderJson,
  renderMarkdown,
  renderTable,
  startValidatorWorker,
} from '@iac-compare/harness';
import {
  closestMatch,
  loadTarget,
  type SectionGap,
  TARGET_SECTIONS,
  type TargetSection,
  type TargetSpec,
} from '@iac-compare/spec';
import { UsageError } from '../errors.js';
import { renderCompareHtmlPage, writtenBy } from '../html-report.js';
import type { Io } from '../io.js';
import { writeFileAtomic } from '../output-file.js';
import { buildPolicyReport, renderPolicySection } from '../policy-report.js';
import { reportInputs } from '../report-inputs.js';
import { selectImplementations } from '../select.js';
import { synthesizeAndRead } from '../synth-and-read.js';
import { withoutTemporaryLocations } from '../temporary-locations.js';
import { runCdkApp, runPulumiProgram } from '../user-code.js';
import { exitCodeFor } from './compare.js';

/** What a section of the target is built from: code with none of these builds nothing of it. */
const SECTION_KINDS: Readonly<
  Record<Exclude<TargetSection, 'workloads'>, { kinds: string[]; what: string }>
> = {
  network: {
    kinds: ['vpc', 'subnet', 'internet-gateway', 'nat-gateway', 'route-table', 'vpc-endpoint'],
    what: 'no VPC, subnet, gateway or route table',
  },
  cluster: { kinds: ['eks-cluster'], what: 'no EKS cluster' },
  nodeGroups: { kinds: ['eks-node-group'], what: 'no managed node group' },
};

/** Why CloudFormation code is not held to workloads it has no native way to deploy. */
const CLOUDFORMATION_WORKLOADS_HINT =
  'CloudFormation has no maintained native way to deploy them (AWS retired the AWSQS registry types in March 2023): deploy the workloads with kubectl and helm from what iac-compare export kubernetes writes';

/**
 * The sections of the target this code is judged on: those `--sections` names, or else those it
 * builds anything of. The others are reported once each, with why, instead of as missing facts —
 * the same for every kind of code.
 */
function sectionGapsOf(
  inventory: Inventory,
  spec: TargetSpec,
  only: readonly TargetSection[] | undefined,
): SectionGap[] {
  const layer = kubernetesLayerOf(inventory);
  const kinds = new Set(
    inventory.resources.filter((resource) => resource.role === 'core').map((resource) => resource.kind),
  );
  const cloudformationFamily = inventory.source === 'cloudformation' || inventory.source === 'cdk-assembly';
  const gaps: SectionGap[] = [];
  for (const section of TARGET_SECTIONS) {
    if (spec[section] === undefined) continue;
    if (only) {
      if (!only.includes(section)) gaps.push({ section, why: `not checked (--sections ${only.join(',')})` });
      continue;
    }
    if (section === 'workloads') {
      if (layer.objects.length === 0 && layer.releases.length === 0)
        gaps.push({
          section,
          why: `not built by this code: it has no Kubernetes object or Helm release${cloudformationFamily ? `; ${CLOUDFORMATION_WORKLOADS_HINT}` : ''}`,
        });
      continue;
    }
    const { kinds: built, what } = SECTION_KINDS[section];
    if (!built.some((kind) => kinds.has(kind)))
      gaps.push({ section, why: `not built by this code: it has ${what}` });
  }
  return gaps;
}

/** `--sections network,cluster`: the target's sections by the names the spec gives them. */
function sectionsOption(value: string | undefined): TargetSection[] | undefined {
  if (value === undefined) return undefined;
  const names = value
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  for (const name of names) {
    if (!(TARGET_SECTIONS as readonly string[]).includes(name)) {
      const suggestion = closestMatch(name, [...TARGET_SECTIONS]);
      throw new UsageError(
        `--sections: no section "${name}"${suggestion ? ` (did you mean ${suggestion}?)` : ''}; the sections are ${TARGET_SECTIONS.join(', ')}`,
      );
    }
  }
  if (names.length === 0) throw new UsageError(`--sections takes a list of ${TARGET_SECTIONS.join(', ')}`);
  return names as TargetSection[];
}

export interface CheckOptions {
  readonly spec?: string;
  readonly against?: string;
  readonly format?: string;
  readonly out?: string;
  readonly timeout?: string;
  readonly stack?: string;
  readonly terraform?: string;
  readonly varFiles: readonly string[];
  readonly vars: readonly string[];
  readonly cloudformation: readonly string[];
  readonly parameters: readonly string[];
  readonly parameterValues: readonly string[];
  /** Stack tags for every stack ([{Key, Value}] as aws cloudformation takes them, or an object). */
  readonly tags?: string;
  readonly cdkOut?: string;
  readonly cdkApp?: string;
  readonly cdktfOut?: string;
  readonly pulumi?: string;
  /** Only these sections of the target (comma-separated). */
  readonly sections?: string;
  /** The waivers file for the policy section. */
  readonly waivers?: string;
}

const CHECKED_ID = 'yours';
/** Whose fixes the policy section shows for the code checked. */
const FIX_TOOL_OF: Readonly<Record<string, FixTool>> = {
  'AWS CDK': 'cdk-l2',
  CDKTF: 'cdktf',
  Terraform: 'infra-terraform',
  CloudFormation: 'cloudformation',
  Pulumi: 'pulumi',
};
const DEFAULT_TIMEOUT_S = 300;

/** `K=V` pairs, each once. */
function pairs(list: readonly string[], flag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of list) {
    const equals = item.indexOf('=');
    if (equals <= 0) throw new UsageError(`${flag} takes NAME=VALUE, not "${item}"`);
    out[item.slice(0, equals)] = item.slice(equals + 1);
  }
  return out;
}

function existing(path: string, what: 'folder' | 'file', flag: string, cwd: string): string {
  const full = resolve(cwd, path);
  const stats = statSync(full, { throwIfNoEntry: false });
  if (!stats) throw new UsageError(`${flag} ${path}: no such ${what}`);
  if (what === 'folder' && !stats.isDirectory()) throw new UsageError(`${flag} ${path}: not a folder`);
  if (what === 'file' && !stats.isFile()) throw new UsageError(`${flag} ${path}: not a file`);
  return full;
}

/** A parameters or tags file as aws cloudformation takes it ([{ParameterKey, ParameterValue}], [{Key, Value}]) or an object. */
function keyValues(file: string, keyName: string, valueName: string): Record<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new HarnessError('ARTIFACT_CORRUPT', `not JSON: ${(error as Error).message}`, {
      location: { file },
    });
  }
  if (Array.isArray(parsed)) {
    return Object.fromEntries(
      parsed.map((item: Record<string, unknown>) => {
        if (typeof item?.[keyName] !== 'string') {
          throw new HarnessError(
            'ARTIFACT_CORRUPT',
            `a list here holds {"${keyName}": …, "${valueName}": …}`,
            {
              location: { file },
            },
          );
        }
        return [item[keyName] as string, String(item[valueName] ?? '')];
      }),
    );
  }
  if (parsed !== null && typeof parsed === 'object') {
    return Object.fromEntries(
      Object.entries(parsed as Record<string, unknown>).map(([key, value]) => [key, String(value)]),
    );
  }
  throw new HarnessError('ARTIFACT_CORRUPT', 'parameters are a list or an object', { location: { file } });
}

/**
 * Templates to a stack plan folder (what the hand-written implementation's synth writes), so they
 * are read and validated exactly as the six are: one stack per template, in the order given
 * (exports flow forward), each given the parameters it declares.
 */
function stackPlanOf(
  templates: readonly { name?: string; file: string }[],
  parameters: Record<string, string>,
  tags: Record<string, string>,
  spec: TargetSpec,
  dir: string,
): void {
  writeFileSync(
    join(dir, 'tags.json'),
    JSON.stringify(Object.entries(tags).map(([Key, Value]) => ({ Key, Value }))),
  );
  const stacks = templates.map(({ name: given, file: template }) => {
    const text = readFileSync(template, 'utf8');
    const parsed = parseTemplateText(template, text).template as {
      Parameters?: Record<string, unknown>;
      Resources?: unknown;
    };
    if (!parsed || typeof parsed !== 'object' || parsed.Resources === undefined) {
      throw new HarnessError('TEMPLATE_SYNTAX', 'not a CloudFormation template: no Resources section', {
        location: { file: template },
      });
    }
    const declared = Object.keys(parsed.Parameters ?? {});
    const name =
      given ??
      basename(template, extname(template))
        .replace(/[^A-Za-z0-9-]/g, '-')
        .replace(/^[^A-Za-z]+/, 's');
    const own = Object.entries(parameters).filter(([key]) => declared.includes(key));
    const copy = `${name}${extname(template) || '.yaml'}`;
    writeFileSync(join(dir, copy), text);
    writeFileSync(
      join(dir, `${name}.parameters.json`),
      JSON.stringify(own.map(([ParameterKey, ParameterValue]) => ({ ParameterKey, ParameterValue }))),
    );
    return {
      name,
      template: copy,
      source: template,
      parameters: `${name}.parameters.json`,
      tags: 'tags.json',
    };
  });
  writeFileSync(
    join(dir, 'stacks.json'),
    JSON.stringify({ schemaVersion: 1, account: spec.account, region: spec.region, stacks }),
  );
}

interface Checked {
  readonly info: ImplementationInfo;
  readonly path: string;
}

/** The user's code as an artifact iac-compare reads, running their program first where it must. */
async function artifactOf(
  options: CheckOptions,
  spec: TargetSpec,
  specFile: string,
  io: Io,
  work: string,
): Promise<Checked> {
  const cwd = io.cwd;
  const timeoutMs = (options.timeout ? Number(options.timeout) : DEFAULT_TIMEOUT_S) * 1000;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0)
    throw new UsageError('--timeout takes a number of seconds');
  const info = (
    fields: Partial<ImplementationInfo> & Pick<ImplementationInfo, 'label' | 'tool' | 'artifactKind'>,
    path: string,
    sources: string[],
  ): Checked => ({
    info: {
      id: CHECKED_ID,
      packageName: '-',
      packageDir: path,
      artifactPath: relative('/', path),
      synthOutDir: path,
      envelopeFile: '',
      sources,
      ...fields,
    },
    path,
  });
  if (options.terraform !== undefined) {
    const dir = existing(options.terraform, 'folder', '--terraform', cwd);
    if (!readdirTf(dir))
      throw new UsageError(`--terraform ${options.terraform}: no .tf or .tf.json files in that folder`);
    const varFiles = options.varFiles.map((file) => existing(file, 'file', '--var-file', cwd));
    const vars = pairs(options.vars, '--var');
    registerArtifactReader('checked-terraform', (checked, path, placement) =>
      readTerraformDirectory(path, checked.id, placement, { varFiles, vars }),
    );
    return info(
      {
        label: `your Terraform (${options.terraform})`,
        tool: 'Terraform',
        artifactKind: 'checked-terraform' as ImplementationInfo['artifactKind'],
      },
      dir,
      [dir],
    );
  }
  if (options.cloudformation.length > 0) {
    // TEMPLATE or STACK=TEMPLATE: the stack's name matters to exports and imports.
    const templates = options.cloudformation.map((item) => {
      const equals = item.indexOf('=');
      const name = equals > 0 && !existsSync(resolve(cwd, item)) ? item.slice(0, equals) : undefined;
      const path = name ? item.slice(equals + 1) : item;
      return { ...(name ? { name } : {}), file: existing(path, 'file', '--cloudformation', cwd) };
    });
    const parameters = {
      ...Object.assign(
        {},
        ...options.parameters.map((file) =>
          keyValues(existing(file, 'file', '--parameters', cwd), 'ParameterKey', 'ParameterValue'),
        ),
      ),
      ...pairs(options.parameterValues, '--parameter'),
    };
    const dir = join(work, 'stacks');
    mkdirSync(dir, { recursive: true });
    const tags = options.tags ? keyValues(existing(options.tags, 'file', '--tags', cwd), 'Key', 'Value') : {};
    stackPlanOf(templates, parameters, tags, spec, dir);
    return info(
      {
        label: `your CloudFormation (${options.cloudformation.join(', ')})`,
        tool: 'CloudFormation',
        artifactKind: 'cloudformation-stacks',
      },
      dir,
      templates.map((template) => template.file),
    );
  }
  if (options.cdkOut !== undefined) {
    const dir = existing(options.cdkOut, 'folder', '--cdk-out', cwd);
    if (!existsSync(join(dir, 'manifest.json')))
      throw new UsageError(
        `--cdk-out ${options.cdkOut}: no manifest.json, not a cloud assembly (cdk synth writes one, in cdk.out)`,
      );
    return info(
      { label: `your CDK assembly (${options.cdkOut})`, tool: 'AWS CDK', artifactKind: 'cdk-assembly' },
      dir,
      [],
    );
  }
  if (options.cdkApp !== undefined) {
    const dir = existing(options.cdkApp, 'folder', '--cdk-app', cwd);
    const out = join(work, 'cdk.out');
    await runCdkApp(dir, out, spec, timeoutMs, io);
    return info(
      { label: `your CDK app (${options.cdkApp})`, tool: 'AWS CDK', artifactKind: 'cdk-assembly' },
      out,
      [dir],
    );
  }
  if (options.cdktfOut !== undefined) {
    const dir = existing(options.cdktfOut, 'folder', '--cdktf-out', cwd);
    return info(
      { label: `your CDKTF output (${options.cdktfOut})`, tool: 'CDKTF', artifactKind: 'terraform-json' },
      dir,
      [],
    );
  }
  if (options.pulumi !== undefined) {
    const dir = existing(options.pulumi, 'folder', '--pulumi', cwd);
    const out = join(work, 'pulumi');
    await runPulumiProgram(dir, out, specFile, spec, timeoutMs, io, options.stack);
    return info(
      {
        label: `your Pulumi program (${options.pulumi})`,
        tool: 'Pulumi',
        artifactKind: 'pulumi-registrations',
      },
      out,
      [dir],
    );
  }
  throw new UsageError(
    'check needs the code to check: --terraform DIR, --cloudformation TEMPLATE…, --cdk-out DIR, --cdk-app DIR, --cdktf-out DIR or --pulumi DIR',
  );
}

function readdirTf(dir: string): boolean {
  return readdirSync(dir).some((name) => name.endsWith('.tf') || name.endsWith('.tf.json'));
}

/**
 * Exit codes: 0 the code conforms (and, with --against, so do the references); 1 it does not;
 * 2 bad input, or the code (or a program it runs) failed.
 */
export async function runCheck(options: CheckOptions, io: Io): Promise<number> {
  const sources = [
    options.terraform,
    options.cloudformation.length ? 'x' : undefined,
    options.cdkOut,
    options.cdkApp,
    options.cdktfOut,
    options.pulumi,
  ].filter((source) => source !== undefined);
  if (sources.length > 1) {
    throw new UsageError(
      'check takes one of --terraform, --cloudformation, --cdk-out, --cdk-app, --cdktf-out, --pulumi',
    );
  }
  if (options.terraform === undefined && (options.varFiles.length || options.vars.length)) {
    throw new UsageError('--var-file and --var go with --terraform');
  }
  if (!options.cloudformation.length && (options.parameters.length || options.parameterValues.length)) {
    throw new UsageError('--parameters and --parameter go with --cloudformation');
  }
  // Refused before any work: a folder, the target file, a file iac-compare did not write.
  const only = sectionsOption(options.sections);
  const { format, repoRoot, specFile, outFile } = reportInputs(options, io);
  const spec = loadTarget(specFile);
  const references = options.against ? selectImplementations(options.against) : [];
  const work = mkdtempSync(join(tmpdir(), 'iac-compare-check-'));
  try {
    startValidatorWorker();
    const checked = await artifactOf(options, spec, specFile, io, work);
    const placement = { account: spec.account, region: spec.region };
    const prepared = new Map<string, Prepared>();
    // Code that cannot be read (a syntax error, a missing module) is bad input: one clear error.
    const read = await readInventory(checked.info, {
      repoRoot,
      placement,
      cache: false,
      artifactRoot: '/',
    });
    // The assembly of --cdk-app lives in a temporary folder that is gone when check ends: point at
    // what the user can open instead, the TypeScript line CDK recorded or the construct path.
    const { inventory, findings } =
      options.cdkApp !== undefined ? withoutTemporaryLocations(read, work) : read;
    const gaps = sectionGapsOf(inventory, spec, only);
    prepared.set(CHECKED_ID, {
      info: checked.info,
      envelope: null,
      violations: [],
      gaps,
      inventory,
      findings,
    });
    if (references.length > 0) {
      const read = await synthesizeAndRead({ repoRoot, spec, specFile, implementations: references, io });
      for (const [id, item] of read.prepared) prepared.set(id, item);
    }
    const report = await buildReport({
      repoRoot,
      spec,
      specFile: relative(repoRoot, specFile) || specFile,
      implementations: [checked.info, ...references],
      prepared,
      cache: false,
    });
    // The policy findings: the same rules on your code (exit code unchanged). JSON leaves them to `policy`.
    const policy =
      format === 'json' ? undefined : await buildPolicyReport(prepared, { waivers: options.waivers }, io);
    const policyOptions = {
      relativeTo: repoRoot,
      fixToolFor: { [CHECKED_ID]: FIX_TOOL_OF[checked.info.tool] ?? 'infra-terraform' },
    };
    // The page names what was checked (the code's flag and path as given), never the output path.
    const checkedFlag = (
      [
        ['terraform', options.terraform],
        ['cloudformation', options.cloudformation.length ? options.cloudformation.join(' ') : undefined],
        ['cdk-out', options.cdkOut],
        ['cdk-app', options.cdkApp],
        ['cdktf-out', options.cdktfOut],
        ['pulumi', options.pulumi],
      ] as const
    ).filter(([, value]) => value !== undefined);
    const text =
      format === 'html'
        ? await renderCompareHtmlPage(
            report,
            'check',
            {
              repoRoot,
              outFile,
              writtenBy: writtenBy('check', {
                ...Object.fromEntries(checkedFlag),
                spec: options.spec === undefined ? undefined : relative(repoRoot, specFile) || specFile,
                against: options.against,
                waivers: options.waivers,
              }),
              policy,
              policyOptions,
            },
            io,
          )
        : (format === 'json'
            ? renderJson(report)
            : format === 'markdown'
              ? renderMarkdown(report, { relativeTo: repoRoot })
              : renderTable(report, {
                  color: io.isTty && outFile === undefined,
                  width: io.columns,
                  relativeTo: repoRoot,
                  // The user's own code: every warning is listed with its line; the references' are counted.
                  listWarningsOf: [CHECKED_ID],
                })) + (policy ? renderPolicySection(policy, format, policyOptions) : '');
    const failed = report.implementations.filter((implementation) => implementation.status === 'failed');
    if (outFile !== undefined && failed.length === 0) {
      writeFileAtomic(outFile, text);
      io.err(`wrote ${relative(io.cwd, outFile) || outFile}\n`);
    } else io.out(text);
    return exitCodeFor(report);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
