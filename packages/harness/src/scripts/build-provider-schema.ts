/**
 * Build step: which arguments of each Terraform AWS resource the provider computes — optional and
 * computed, or computed only — with their types: the provider schema's own flags, as a package ships them.
 *
 * No npm package ships terraform-provider-aws's schema JSON (`terraform providers schema -json` needs
 * the provider binary, which cannot be downloaded here). @pulumi/aws's generated SDK does carry the
 * flags: it is generated from the Pulumi schema that the Terraform bridge derives from the provider
 * schema, and the bridge writes an output as `T` when the Terraform attribute is Computed or Required
 * and as `T | undefined` when it is only Optional, and an input (`XArgs`) as optional (`?`) when the
 * Terraform argument is Optional. So, per argument:
 *   in XArgs without `?`                      → required            (r)
 *   in XArgs with `?`, output `T`              → optional + computed (oc)
 *   in XArgs with `?`, output `T | undefined`  → optional            (o)
 *   not in XArgs                               → computed only       (c)
 * and the same for nested blocks, from types/input.d.ts and types/output.d.ts — where a computed-only
 * field reads as optional+computed (the SDK shares one input type between arguments and state, so it
 * is optional there too); either way the provider fills it. Inside a computed block all is computed.
 * Names go back to Terraform's with the bridge's rule (camelCase → snake_case), the Terraform type
 * from the Pulumi token (`aws:ec2/vpc:Vpc` → aws_vpc). Written next to the compiled code.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { allKinds } from '../canonical/kinds.js';
import type { ArgumentFlag, ProviderSchemaIndex } from '../canonical/provider-schema.js';
import { snakeCase, terraformName } from '../pulumi/properties.js';

const require = createRequire(import.meta.url);
const root = dirname(require.resolve('@pulumi/aws/package.json'));
const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;

/** `name?: TYPE;` members of a block of declarations, the type read with its brackets balanced. */
function membersOf(body: string): Map<string, { optional: boolean; type: string }> {
  const members = new Map<string, { optional: boolean; type: string }>();
  const pattern = /^\s*(?:readonly\s+)?([A-Za-z_$][\w$]*)(\?)?:\s*/gm;
  for (let match = pattern.exec(body); match; match = pattern.exec(body)) {
    let depth = 0;
    let end = pattern.lastIndex;
    for (; end < body.length; end++) {
      const c = body[end];
      if (c === '<' || c === '{' || c === '(' || c === '[') depth++;
      else if (c === '>' || c === '}' || c === ')' || c === ']') depth--;
      else if (c === ';' && depth === 0) break;
    }
    members.set(match[1]!, { optional: match[2] === '?', type: body.slice(pattern.lastIndex, end) });
    pattern.lastIndex = end;
  }
  return members;
}

/** The body between the braces that follow `header` in `text` (declarations nest one level at most). */
function bodyAfter(text: string, header: RegExp): string | undefined {
  const match = header.exec(text);
  if (!match) return undefined;
  let depth = 0;
  const start = text.indexOf('{', match.index + match[0].length - 1);
  for (let i = start; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return text.slice(start + 1, i);
  }
  return undefined;
}

/** `declare namespace eks { interface X {…} }` → "eks.X" → its members. */
function interfacesOf(file: string): Map<string, Map<string, { optional: boolean; type: string }>> {
  const text = readFileSync(file, 'utf8');
  const out = new Map<string, Map<string, { optional: boolean; type: string }>>();
  const stack: string[] = [];
  const lines = text.split('\n');
  let current: { name: string; lines: string[]; depth: number } | undefined;
  let depth = 0;
  for (const line of lines) {
    const namespace = /^\s*(?:export )?(?:declare )?namespace (\w+) \{/.exec(line);
    const iface = /^\s*interface (\w+) \{/.exec(line);
    if (!current && namespace) {
      stack.push(namespace[1]!);
      depth++;
      continue;
    }
    if (!current && iface) {
      current = { name: [...stack, iface[1]!].join('.'), lines: [], depth: 1 };
      continue;
    }
    if (current) {
      current.depth += (line.match(/\{/g)?.length ?? 0) - (line.match(/\}/g)?.length ?? 0);
      if (current.depth <= 0) {
        out.set(current.name, membersOf(current.lines.join('\n')));
        current = undefined;
      } else current.lines.push(line);
      continue;
    }
    if (/^\s*\}\s*$/.test(line) && depth > 0) {
      stack.pop();
      depth--;
    }
  }
  return out;
}

const outputs = interfacesOf(join(root, 'types', 'output.d.ts'));
const inputs = interfacesOf(join(root, 'types', 'input.d.ts'));

/** The nested block type an output member refers to (`outputs.eks.ClusterVpcConfig[]`), if any. */
function blockType(type: string): string | undefined {
  return /outputs\.([\w.]+)/.exec(type)?.[1];
}

/** The coarse type of an output (s string, n number, b bool, l list or set, m map or block). */
function typeLetter(type: string): string {
  const bare = type.replace(/\|\s*undefined\s*$/, '').trim();
  if (bare.endsWith('[]')) return 'l';
  if (bare === 'string') return 's';
  if (bare === 'number') return 'n';
  if (bare === 'boolean') return 'b';
  return 'm';
}

function flagOf(input: { optional: boolean } | undefined, outputOptional: boolean): ArgumentFlag {
  if (!input) return 'c';
  if (!input.optional) return 'r';
  return outputOptional ? 'o' : 'oc';
}

function walkBlock(
  name: string,
  prefix: string,
  attributes: Record<string, string>,
  depth: number,
  parent: ArgumentFlag,
): void {
  const output = outputs.get(name);
  const input = inputs.get(name);
  if (!output || depth > 4) return;
  for (const [member, { optional, type }] of output) {
    const path = `${prefix}.${snakeCase(member)}`;
    // Inside a block the provider computes, everything is computed (its input type is State's).
    const flag = parent === 'c' ? 'c' : flagOf(input?.get(member), optional);
    attributes[path] = `${flag}:${typeLetter(type)}`;
    const nested = blockType(type);
    if (nested) walkBlock(nested, path, attributes, depth + 1, flag);
  }
}

interface Resource {
  readonly token: string;
  readonly attributes: Record<string, string>;
}

function resourcesOf(): Resource[] {
  const resources: Resource[] = [];
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name === 'types' || entry.name === 'node_modules') continue;
    const dir = join(root, entry.name);
    for (const file of readdirSync(dir)) {
      if (!file.endsWith('.js') || file === 'index.js') continue;
      const js = readFileSync(join(dir, file), 'utf8');
      const token = /__pulumiType = '([^']+)'/.exec(js)?.[1];
      const className = /^class (\w+) extends pulumi\.CustomResource/m.exec(js)?.[1];
      if (!token || !className) continue;
      const dts = readFileSync(join(dir, file.replace(/\.js$/, '.d.ts')), 'utf8');
      const classBody = bodyAfter(dts, new RegExp(`export declare class ${className} extends[^{]*\\{`));
      const argsBody = bodyAfter(dts, new RegExp(`export interface ${className}Args \\{`)) ?? '';
      if (!classBody) continue;
      const args = membersOf(argsBody);
      // `id` is every resource's, declared on pulumi.CustomResource itself.
      const attributes: Record<string, string> = { id: 'c:s' };
      for (const [member, { type }] of membersOf(classBody)) {
        const output = /^pulumi\.Output<([\s\S]*)>$/.exec(type.trim());
        if (!output || member.startsWith('__')) continue;
        const inner = output[1]!;
        const path = terraformName(token, member);
        const flag = flagOf(args.get(member), /\|\s*undefined\s*$/.test(inner));
        attributes[path] = `${flag}:${typeLetter(inner)}`;
        const nested = blockType(inner);
        if (nested) walkBlock(nested, path, attributes, 1, flag);
      }
      resources.push({ token, attributes });
    }
  }
  return resources;
}

