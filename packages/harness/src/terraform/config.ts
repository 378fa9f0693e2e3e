/**
 * Reading a Terraform module into blocks. HCL files go through @cdktf/hcl2json one file at a time,
 * so every block knows its file; the JSON syntax (*.tf.json, CDKTF's cdk.tf.json) is read into the
 * same model, its `"//"` metadata kept as display names. hcl2json keeps no positions, so a block's
 * line is found by its header in the file text, and an attribute's by its name after that.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { HarnessError } from '../errors.js';
import { hclToJson } from './hcl2json.js';

export type Raw = unknown;
export type RawObject = Record<string, Raw>;

export type BlockKind = 'resource' | 'data' | 'module' | 'variable' | 'output' | 'provider' | 'locals';

export interface ConfigBlock {
  readonly kind: BlockKind;
  readonly labels: readonly string[];
  readonly body: RawObject;
  readonly file: string;
  readonly line: number;
  readonly syntax: 'hcl' | 'json';
  /** CDKTF's construct path, from the `"//"` metadata. */
  readonly displayName?: string;
}

export interface ModuleConfig {
  readonly dir: string;
  readonly blocks: readonly ConfigBlock[];
  /** File texts, for locating attributes. */
  readonly texts: ReadonlyMap<string, string>;
}

export function isObject(value: Raw): value is RawObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asList(value: Raw): Raw[] {
  return Array.isArray(value) ? value : [value];
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function headerLine(
  text: string,
  kind: BlockKind,
  labels: readonly string[],
  syntax: 'hcl' | 'json',
): number {
  const pattern =
    syntax === 'hcl'
      ? new RegExp(
          `^[ \\t]*${kind}${labels.map((label) => `\\s+"?${escapeRegex(label)}"?`).join('')}\\s*\\{`,
          'm',
        )
      : new RegExp(`"${escapeRegex(labels.at(-1) ?? kind)}"\\s*:`, 'm');
  const match = pattern.exec(text);
  if (!match) return 1;
  return text.slice(0, match.index).split('\n').length;
}

/** The line of attribute `name` inside a block (its first occurrence after the block header). */
export function attributeLine(config: ModuleConfig, block: ConfigBlock, name: string): number {
  const text = config.texts.get(block.file);
  if (!text) return block.line;
  const lines = text.split('\n');
  const pattern =
    block.syntax === 'hcl'
      ? new RegExp(`^[ \\t]*${escapeRegex(name)}\\s*=`)
      : new RegExp(`"${escapeRegex(name)}"\\s*:`);
  for (let i = block.line - 1; i < lines.length; i++) if (pattern.test(lines[i]!)) return i + 1;
  return block.line;
}

function blocksOf(json: RawObject, file: string, text: string, syntax: 'hcl' | 'json'): ConfigBlock[] {
  const blocks: ConfigBlock[] = [];
  const add = (kind: BlockKind, labels: string[], body: Raw) => {
    if (!isObject(body)) {
      throw new HarnessError('HCL_SYNTAX', `${kind} ${labels.join('.')} is not a block`, {
        location: { file },
      });
    }
    const { '//': metadata, ...rest } = body;
    const path = isObject(metadata) && isObject(metadata.metadata) ? metadata.metadata.path : undefined;
    blocks.push({
      kind,
      labels,
      body: rest,
      file,
      line: headerLine(text, kind, labels, syntax),
      syntax,
      ...(typeof path === 'string' ? { displayName: path } : {}),
    });
  };
  for (const [key, value] of Object.entries(json)) {
    if (key === 'resource' || key === 'data') {
      if (!isObject(value)) continue;
      for (const [type, byName] of Object.entries(value)) {
        if (!isObject(byName)) continue;
        for (const [name, body] of Object.entries(byName))
          for (const item of asList(body)) add(key, [type, name], item);
      }
    } else if (key === 'variable' || key === 'output' || key === 'module') {
      if (!isObject(value)) continue;
      for (const [name, body] of Object.entries(value))
        for (const item of asList(body)) add(key, [name], item);
    } else if (key === 'provider') {
      if (!isObject(value)) continue;
      for (const [name, body] of Object.entries(value))
        for (const item of asList(body)) add('provider', [name], item);
    } else if (key === 'locals') {
      for (const item of asList(value)) {
        if (!isObject(item)) continue;
        for (const [name, local] of Object.entries(item)) {
          blocks.push({
            kind: 'locals',
            labels: [name],
            body: { value: local },
            file,
            line: attributeLineIn(text, name, syntax),
            syntax,
          });
        }
      }
    }
  }
  return blocks;
}

function attributeLineIn(text: string, name: string, syntax: 'hcl' | 'json'): number {
  const pattern =
    syntax === 'hcl'
      ? new RegExp(`^[ \\t]*${escapeRegex(name)}[ \\t]*=`, 'm')
      : new RegExp(`"${escapeRegex(name)}"\\s*:`, 'm');
  const match = pattern.exec(text);
  return match ? text.slice(0, match.index).split('\n').length : 1;
}

/**
 * hcl2json reports every diagnostic as `[file:line,col-line,col: Summary; Detail. file:… ]`; the
 * first is the cause (the rest usually cascade from it), so keep only that one, with line and column.
 */
function hclSyntaxError(file: string, error: unknown): HarnessError {
  const message = error instanceof Error ? error.message : String(error);
  const position = /:(\d+),(\d+)(?:-\d+(?:,\d+)?)?: ([^;\]]*)(?:; ([^\]]*?))?(?= \S+:\d+,\d+|\]|$)/s.exec(
    message,
  );
  if (!position) return new HarnessError('HCL_SYNTAX', message.split('\n')[0]!, { location: { file } });
  const detail = position[4] ? `; ${position[4].trim()}` : '';
  return new HarnessError('HCL_SYNTAX', `${position[3]!.trim()}${detail}`, {
    location: { file, line: Number(position[1]), column: Number(position[2]) },
  });
}

