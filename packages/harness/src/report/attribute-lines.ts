/**
 * The line of an attribute inside a resource's declaration, for the two source forms that have
 * one: HCL (`.tf`: the attribute's line, inside nested blocks) and CloudFormation YAML or JSON
 * (a template, CDKTF's cdk.tf.json: the property's key). A TypeScript program (CDK, Pulumi) has
 * no line per attribute: its tools record one line per construct or resource, and that is what a
 * report names for them.
 *
 * Read only when a report needs a line (a difference from the target), once per file.
 */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { isMap, isPair, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';

/** Where the search ended: the attribute itself, or the deepest enclosing block found. */
export interface AttributeLine {
  readonly line: number;
  /** `attribute`: the path's own line; `block`: an enclosing block (the attribute is not written there). */
  readonly found: 'attribute' | 'block';
}

const texts = new Map<string, string | null>();

function textOf(file: string): string | null {
  if (!texts.has(file)) {
    if (texts.size > 200) texts.clear();
    try {
      texts.set(file, readFileSync(file, 'utf8'));
    } catch {
      texts.set(file, null);
    }
  }
  return texts.get(file) ?? null;
}

/**
 * The line of `path` inside the declaration that starts at `line` of `file`; undefined when the
 * file is not HCL, YAML or JSON, cannot be read, or the declaration is not found there.
 * `properties` names the key the properties sit under (CloudFormation's `Properties`), if any.
 */
export function attributeLineIn(
  file: string,
  line: number,
  path: readonly string[],
  properties?: string,
): AttributeLine | undefined {
  const extension = extname(file).toLowerCase();
  const text = textOf(file);
  if (text === null || path.length === 0) return undefined;
  if (extension === '.tf') return hclAttributeLine(text, line, path);
  if (['.yaml', '.yml', '.json', '.template'].includes(extension))
    return documentAttributeLine(text, line, properties ? [properties, ...path] : path);
  return undefined;
}

// ---- YAML and JSON ---------------------------------------------------------------------------

const documents = new Map<string, { contents: Node | null; counter: LineCounter }>();

function lineOf(counter: LineCounter, node: Node | null | undefined): number | undefined {
  const offset = node?.range?.[0];
  return offset === undefined ? undefined : counter.linePos(offset).line;
}

/** The map whose key sits on `line`, searched in the first three levels (Resources → LogicalId; resource → type → name). */
function declarationAt(node: Node | null, counter: LineCounter, line: number, depth = 0): Node | undefined {
  if (!node || depth > 3 || !isMap(node)) return undefined;
  for (const pair of node.items) {
    if (!isPair(pair)) continue;
    const key = pair.key as Node | null;
    if (lineOf(counter, key) === line) return (pair.value as Node | null) ?? undefined;
    const inner = declarationAt(pair.value as Node | null, counter, line, depth + 1);
    if (inner) return inner;
  }
  return undefined;
}

function documentAttributeLine(
  text: string,
  line: number,
  path: readonly string[],
): AttributeLine | undefined {
  let parsed = documents.get(text);
  if (!parsed) {
    const counter = new LineCounter();
    // Short-form CloudFormation tags (!Ref, !Sub …) stay unresolved: only positions matter here.
    const document = parseDocument(text, { lineCounter: counter, strict: false, uniqueKeys: false });
    parsed = { contents: document.contents as Node | null, counter };
    if (documents.size > 50) documents.clear();
    documents.set(text, parsed);
  }
  const { counter } = parsed;
  let node = declarationAt(parsed.contents, counter, line);
  if (!node) return undefined;
  let found: AttributeLine = { line, found: 'block' };
  for (const [index, step] of path.entries()) {
    // A list of one block (CDKTF writes some blocks so): its first element.
    if (isSeq(node) && node.items.length > 0) node = node.items[0] as Node;
    if (!isMap(node)) break;
    const pair = node.items.find(
      (item) => isPair(item) && isScalar(item.key) && String((item.key as { value: unknown }).value) === step,
    );
    if (!pair || !isPair(pair)) break;
    const at = lineOf(counter, pair.key as Node);
    if (at === undefined) break;
    found = { line: at, found: index === path.length - 1 ? 'attribute' : 'block' };
    node = pair.value as Node;
  }
  return found;
}

// ---- HCL -------------------------------------------------------------------------------------

/**
 * Walks an HCL body character by character — strings (with `${…}` inside), heredocs and comments
 * skipped — and finds `path` inside the block whose header is on `line`: each step an attribute
 * (`name =`) or a nested block (`name {`, `name "label" {`), descending into `{…}` and `[{…}]`.
 */
function hclAttributeLine(text: string, line: number, path: readonly string[]): AttributeLine | undefined {
  const lineStarts = [0];
  for (let index = 0; index < text.length; index++) if (text[index] === '\n') lineStarts.push(index + 1);
  const lineAt = (offset: number) => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (lineStarts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return low + 1;
  };
  const start = lineStarts[line - 1];
  if (start === undefined) return undefined;
  const open = text.indexOf('{', start);
  if (open < 0) return undefined;
  let found: AttributeLine = { line, found: 'block' };
  let bodyStart = open + 1;
  for (const [index, step] of path.entries()) {
    const item = findItem(text, bodyStart, step);
    if (!item) break;
    found = { line: lineAt(item.at), found: index === path.length - 1 ? 'attribute' : 'block' };
    if (item.body === undefined) break;
    bodyStart = item.body;
  }
  return found;
}

const NAME = /[\p{L}_][\p{L}\p{N}_-]*/uy;

/** Skips a quoted string starting at `at` (on its opening quote); returns the offset after it. */
function skipString(text: string, at: number): number {
  let index = at + 1;
  while (index < text.length) {
    const char = text[index];
    if (char === '\\') index += 2;
    else if (char === '"') return index + 1;
    else if ((char === '$' || char === '%') && text[index + 1] === '{') index = skipBraces(text, index + 1);
    else index++;
  }
  return index;
}

/** Skips a `{…}` (or `[…]`) group starting on its opening bracket, strings and comments included. */
function skipBraces(text: string, at: number): number {
  let depth = 0;
  let index = at;
  while (index < text.length) {
    const next = skipTrivia(text, index);
    if (next !== index) {
      index = next;
      continue;
    }
    const char = text[index];
    if (char === '"') index = skipString(text, index);
    else if (char === '<' && text[index + 1] === '<') index = skipHeredoc(text, index);
    else {
      if (char === '{' || char === '[' || char === '(') depth++;
      else if (char === '}' || char === ']' || char === ')') {
        depth--;
        if (depth === 0) return index + 1;
      }
      index++;
    }
  }
  return index;
}

/** A comment at `at`, skipped (or `at` when there is none). */
function skipTrivia(text: string, at: number): number {
  const char = text[at];
  if (char === '#' || (char === '/' && text[at + 1] === '/')) {
    const end = text.indexOf('\n', at);
    return end < 0 ? text.length : end;
  }
  if (char === '/' && text[at + 1] === '*') {
    const end = text.indexOf('*/', at + 2);
    return end < 0 ? text.length : end + 2;
  }
  return at;
}

/** A heredoc (`<<EOT`, `<<-EOT`) starting at `at`, skipped to the line after its closing marker. */
function skipHeredoc(text: string, at: number): number {
  const match = /^<<-?([A-Za-z_][A-Za-z0-9_]*)[ \t]*\r?\n/.exec(text.slice(at, at + 80));
  if (!match) return at + 2;
  const marker = new RegExp(`^[ \\t]*${match[1]}[ \\t]*$`, 'm');
  const rest = text.slice(at + match[0].length);
  const end = marker.exec(rest);
  return end ? at + match[0].length + end.index + end[0].length : text.length;
}

/**
 * In the body starting at `from` (just inside its `{`), the item named `name`: where it starts,
 * and, for a block or an object/list value, where its own body starts.
 */
function findItem(text: string, from: number, name: string): { at: number; body?: number } | undefined {
  let index = from;
  let lineStart = true;
  while (index < text.length) {
    const skipped = skipTrivia(text, index);
    if (skipped !== index) {
      index = skipped;
      continue;
    }
    const char = text[index]!;
    if (char === '}') return undefined;
    if (char === '\n') {
      lineStart = true;
      index++;
      continue;
    }
    if (char === ' ' || char === '\t' || char === '\r' || char === ',') {
      index++;
      continue;
    }
    if (lineStart) {
      lineStart = false;
      NAME.lastIndex = index;
      const match = NAME.exec(text);
      if (match) {
        const at = index;
        index += match[0].length;
        const after = /^[ \t]*(=)?[ \t]*("[^"\n]*"[ \t]*)*([{[])?/.exec(text.slice(index, index + 200))!;
        if (match[0] === name) {
          if (!after[3]) return { at };
          const bracket = index + after[0].length - 1;
          if (text[bracket] === '{') return { at, body: bracket + 1 };
          // `name = [{ … }]`: the first object of the list; a list of anything else has no body.
          const first = /^\s*\{/.exec(text.slice(bracket + 1, bracket + 200));
          return first ? { at, body: bracket + 1 + first[0].length } : { at };
        }
        continue;
      }
    }
    if (char === '"') index = skipString(text, index);
    else if (char === '<' && text[index + 1] === '<') index = skipHeredoc(text, index);
    else if (char === '{' || char === '[' || char === '(') index = skipBraces(text, index);
    else index++;
  }
  return undefined;
}