/**
 * The Terraform type a Pulumi token is bridged from: the harness's kinds where it names them, else
 * the bridge's rule — `aws_<module>_<name>` (aws:eks/nodeGroup → aws_eks_node_group) or, for the
 * modules that drop their prefix (ec2, cloudwatch …), `aws_<name>` (aws:ec2/vpc → aws_vpc). A name
 * two tokens could claim is left out rather than guessed.
 */
function terraformTypes(resources: readonly Resource[]): Map<string, Resource> {
  const known = new Map<string, string>();
  for (const kind of allKinds())
    for (const [index, token] of kind.pulumi.entries())
      known.set(token, kind.terraform[index] ?? kind.terraform[0]!);
  const prefixed = new Map<string, Resource[]>();
  const bare = new Map<string, Resource[]>();
  for (const resource of resources) {
    const match = /^aws:([\w]+)\/(\w+):\w+$/.exec(resource.token);
    if (!match) continue;
    const name = snakeCase(match[2]!);
    const module = match[1]!.toLowerCase();
    const add = (map: Map<string, Resource[]>, key: string) =>
      map.set(key, [...(map.get(key) ?? []), resource]);
    add(prefixed, `aws_${module}_${name}`);
    add(bare, `aws_${name}`);
  }
  const out = new Map<string, Resource>();
  for (const resource of resources) {
    const type = known.get(resource.token);
    if (type) out.set(type, resource);
  }
  // Both spellings are kept (a name no Terraform type has is never looked up); a name two
  // tokens could claim goes to EC2, the module whose types keep no prefix (aws_instance), or to none.
  for (const [type, candidates] of prefixed) {
    if (candidates.length === 1 && !out.has(type)) out.set(type, candidates[0]!);
  }
  for (const [type, candidates] of bare) {
    if (out.has(type) || prefixed.has(type)) continue;
    const chosen =
      candidates.length === 1
        ? candidates[0]
        : candidates.find((candidate) => candidate.token.startsWith('aws:ec2/'));
    if (chosen) out.set(type, chosen);
  }
  return out;
}

const resources = resourcesOf();
const byType = terraformTypes(resources);
const index: ProviderSchemaIndex = {
  source: `@pulumi/aws ${version} (bridged from terraform-provider-aws): generated SDK typings`,
  types: Object.fromEntries(
    [...byType].sort(([a], [b]) => a.localeCompare(b)).map(([type, resource]) => [type, resource.token]),
  ),
  resources: Object.fromEntries(
    [...new Set(byType.values())]
      .sort((a, b) => a.token.localeCompare(b.token))
      // Only what the provider computes is kept: arguments it fills when unset (oc) and attributes
      // it alone sets (c). Required and optional ones change nothing here, and leaving them out
      // keeps the file small enough (≈0.7 MB) to load in milliseconds.
      .map((resource) => [
        resource.token,
        Object.fromEntries(
          Object.entries(resource.attributes).filter(
            ([, flag]) => flag.startsWith('oc:') || flag.startsWith('c:'),
          ),
        ),
      ]),
  ),
};
const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '..', 'provider-schema-index.json');
writeFileSync(out, JSON.stringify(index));
console.log(`provider schema index: ${Object.keys(index.types).length} Terraform resource types → ${out}`);
