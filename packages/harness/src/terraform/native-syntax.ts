/**
 * HCL's native syntax, block structure: our own parser, in place of hcl2json (Go's HCL compiled to
 * WebAssembly, which CDKTF, archived in December 2025, carries; its start-up and parse were 600 ms
 * of a 700 ms first evaluation). Bodies, attributes, blocks with labels, comments; every attribute
 * value is parsed by the expression parser (terraform/parser.ts), which the terraform console
 * oracle holds to Terraform's behaviour.
 *
 * The output is the JSON shape hcl2json gives, which the rest of the Terraform reader consumes:
 * blocks as lists of bodies nested under their type and labels; literals, tuples and objects as
 * JSON; any other expression as a `"${…}"` string of its source text. A differential test holds
 * it to hcl2json on every .tf file in the repository and its fixtures (test/native-syntax.test.ts).
 */
import { HarnessError } from '../errors.js';
import type { Expr } from './ast.js';
import { type Origin, parseExpressionAt } from './parser.js';

type Raw = unknown;
type RawObject = Record<string, Raw>;

const IDENTIFIER = /[\p{L}_][\p{L}\p{N}_-]*/uy;

class BlockParser {
  pos = 0;
  private readonly origin: Origin;

  constructor(
    readonly src: string,
    readonly file: string,
  ) {
    this.origin = { file, line: 1, column: 1 };
  }

  fail(message: string, at = this.pos): never {
    const before = this.src.slice(0, at);
    const line = before.split('\n').length;
    const column = at - before.lastIndexOf('\n');
    throw new HarnessError('HCL_SYNTAX', message, { location: { file: this.file, line, column } });
  }

  /** Spaces, tabs and comments on this line (a block comment may run on: it counts as space). */
  private skipInline(): void {
    for (;;) {
      const char = this.src[this.pos];
      if (char === ' ' || char === '\t' || char === '\r') this.pos++;
      else if (char === '/' && this.src[this.pos + 1] === '*') {
        const end = this.src.indexOf('*/', this.pos + 2);
        if (end < 0) this.fail('unterminated /* comment');
        this.pos = end + 2;
      } else return;
    }
  }

  /** Everything between items: space, newlines, comments. */
  private skipAll(): void {
    for (;;) {
      this.skipInline();
      const char = this.src[this.pos];
      if (char === '\n') this.pos++;
      else if (char === '#' || (char === '/' && this.src[this.pos + 1] === '/')) {
        while (this.pos < this.src.length && this.src[this.pos] !== '\n') this.pos++;
      } else return;
    }
  }

  private identifier(): string | undefined {
    IDENTIFIER.lastIndex = this.pos;
    const match = IDENTIFIER.exec(this.src);
    if (!match) return undefined;
    this.pos += match[0].length;
    return match[0];
  }

  /** After an attribute or a block: the end of the line (a comment may close it), a `}`, or the end. */
  private endOfItem(what: string): void {
    this.skipInline();
    const char = this.src[this.pos];
    if (char === undefined || char === '\n' || char === '}' || char === '#') return;
    if (char === '/' && this.src[this.pos + 1] === '/') return;
    this.fail(
      `unexpected "${this.src.slice(this.pos, this.pos + 12).split('\n')[0]}" after ${what}; each attribute and block ends its line`,
    );
  }

  /** A block label: a quoted string without interpolation, or a bare identifier. */
  private label(): string {
    if (this.src[this.pos] !== '"') {
      return this.identifier() ?? this.fail('expected a block label or "{"');
    }
    const { expr, end } = parseExpressionAt(this.src, this.pos, this.origin);
    if (expr.type !== 'literal' || typeof expr.value !== 'string') {
      this.fail('a block label is a plain string: no interpolation');
    }
    this.pos = end;
    return expr.value as string;
  }