export async function parseHclFile(file: string, text: string): Promise<RawObject> {
  try {
    return (await hclToJson(file, text)) as RawObject;
  } catch (error) {
    throw hclSyntaxError(file, error);
  }
}

/** Reads every .tf and .tf.json file of a module directory. */
export async function readModule(dir: string): Promise<ModuleConfig> {
  let entries: string[];
  try {
    entries = readdirSync(dir)
      .filter(
        (name) => (name.endsWith('.tf') || name.endsWith('.tf.json')) && statSync(join(dir, name)).isFile(),
      )
      .sort();
  } catch {
    throw new HarnessError('ARTIFACT_MISSING', 'the module directory cannot be read', {
      location: { file: dir },
    });
  }
  if (entries.length === 0)
    throw new HarnessError('ARTIFACT_MISSING', 'no .tf or .tf.json files in the module directory', {
      location: { file: dir },
    });
  const texts = new Map<string, string>();
  const parsed = await Promise.all(
    entries.map(async (name) => {
      const file = join(dir, name);
      const text = readFileSync(file, 'utf8');
      texts.set(file, text);
      if (name.endsWith('.tf.json')) return blocksOf(parseJsonConfig(file, text), file, text, 'json');
      return blocksOf(await parseHclFile(file, text), file, text, 'hcl');
    }),
  );
  return { dir, blocks: parsed.flat(), texts };
}

export function parseJsonConfig(file: string, text: string): RawObject {
  try {
    const json = JSON.parse(text) as unknown;
    if (!isObject(json)) throw new Error('the top level must be an object');
    return json;
  } catch (error) {
    throw new HarnessError(
      'ARTIFACT_CORRUPT',
      `not a Terraform JSON configuration: ${(error as Error).message}`,
      { location: { file } },
    );
  }
}

/** A module made of one JSON configuration file (CDKTF's cdk.tf.json). */
export function moduleFromJsonFile(dir: string, file: string): ModuleConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new HarnessError('ARTIFACT_MISSING', 'not found; run the implementation’s synth first', {
      location: { file },
    });
  }
  return {
    dir,
    blocks: blocksOf(parseJsonConfig(file, text), file, text, 'json'),
    texts: new Map([[file, text]]),
  };
}
