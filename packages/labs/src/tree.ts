/**
 * `iac-labs tree ASSEMBLY_DIR [--depth N]` (lab 3): a CDK app's construct tree, as `cdk synth`
 * records it in the cloud assembly's tree.json, with each construct's level:
 *
 *   L1  a Cfn* class: exactly one CloudFormation resource (its type is shown)
 *   L2  any other construct of the AWS Construct Library (ec2.Vpc, eks.Cluster, iam.Role …)
 *   L3  a construct the app defines itself (no library class recorded) that holds others: here,
 *       EksPlatform (the VPC, cluster, node groups as one construct) and the workloads
 *
 * The CDK CLI has no command that prints the tree with classes (`cdk ls` lists stacks), so this is
 * ours: a reader of tree.json, nothing more.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { LabError } from './errors.js';

interface TreeNode {
  readonly id: string;
  readonly path?: string;
  readonly children?: Record<string, TreeNode>;
  readonly constructInfo?: { readonly fqn?: string };
  readonly attributes?: Record<string, unknown>;
}

const CFN_TYPE = 'aws:cdk:cloudformation:type';

export type Level = 'app' | 'stack' | 'L1' | 'L2' | 'L3' | 'template';

/** Template elements that are not resources. */
const TEMPLATE_ELEMENTS = new Set(['CfnParameter', 'CfnOutput', 'CfnRule', 'CfnCondition', 'CfnMapping']);

export function levelOf(node: TreeNode): { level: Level; what: string } {
  const fqn = node.constructInfo?.fqn ?? 'constructs.Construct';
  const type = node.attributes?.[CFN_TYPE];
  const className = fqn.split('.').at(-1) ?? fqn;
  if (fqn === 'aws-cdk-lib.App') return { level: 'app', what: 'App' };
  if (fqn === 'aws-cdk-lib.Stack') return { level: 'stack', what: 'Stack' };
  if (TEMPLATE_ELEMENTS.has(className)) return { level: 'template', what: `${className}: not a resource` };
  if (className.startsWith('Cfn')) {
    return { level: 'L1', what: typeof type === 'string' ? type : `${className} (a raw resource)` };
  }
  if (node.id === 'CDKMetadata')
    return { level: 'template', what: "CDK's metadata (the AWS::CDK::Metadata resource)" };
  if (fqn === 'constructs.Construct')
    return { level: 'L3', what: "the app's own construct, built of others" };
  const library = fqn.startsWith('aws-cdk-lib.') ? fqn.slice('aws-cdk-lib.'.length) : fqn;
  return { level: 'L2', what: library };
}

/** The tree as lines: `id` indented by depth, its level and what it is, to `depth` levels below the stacks. */
export function renderTree(root: TreeNode, depth: number): string[] {
  const lines: string[] = [];
  const counts: Record<Level, number> = { app: 0, stack: 0, L1: 0, L2: 0, L3: 0, template: 0 };
  const walk = (node: TreeNode, level: number, shown: boolean) => {
    if (node.id === 'Tree' && !node.children) return;
    const { level: kind, what } = levelOf(node);
    counts[kind]++;
    if (shown) {
      const label = kind === 'L1' || kind === 'L2' || kind === 'L3' ? `${kind.padEnd(3)} ` : '';
      lines.push(`${'  '.repeat(level)}${node.id}`.padEnd(44) + ` ${label}${what}`);
    }
    for (const child of Object.values(node.children ?? {}))
      walk(child, level + 1, shown && level + 1 <= depth + 1);
  };
  walk(root, 0, true);
  const more = lines.length;
  lines.push('');
  lines.push(
    `${counts.L1} L1 constructs (one CloudFormation resource each), ${counts.L2} L2 constructs, ${counts.L3} L3 constructs of the app's own; ${more} shown`,
  );
  return lines;
}

export function treeCommand(args: readonly string[], say: (line: string) => void): void {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: { depth: { type: 'string', default: '2' } },
    allowPositionals: true,
    strict: true,
  });
  const dir = positionals[0];
  if (!dir || positionals.length > 1)
    throw new LabError('LAB_USAGE', 'tree takes one cloud assembly folder (cdk.out)');
  const file = join(dir, 'tree.json');
  if (!existsSync(file)) {
    throw new LabError(
      'LAB_USAGE',
      `${file} does not exist: synthesize the app first (npx iac-compare synth --only cdk-l2)`,
    );
  }
  const depth = Number(values.depth);
  if (!Number.isInteger(depth) || depth < 0)
    throw new LabError('LAB_USAGE', `--depth is a whole number, not "${values.depth}"`);
  const tree = (JSON.parse(readFileSync(file, 'utf8')) as { tree: TreeNode }).tree;
  for (const line of renderTree(tree, depth)) say(line);
}