  body(closing: boolean): RawObject {
    const out: RawObject = {};
    const attributes = new Set<string>();
    for (;;) {
      this.skipAll();
      if (this.pos >= this.src.length) {
        if (closing) this.fail('expected "}" before the end of the file');
        return out;
      }
      if (this.src[this.pos] === '}') {
        if (!closing) this.fail('unexpected "}"');
        this.pos++;
        return out;
      }
      const at = this.pos;
      const name =
        this.identifier() ?? this.fail(`expected an attribute or a block, found "${this.src[this.pos]}"`);
      this.skipInline();
      if (this.src[this.pos] === '=' && this.src[this.pos + 1] !== '=') {
        this.pos++;
        if (attributes.has(name)) this.fail(`attribute "${name}" is already set in this block`, at);
        attributes.add(name);
        const { raw, end } = rawValue(this.src, this.pos, this.origin);
        this.pos = end;
        out[name] = raw;
        this.endOfItem(`the value of ${name}`);
        continue;
      }
      const labels: string[] = [];
      while (this.src[this.pos] !== '{') {
        if (this.pos >= this.src.length || this.src[this.pos] === '\n') {
          this.fail(`expected "=" after ${name}, or "{" to open its block`);
        }
        labels.push(this.label());
        this.skipInline();
      }
      this.pos++;
      const body = this.body(true);
      this.endOfItem(`the block ${[name, ...labels].join(' ')}`);
      insertBlock(out, name, labels, body);
    }
  }
}

/** hcl2json's nesting: `type → label → … → [bodies]`. */
function insertBlock(out: RawObject, type: string, labels: readonly string[], body: RawObject): void {
  let container = out;
  const path = [type, ...labels];
  for (const [index, key] of path.entries()) {
    if (index === path.length - 1) {
      const list = (container[key] as Raw[] | undefined) ?? [];
      list.push(body);
      container[key] = list;
    } else {
      container[key] = (container[key] as RawObject | undefined) ?? {};
      container = container[key] as RawObject;
    }
  }
}

/** Whether a decoded string would read as a template again (it held `$${` or `%%{`). */
function looksLikeTemplate(text: string): boolean {
  return text.includes('${') || text.includes('%{');
}

/** The JSON form of the expression at `pos`, as hcl2json writes it, and where it ends. */
function rawValue(src: string, pos: number, origin: Origin): { raw: Raw; end: number } {
  const { expr, end } = parseExpressionAt(src, pos, origin);
  return { raw: rawOf(expr, src, end, origin), end };
}

/**
 * Where an expression's text starts: a node's `at` is its operator (`.` of an attribute, `[` of an
 * index, `?` of a conditional), so a traversal or an operation starts where its leftmost part does.
 */
function startOf(expr: Expr): number {
  switch (expr.type) {
    case 'getattr':
    case 'index':
    case 'splat':
      return Math.min(expr.at, startOf(expr.target));
    case 'binary':
      return Math.min(expr.at, startOf(expr.left));
    case 'conditional':
      return Math.min(expr.at, startOf(expr.condition));
    default:
      return expr.at;
  }
}

/** An expression's source text, to be read again inside `${…}` (a heredoc needs its own line to close). */
function sourceOf(src: string, start: number, end: number): string {
  const text = src.slice(start, end).trim();
  return text.includes('\n') ? `${text}\n` : text;
}

function rawOf(expr: Expr, src: string, end: number, origin: Origin): Raw {
  switch (expr.type) {
    case 'literal':
      if (typeof expr.value === 'string' && looksLikeTemplate(expr.value)) {
        return `\${${sourceOf(src, startOf(expr), end)}}`;
      }
      return expr.value;
    case 'unary':
      if (expr.op === '-' && expr.operand.type === 'literal' && typeof expr.operand.value === 'number') {
        return -expr.operand.value;
      }
      return `\${${sourceOf(src, startOf(expr), end)}}`;
    case 'tuple':
      return expr.items.map((item) => rawValue(src, startOf(item), origin).raw);
    case 'object': {
      const out: RawObject = {};
      for (const item of expr.items) {
        const key = item.key;
        const name =
          key.type === 'literal' && typeof key.value === 'string' && !looksLikeTemplate(key.value)
            ? key.value
            : `\${${sourceOf(src, startOf(key), parseExpressionAt(src, startOf(key), origin).end)}}`;
        out[name] = rawValue(src, startOf(item.value), origin).raw;
      }
      return out;
    }
    default:
      return `\${${sourceOf(src, startOf(expr), end)}}`;
  }
}

/** A native-syntax file as the JSON hcl2json would give. */
export function parseNativeSyntax(file: string, text: string): RawObject {
  return new BlockParser(text, file).body(false);
}
