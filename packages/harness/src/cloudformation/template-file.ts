/**
 * Reading a template file: YAML with CloudFormation's short-form tags (`!Ref`, `!Sub`, `!GetAtt A.B.C`
 * …, turned into their long form) or JSON, keeping the line of every resource, output and condition
 * so errors can point at it.
 */
import { readFileSync } from 'node:fs';
import {
  type CollectionTag,
  isMap,
  isPair,
  isScalar,
  LineCounter,
  parseDocument,
  type Scalar,
  type ScalarTag,
} from 'yaml';
import { HarnessError, type SourceLocation } from '../errors.js';

export type Template = Record<string, unknown>;

export interface TemplateFile {
  readonly file: string;
  readonly template: Template;
  /** `Resources.LogicalId`, `Outputs.Name`, `Conditions.Name` → where it is declared. */
  locate(section: string, name: string): SourceLocation;
}

/** Short-form tags and the function each stands for; `!GetAtt A.B.C` splits at the first dot. */
const FUNCTION_TAGS = [
  'Base64',
  'Cidr',
  'FindInMap',
  'GetAZs',
  'ImportValue',
  'Join',
  'Select',
  'Split',
  'Sub',
  'Transform',
  'And',
  'Equals',
  'If',
  'Not',
  'Or',
  'Length',
  'ToJsonString',
  'Contains',
  'EachMemberEquals',
  'EachMemberIn',
  'RefAll',
  'ValueOf',
  'ValueOfAll',
];

function longForm(name: string, value: unknown): Record<string, unknown> {
  if (name === 'Ref') return { Ref: value };
  if (name === 'Condition') return { Condition: value };
  if (name === 'GetAtt' && typeof value === 'string') {
    const dot = value.indexOf('.');
    return { 'Fn::GetAtt': dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)] };
  }
  return { [`Fn::${name}`]: value };
}

function tagsFor(name: string): (ScalarTag | CollectionTag)[] {
  return [
    { tag: `!${name}`, resolve: (value: string) => longForm(name, value) } as ScalarTag,
    {
      tag: `!${name}`,
      collection: 'seq',
      resolve: (seq: { toJSON(): unknown }) => longForm(name, seq.toJSON()),
    } as CollectionTag,
    {
      tag: `!${name}`,
      collection: 'map',
      resolve: (map: { toJSON(): unknown }) => longForm(name, map.toJSON()),
    } as CollectionTag,
  ];
}

const CUSTOM_TAGS = ['Ref', 'Condition', 'GetAtt', ...FUNCTION_TAGS].flatMap(tagsFor);

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/**
 * `Section.Name` → line, for the keys of the template's top-level sections, in one linear scan of
 * the JSON text (strings skipped, depth counted), so locating 10,000 resources stays linear.
 */
function declarationLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  let depth = 0;
  let line = 1;
  let section: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (char === 10) line++;
    else if (char === 123 || char === 91) depth++;
    else if (char === 125 || char === 93) depth--;
    else if (char === 34) {
      const start = i;
      for (i++; i < text.length && text.charCodeAt(i) !== 34; i++) if (text.charCodeAt(i) === 92) i++;
      let next = i + 1;
      while (next < text.length && /\s/.test(text[next]!)) next++;
      if (text[next] !== ':') continue;
      const key = JSON.parse(text.slice(start, i + 1)) as string;
      if (depth === 1) section = key;
      else if (depth === 2 && section !== undefined) lines.set(`${section}.${key}`, line);
    }
  }
  return lines;
}

function parseJsonTemplate(file: string, text: string): TemplateFile {
  let template: unknown;
  try {
    template = JSON.parse(text);
  } catch (error) {
    const position = /position (\d+)/.exec((error as Error).message);
    const line = position ? lineOf(text, Number(position[1])) : undefined;
    throw new HarnessError(
      'TEMPLATE_SYNTAX',
      `not valid JSON: ${(error as Error).message.replace(/ in JSON at position.*$/, '')}`,
      {
        location: { file, line },
      },
    );
  }
  if (typeof template !== 'object' || template === null || Array.isArray(template)) {
    throw new HarnessError('TEMPLATE_SYNTAX', 'a template is a JSON object', { location: { file } });
  }
  // JSON.parse keeps no positions: index every declaration's line in one pass, on first use.
  let lines: Map<string, number> | undefined;
  const locate = (section: string, name: string): SourceLocation => {
    lines ??= declarationLines(text);
    const line = lines.get(`${section}.${name}`);
    return line ? { file, line } : { file };
  };
  return { file, template: template as Template, locate };
}

function parseYamlTemplate(file: string, text: string): TemplateFile {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, {
    customTags: CUSTOM_TAGS,
    lineCounter,
    uniqueKeys: true,
    prettyErrors: true,
  });
  const first = document.errors[0];
  if (first) {
    const position = first.linePos?.[0];
    throw new HarnessError(
      'TEMPLATE_SYNTAX',
      `not valid YAML: ${first.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`,
      {
        location: { file, line: position?.line, column: position?.col },
      },
    );
  }
  const unresolved = document.warnings.find((warning) => warning.code === 'TAG_RESOLVE_FAILED');
  if (unresolved) {
    const position = unresolved.linePos?.[0];
    throw new HarnessError(
      'UNKNOWN_TAG',
      `${unresolved.message.split('\n')[0]}; CloudFormation has no such short-form function`,
      {
        location: { file, line: position?.line, column: position?.col },
      },
    );
  }
  const template = document.toJS({ maxAliasCount: 100 }) as unknown;
  if (typeof template !== 'object' || template === null || Array.isArray(template)) {
    throw new HarnessError(
      'TEMPLATE_SYNTAX',
      'a template is a mapping of sections (Resources, Parameters …)',
      {
        location: { file, line: 1 },
      },
    );
  }
  const lines = new Map<string, number>();
  if (isMap(document.contents)) {
    for (const section of document.contents.items) {
      if (!isPair(section) || !isScalar(section.key) || !isMap(section.value)) continue;
      const sectionName = String((section.key as Scalar).value);
      for (const item of section.value.items) {
        if (isPair(item) && isScalar(item.key) && item.key.range) {
          lines.set(`${sectionName}.${String(item.key.value)}`, lineCounter.linePos(item.key.range[0]).line);
        }
      }
    }
  }
  const locate = (section: string, name: string): SourceLocation => {
    const line = lines.get(`${section}.${name}`);
    return line ? { file, line } : { file };
  };
  return { file, template: template as Template, locate };
}

export function parseTemplateText(file: string, text: string): TemplateFile {
  return text.trimStart().startsWith('{') ? parseJsonTemplate(file, text) : parseYamlTemplate(file, text);
}

/**
 * Reads a template; `origin` names the file findings point at when `file` is a copy of it (the
 * hand-written template that synth copied into out/, line for line).
 */
export function readTemplateFile(file: string, origin?: string): TemplateFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new HarnessError(
      'ARTIFACT_MISSING',
      `cannot read template: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
      {
        location: { file },
      },
    );
  }
  return parseTemplateText(origin ?? file, text);
}
