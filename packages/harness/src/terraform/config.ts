/**
 * Reading a Terraform module into blocks. HCL files go through the native-syntax parser
 * (native-syntax.ts) one file at a time, so every block knows its file; the JSON syntax (*.tf.json,
 * CDKTF's cdk.tf.json) is read into the same model, its `"//"` metadata kept as display names.
 * A block's line is found by its header in the file text, and an attribute's by its name after that.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readArtifactText } from '../artifact-file.js';
import { HarnessError } from '../errors.js';
import { parseNativeSyntax } from './native-syntax.js';

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

/**
 * Where declarations start in one file, found in one pass (a lookup per block, not a search of the
 * text per block — which made 10,000 resources quadratic): HCL block headers by kind and labels,
 * `name =` attributes by name; for JSON, every `"key":` by key. First occurrence wins.
 */
interface LineIndex {
  readonly headers: Map<string, number>;
  readonly keys: Map<string, number>;
}

const HCL_HEADER = /^[ \t]*(resource|data|module|variable|output|provider)((?:\s+(?:"[^"]*"|[\w-]+))*)\s*\{/;
const HCL_ATTRIBUTE = /^[ \t]*([\w-]+)[ \t]*=/;
const JSON_KEY = /"((?:[^"\\]|\\.)*)"\s*:/g;

function lineIndex(text: string, syntax: 'hcl' | 'json'): LineIndex {
  const headers = new Map<string, number>();
  const keys = new Map<string, number>();
  const remember = (map: Map<string, number>, key: string, line: number) => {
    if (!map.has(key)) map.set(key, line);
  };
  text.split('\n').forEach((lineText, index) => {
    if (syntax === 'hcl') {
      const header = HCL_HEADER.exec(lineText);
      if (header) {
        const labels = header[2]!
          .trim()
          .split(/\s+/)
          .filter(Boolean)
          .map((label) => label.replace(/^"|"$/g, ''));
        remember(headers, [header[1], ...labels].join(' '), index + 1);
      }
      const attribute = HCL_ATTRIBUTE.exec(lineText);
      if (attribute) remember(keys, attribute[1]!, index + 1);
    } else {
      for (const match of lineText.matchAll(JSON_KEY)) remember(keys, match[1]!, index + 1);
    }
  });
  return { headers, keys };
}

function headerLine(
  index: LineIndex,
  kind: BlockKind,
  labels: readonly string[],
  syntax: 'hcl' | 'json',
): number {
  if (syntax === 'hcl') return index.headers.get([kind, ...labels].join(' ')) ?? 1;
  return index.keys.get(labels.at(-1) ?? kind) ?? 1;
}

const splitLines = new Map<string, readonly string[]>();

/** The line of attribute `name` inside a block (its first occurrence after the block header). */
export function attributeLine(config: ModuleConfig, block: ConfigBlock, name: string): number {
  const text = config.texts.get(block.file);
  if (!text) return block.line;
  let lines = splitLines.get(block.file);
  if (!lines || splitLines.size > 1000) {
    if (splitLines.size > 1000) splitLines.clear();
    lines = text.split('\n');
    splitLines.set(block.file, lines);
  }
  const pattern =
    block.syntax === 'hcl'
      ? new RegExp(`^[ \\t]*${escapeRegex(name)}\\s*=`)
      : new RegExp(`"${escapeRegex(name)}"\\s*:`);
  for (let i = block.line - 1; i < lines.length; i++) if (pattern.test(lines[i]!)) return i + 1;
  return block.line;
}

function blocksOf(json: RawObject, file: string, text: string, syntax: 'hcl' | 'json'): ConfigBlock[] {
  const blocks: ConfigBlock[] = [];
  const index = lineIndex(text, syntax);
  splitLines.delete(file);
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
      line: headerLine(index, kind, labels, syntax),
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
            line: index.keys.get(name) ?? 1,
            syntax,
          });
        }
      }
    }
  }
  return blocks;
}

export async function parseHclFile(file: string, text: string): Promise<RawObject> {
  return parseNativeSyntax(file, text);
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
  const text = readArtifactText(file);
  return {
    dir,
    blocks: blocksOf(parseJsonConfig(file, text), file, text, 'json'),
    texts: new Map([[file, text]]),
  };
}
