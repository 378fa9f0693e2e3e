/**
 * Our own parser for HCL's native expression syntax: literals; tuples and objects (comma or newline
 * separated, `=` or `:`, parenthesised keys); templates with `${}`, `%{if}`/`%{for}` directives, strip
 * markers and escapes (`$${`, `%%{`); heredocs `<<` and `<<-`; function calls with `...`; for
 * expressions with `if` and grouping; attribute, index, legacy `.0` and splat (`.*`, `[*]`)
 * traversal; unary and binary operators with HCL's precedence; conditionals. Scannerless recursive
 * descent; every error carries file, line and column.
 */
import { HarnessError } from '../errors.js';
import type { BinaryOp, Expr, TemplatePart } from './ast.js';

/** Where a piece of source text starts in its file. */
export interface Origin {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

const LEGACY_INDEX = /[0-9]+/y;

const PRECEDENCE: Record<BinaryOp, number> = {
  '||': 0,
  '&&': 1,
  '==': 2,
  '!=': 2,
  '<': 3,
  '<=': 3,
  '>': 3,
  '>=': 3,
  '+': 4,
  '-': 4,
  '*': 5,
  '/': 5,
  '%': 5,
};
const OPERATORS: readonly BinaryOp[] = [
  '||',
  '&&',
  '==',
  '!=',
  '<=',
  '>=',
  '<',
  '>',
  '+',
  '-',
  '*',
  '/',
  '%',
];
const IDENTIFIER = /[\p{L}_][\p{L}\p{N}_-]*/uy;
const NUMBER = /[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const MAX_DEPTH = 256;

type Stop = 'else' | 'endif' | 'endfor' | null;

interface Marked {
  part: TemplatePart;
  stripBefore: boolean;
  stripAfter: boolean;
}

class Parser {
  pos = 0;
  depth = 0;

  constructor(
    readonly src: string,
    readonly origin: Origin,
  ) {}

  fail(message: string, at = this.pos): never {
    const before = this.src.slice(0, at);
    const lines = before.split('\n');
    const line = this.origin.line + lines.length - 1;
    const column = lines.length === 1 ? this.origin.column + at : lines.at(-1)!.length + 1;
    throw new HarnessError('HCL_SYNTAX', message, { location: { file: this.origin.file, line, column } });
  }

  private enter(): void {
    if (++this.depth > MAX_DEPTH) this.fail(`expression nested deeper than ${MAX_DEPTH} levels`);
  }

  private leave(): void {
    this.depth--;
  }

  skipSpace(): void {
    for (;;) {
      const char = this.src[this.pos];
      if (char === ' ' || char === '\t' || char === '\r' || char === '\n') this.pos++;
      else if (char === '#' || (char === '/' && this.src[this.pos + 1] === '/')) {
        while (this.pos < this.src.length && this.src[this.pos] !== '\n') this.pos++;
      } else if (char === '/' && this.src[this.pos + 1] === '*') {
        const end = this.src.indexOf('*/', this.pos + 2);
        if (end < 0) this.fail('unterminated /* comment');
        this.pos = end + 2;
      } else return;
    }
  }

  peek(text: string): boolean {
    return this.src.startsWith(text, this.pos);
  }

  eat(text: string): boolean {
    if (!this.peek(text)) return false;
    this.pos += text.length;
    return true;
  }

  expect(text: string, what: string): void {
    this.skipSpace();
    if (!this.eat(text))
      this.fail(
        `expected ${what}${this.pos < this.src.length ? `, found "${this.src.slice(this.pos, this.pos + 12).split('\n')[0]}"` : ' before the end'}`,
      );
  }

  identifier(): string | undefined {
    IDENTIFIER.lastIndex = this.pos;
    const match = IDENTIFIER.exec(this.src);
    if (!match) return undefined;
    this.pos += match[0].length;
    return match[0];
  }

  atEnd(): boolean {
    this.skipSpace();
    return this.pos >= this.src.length;
  }

  // ---- Expressions ----------------------------------------------------------------------------

  expression(): Expr {
    this.enter();
    try {
      const at = this.pos;
      const condition = this.binary(0);
      const saved = this.pos;
      this.skipSpace();
      if (!this.eat('?')) {
        this.pos = saved;
        return condition;
      }
      const whenTrue = this.expression();
      this.expect(':', '":" of a conditional expression');
      const whenFalse = this.expression();
      return { type: 'conditional', condition, whenTrue, whenFalse, at };
    } finally {
      this.leave();
    }
  }

  private operator(): BinaryOp | undefined {
    this.skipSpace();
    for (const op of OPERATORS) {
      if (!this.peek(op)) continue;
      // `=>` belongs to for expressions and `<<` starts a heredoc, not comparisons.
      if (op === '>' && this.src[this.pos - 1] === '=') continue;
      return op;
    }
    return undefined;
  }

  private binary(minimum: number): Expr {
    let left = this.unary();
    for (;;) {
      const saved = this.pos;
      const op = this.operator();
      if (!op || PRECEDENCE[op] < minimum) {
        this.pos = saved;
        return left;
      }
      const at = this.pos;
      this.pos += op.length;
      const right = this.binary(PRECEDENCE[op] + 1);
      left = { type: 'binary', op, left, right, at };
    }
  }

  private unary(): Expr {
    this.skipSpace();
    const at = this.pos;
    if (this.peek('!') && !this.peek('!=')) {
      this.pos++;
      return { type: 'unary', op: '!', operand: this.unary(), at };
    }
    if (this.peek('-')) {
      this.pos++;
      return { type: 'unary', op: '-', operand: this.unary(), at };
    }
    return this.postfix(this.primary());
  }

  private postfix(start: Expr): Expr {
    let expr = start;
    for (;;) {
      const saved = this.pos;
      this.skipSpace();
      const at = this.pos;
      if (this.eat('.*')) {
        expr = { type: 'splat', target: expr, each: this.splatSteps(false), full: false, at };
      } else if (this.peek('[') && /^\[\s*\*\s*\]/.test(this.src.slice(this.pos))) {
        this.pos = this.src.indexOf(']', this.pos) + 1;
        expr = { type: 'splat', target: expr, each: this.splatSteps(true), full: true, at };
      } else if (this.eat('[')) {
        const key = this.expression();
        this.expect(']', '"]" closing an index');
        expr = { type: 'index', target: expr, key, at };
      } else if (this.peek('.') && !this.peek('...')) {
        expr = this.dotStep(expr, at);
      } else {
        this.pos = saved;
        return expr;
      }
    }
  }

  /** `.name`, or the legacy index `.0`, after `target` (the parser stands on the dot). */
  private dotStep(target: Expr, at: number): Expr {
    this.pos++;
    LEGACY_INDEX.lastIndex = this.pos;
    const digits = LEGACY_INDEX.exec(this.src);
    if (digits) {
      this.pos += digits[0].length;
      return { type: 'index', target, key: { type: 'literal', value: Number(digits[0]), at }, at };
    }
    const name = this.identifier();
    if (!name) this.fail('expected an attribute name after "."');
    return { type: 'getattr', target, name, at };
  }

  /** The traversal after a splat, applied to each element (attribute splats take attributes only). */
  private splatSteps(full: boolean): Expr {
    let each: Expr = { type: 'splat-each', at: this.pos };
    for (;;) {
      const saved = this.pos;
      this.skipSpace();
      const at = this.pos;
      if (this.peek('.') && !this.peek('...') && !this.peek('.*')) {
        each = this.dotStep(each, at);
      } else if (full && this.peek('[') && !/^\[\s*\*\s*\]/.test(this.src.slice(this.pos))) {
        this.pos++;
        const key = this.expression();
        this.expect(']', '"]" closing an index');
        each = { type: 'index', target: each, key, at };
      } else {
        this.pos = saved;
        return each;
      }
    }
  }

  private primary(): Expr {
    this.skipSpace();
    const at = this.pos;
    const char = this.src[this.pos];
    if (char === undefined) this.fail('expected an expression before the end');
    NUMBER.lastIndex = this.pos;
    const number = NUMBER.exec(this.src);
    if (number && /[0-9]/.test(char)) {
      this.pos += number[0].length;
      return { type: 'literal', value: Number(number[0]), at };
    }
    if (char === '"') {
      this.pos++;
      const parts = this.templateParts('"');
      return templateExpr(parts, at);
    }
    if (this.peek('<<')) return this.heredoc();
    if (char === '(') {
      this.pos++;
      const expr = this.expression();
      this.expect(')', '")"');
      return { type: 'paren', expr, at };
    }
    if (char === '[') return this.tupleOrFor();
    if (char === '{') return this.objectOrFor();
    const name = this.identifier();
    if (!name) this.fail(`unexpected "${char}"`);
    if (name === 'true' || name === 'false') return { type: 'literal', value: name === 'true', at };
    if (name === 'null') return { type: 'literal', value: null, at };
    let functionName = name;
    while (this.peek('::')) {
      this.pos += 2;
      functionName += `::${this.identifier() ?? this.fail('expected a name after "::"')}`;
    }
    const afterName = this.pos;
    this.skipSpace();
    if (this.peek('(')) return this.call(functionName, at);
    this.pos = afterName;
    if (functionName !== name) this.fail(`expected "(" after function name ${functionName}`);
    return { type: 'variable', name, at };
  }

  private call(name: string, at: number): Expr {
    this.pos++;
    const args: Expr[] = [];
    let expandFinal = false;
    this.skipSpace();
    if (this.eat(')')) return { type: 'call', name, args, expandFinal, at };
    for (;;) {
      args.push(this.expression());
      this.skipSpace();
      if (this.eat('...')) {
        expandFinal = true;
        this.skipSpace();
        this.eat(',');
        this.expect(')', '")" after the expanded argument');
        return { type: 'call', name, args, expandFinal, at };
      }
      if (this.eat(')')) return { type: 'call', name, args, expandFinal, at };
      this.expect(',', `"," or ")" in the arguments of ${name}`);
      this.skipSpace();
      if (this.eat(')')) return { type: 'call', name, args, expandFinal, at };
    }
  }

  private forHeader(): { keyVar: string | null; valueVar: string; collection: Expr } {
    this.skipSpace();
    const first = this.identifier() ?? this.fail('expected a variable name after "for"');
    this.skipSpace();
    let keyVar: string | null = null;
    let valueVar = first;
    if (this.eat(',')) {
      this.skipSpace();
      keyVar = first;
      valueVar = this.identifier() ?? this.fail('expected a second variable name in the for expression');
    }
    this.skipSpace();
    if (!this.identifierIs('in')) this.fail('expected "in" in the for expression');
    const collection = this.expression();
    return { keyVar, valueVar, collection };
  }

  private identifierIs(word: string): boolean {
    const saved = this.pos;
    if (this.identifier() === word) return true;
    this.pos = saved;
    return false;
  }

  private isForKeyword(): boolean {
    const saved = this.pos;
    this.skipSpace();
    const word = this.identifier();
    const next = this.src[this.pos];
    this.pos = saved;
    return word === 'for' && next !== undefined && /\s/.test(next);
  }

  private tupleOrFor(): Expr {
    const at = this.pos;
    this.pos++;
    if (this.isForKeyword()) {
      this.skipSpace();
      this.identifier();
      const header = this.forHeader();
      this.expect(':', '":" in the for expression');
      const valueExpr = this.expression();
      const condition = this.forCondition();
      this.expect(']', '"]" closing the for expression');
      return { type: 'for', ...header, keyExpr: null, valueExpr, condition, grouping: false, at };
    }
    const items: Expr[] = [];
    for (;;) {
      this.skipSpace();
      if (this.eat(']')) return { type: 'tuple', items, at };
      items.push(this.expression());
      this.skipSpace();
      if (this.eat(']')) return { type: 'tuple', items, at };
      this.expect(',', '"," or "]" in a tuple');
    }
  }

  private forCondition(): Expr | null {
    this.skipSpace();
    return this.identifierIs('if') ? this.expression() : null;
  }

  private objectOrFor(): Expr {
    const at = this.pos;
    this.pos++;
    if (this.isForKeyword()) {
      this.skipSpace();
      this.identifier();
      const header = this.forHeader();
      this.expect(':', '":" in the for expression');
      const keyExpr = this.expression();
      this.expect('=>', '"=>" in an object for expression');
      const valueExpr = this.expression();
      this.skipSpace();
      const grouping = this.eat('...');
      const condition = this.forCondition();
      this.expect('}', '"}" closing the for expression');
      return { type: 'for', ...header, keyExpr, valueExpr, condition, grouping, at };
    }
    const items: { key: Expr; value: Expr }[] = [];
    for (;;) {
      this.skipSpace();
      if (this.eat('}')) return { type: 'object', items, at };
      const keyAt = this.pos;
      let key: Expr;
      const name = this.peek('(') || this.peek('"') ? undefined : this.identifierAsKey();
      if (name !== undefined) key = { type: 'literal', value: name, at: keyAt };
      else key = this.expression();
      this.skipSpace();
      if (!this.eat('=') && !this.eat(':')) this.fail('expected "=" or ":" after an object key');
      const value = this.expression();
      items.push({ key, value });
      // Items end with a comma or a newline.
      while (this.src[this.pos] === ' ' || this.src[this.pos] === '\t' || this.src[this.pos] === '\r')
        this.pos++;
      if (this.eat(',')) continue;
      const newline = this.src[this.pos] === '\n' || this.peek('#') || this.peek('//');
      this.skipSpace();
      if (this.eat('}')) return { type: 'object', items, at };
      if (!newline) this.fail('expected "," or a newline between object items');
    }
  }

  /** A bare identifier used as an object key (`{ name = … }`), unless it starts an expression. */
  private identifierAsKey(): string | undefined {
    const saved = this.pos;
    const name = this.identifier();
    if (name === undefined) return undefined;
    this.skipSpace();
    if (this.peek('=') && !this.peek('==')) return name;
    if (this.peek(':')) return name;
    this.pos = saved;
    return undefined;
  }

  // ---- Templates ------------------------------------------------------------------------------

  /** Template text up to `end` ('"' for a quoted string, null for the end of the source). */
  templateParts(end: '"' | null, heredoc = false): TemplatePart[] {
    const { parts, stop } = this.templateSequence(end, heredoc, new Set(), false);
    if (stop !== null) this.fail(`%{${stop}} without a matching %{if} or %{for}`);
    return parts;
  }

  /**
   * A run of template text, interpolations and directives, up to `end` or to one of the closing
   * directives in `stops`. `stripLeading`: a `~}` just before asked to strip the leading whitespace.
   */
  private templateSequence(
    end: '"' | null,
    heredoc: boolean,
    stops: ReadonlySet<string>,
    stripLeading: boolean,
  ): { parts: TemplatePart[]; stop: Stop; closeStripAfter: boolean } {
    const marked: Marked[] = [];
    if (stripLeading) marked.push({ part: { kind: 'text', text: '' }, stripBefore: false, stripAfter: true });
    let text = '';
    const flush = () => {
      if (text !== '') marked.push({ part: { kind: 'text', text }, stripBefore: false, stripAfter: false });
      text = '';
    };
    for (;;) {
      if (this.pos >= this.src.length) {
        if (end === '"') this.fail('unterminated string: expected a closing "');
        flush();
        return { parts: applyStrip(marked), stop: null, closeStripAfter: false };
      }
      const char = this.src[this.pos]!;
      if (end === '"' && char === '"') {
        this.pos++;
        flush();
        return { parts: applyStrip(marked), stop: null, closeStripAfter: false };
      }
      if (end === '"' && char === '\n') this.fail('a quoted string cannot span lines; use a heredoc');
      if (this.peek('$${')) {
        text += '${';
        this.pos += 3;
      } else if (this.peek('%%{')) {
        text += '%{';
        this.pos += 3;
      } else if (this.peek('${')) {
        flush();
        this.pos += 2;
        const stripBefore = this.eat('~');
        const expr = this.expression();
        this.skipSpace();
        const stripAfter = this.eat('~');
        if (!this.eat('}')) this.fail('expected "}" closing the interpolation');
        marked.push({ part: { kind: 'interpolation', expr }, stripBefore, stripAfter });
      } else if (this.peek('%{')) {
        flush();
        const directiveAt = this.pos;
        this.pos += 2;
        const stripBefore = this.eat('~');
        this.skipSpace();
        const keywordAt = this.pos;
        const keyword = this.identifier();
        if (keyword === 'if') {
          const condition = this.expression();
          const openStripAfter = this.closeDirective();
          const body = this.templateSequence(end, heredoc, new Set(['else', 'endif']), openStripAfter);
          let otherwise: TemplatePart[] = [];
          let closing = body;
          if (body.stop === 'else') {
            closing = this.templateSequence(end, heredoc, new Set(['endif']), body.closeStripAfter);
            otherwise = closing.parts;
          }
          if (closing.stop !== 'endif') this.fail('%{if} without %{endif}', directiveAt);
          marked.push({
            part: { kind: 'if', condition, whenTrue: body.parts, otherwise },
            stripBefore,
            stripAfter: closing.closeStripAfter,
          });
        } else if (keyword === 'for') {
          const header = this.forHeader();
          const openStripAfter = this.closeDirective();
          const body = this.templateSequence(end, heredoc, new Set(['endfor']), openStripAfter);
          if (body.stop !== 'endfor') this.fail('%{for} without %{endfor}', directiveAt);
          marked.push({
            part: { kind: 'for', ...header, body: body.parts },
            stripBefore,
            stripAfter: body.closeStripAfter,
          });
        } else if (keyword === 'else' || keyword === 'endif' || keyword === 'endfor') {
          const closeStripAfter = this.closeDirective();
          if (!stops.has(keyword)) this.fail(`unexpected %{${keyword}}`, directiveAt);
          marked.push({ part: { kind: 'text', text: '' }, stripBefore, stripAfter: false });
          return { parts: applyStrip(marked), stop: keyword, closeStripAfter };
        } else this.fail(`unknown template directive %{${keyword ?? ''}}`, keywordAt);
      } else if (end === '"' && char === '\\' && !heredoc) {
        text += this.escape();
      } else {
        text += char;
        this.pos++;
      }
    }
  }

  private closeDirective(): boolean {
    this.skipSpace();
    const strip = this.eat('~');
    if (!this.eat('}')) this.fail('expected "}" closing the template directive');
    return strip;
  }

  private escape(): string {
    const next = this.src[this.pos + 1];
    const simple: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };
    if (next !== undefined && simple[next] !== undefined) {
      this.pos += 2;
      return simple[next]!;
    }
    if (next === 'u' || next === 'U') {
      const length = next === 'u' ? 4 : 8;
      const hex = this.src.slice(this.pos + 2, this.pos + 2 + length);
      if (!new RegExp(`^[0-9a-fA-F]{${length}}$`).test(hex)) this.fail(`invalid \\${next} escape`);
      this.pos += 2 + length;
      return String.fromCodePoint(Number.parseInt(hex, 16));
    }
    return this.fail(`invalid escape sequence \\${next ?? ''}`);
  }

  private heredoc(): Expr {
    const at = this.pos;
    this.pos += 2;
    const flush = this.eat('-');
    const delimiter = this.identifier() ?? this.fail('expected a heredoc delimiter after <<');
    const lineEnd = this.src.indexOf('\n', this.pos);
    if (lineEnd < 0 || this.src.slice(this.pos, lineEnd).trim() !== '')
      this.fail('a heredoc delimiter must end its line');
    const bodyStart = lineEnd + 1;
    const closing = new RegExp(`^[ \\t]*${delimiter}[ \\t]*$`, 'm');
    const rest = this.src.slice(bodyStart);
    const match = closing.exec(rest);
    if (!match) this.fail(`heredoc not closed: expected a line with ${delimiter}`, at);
    let body = rest.slice(0, match.index);
    if (flush) {
      const lines = body.split('\n');
      const indents = lines
        .filter((line) => line.trim() !== '')
        .map((line) => /^[ \t]*/.exec(line)![0].length);
      const strip = indents.length ? Math.min(...indents) : 0;
      body = lines.map((line) => line.slice(Math.min(strip, /^[ \t]*/.exec(line)![0].length))).join('\n');
    }
    const inner = new Parser(body, this.origin);
    const parts = inner.templateParts(null, true);
    this.pos = bodyStart + match.index + match[0].length;
    return templateExpr(parts, at);
  }
}

/** Applies `~` strip markers: trailing whitespace before a `${~`, leading whitespace after a `~}`. */
function applyStrip(marked: Marked[]): TemplatePart[] {
  const parts: TemplatePart[] = [];
  for (let i = 0; i < marked.length; i++) {
    const item = marked[i]!;
    if (item.part.kind !== 'text') {
      parts.push(item.part);
      continue;
    }
    let text = item.part.text;
    if (marked[i + 1]?.stripBefore) text = text.replace(/\s+$/, '');
    if (marked[i - 1]?.stripAfter) text = text.replace(/^\s+/, '');
    if (text !== '') parts.push({ kind: 'text', text });
  }
  return parts;
}

function templateExpr(parts: TemplatePart[], at: number): Expr {
  if (parts.length === 0) return { type: 'literal', value: '', at };
  if (parts.length === 1 && parts[0]!.kind === 'text') return { type: 'literal', value: parts[0]!.text, at };
  return { type: 'template', parts, at };
}

export function parseExpression(text: string, origin: Origin): Expr {
  const parser = new Parser(text, origin);
  const expr = parser.expression();
  if (!parser.atEnd())
    parser.fail(
      `unexpected "${text.slice(parser.pos, parser.pos + 12).split('\n')[0]}" after the expression`,
    );
  return expr;
}

/**
 * One expression starting at `pos` of a larger text (an attribute's value in a native-syntax file),
 * and the offset where it ends. Positions in errors are the file's own.
 */
export function parseExpressionAt(src: string, pos: number, origin: Origin): { expr: Expr; end: number } {
  const parser = new Parser(src, origin);
  parser.pos = pos;
  const expr = parser.expression();
  return { expr, end: parser.pos };
}

/** A whole string as a template (the JSON syntax: every string value is a template). */
export function parseTemplate(text: string, origin: Origin): Expr {
  // Most strings in a configuration hold no interpolation or directive: they are literals.
  if (!text.includes('${') && !text.includes('%{')) return { type: 'literal', value: text, at: 0 };
  const parser = new Parser(text, origin);
  return templateExpr(parser.templateParts(null), 0);
}
