/**
 * The HCL expression parser: the tree it builds (printed as S-expressions so precedence and
 * structure are visible at a glance), the positions its errors name, and — with fast-check — that
 * no input text makes it throw anything but its coded HCL_SYNTAX error.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HarnessError } from '../src/errors.js';
import type { Expr, TemplatePart } from '../src/terraform/ast.js';
import { parseExpression, parseTemplate } from '../src/terraform/parser.js';

const ORIGIN = { file: 'main.tf', line: 10, column: 5 };

function show(expr: Expr): string {
  switch (expr.type) {
    case 'literal':
      return JSON.stringify(expr.value);
    case 'template':
      return `(template ${expr.parts.map(showPart).join(' ')})`;
    case 'tuple':
      return `[${expr.items.map(show).join(' ')}]`;
    case 'object':
      return `{${expr.items.map((item) => `${show(item.key)}=${show(item.value)}`).join(' ')}}`;
    case 'variable':
      return expr.name;
    case 'getattr':
      return `${show(expr.target)}.${expr.name}`;
    case 'index':
      return `${show(expr.target)}[${show(expr.key)}]`;
    case 'splat':
      return `(${expr.full ? 'splat[*]' : 'splat.*'} ${show(expr.target)} ${show(expr.each)})`;
    case 'splat-each':
      return '@';
    case 'call':
      return `(${expr.name} ${expr.args.map(show).join(' ')}${expr.expandFinal ? '...' : ''})`;
    case 'for':
      return `(for ${expr.keyVar ? `${expr.keyVar},` : ''}${expr.valueVar} ${show(expr.collection)}${expr.keyExpr ? ` ${show(expr.keyExpr)} =>` : ''} ${show(expr.valueExpr)}${expr.grouping ? '...' : ''}${expr.condition ? ` if ${show(expr.condition)}` : ''})`;
    case 'unary':
      return `(${expr.op} ${show(expr.operand)})`;
    case 'binary':
      return `(${expr.op} ${show(expr.left)} ${show(expr.right)})`;
    case 'conditional':
      return `(? ${show(expr.condition)} ${show(expr.whenTrue)} ${show(expr.whenFalse)})`;
    case 'paren':
      return `(paren ${show(expr.expr)})`;
  }
}

function showPart(part: TemplatePart): string {
  switch (part.kind) {
    case 'text':
      return JSON.stringify(part.text);
    case 'interpolation':
      return `\${${show(part.expr)}}`;
    case 'if':
      return `%{if ${show(part.condition)} ${part.whenTrue.map(showPart).join(' ')} else ${part.otherwise.map(showPart).join(' ')}}`;
    case 'for':
      return `%{for ${part.keyVar ? `${part.keyVar},` : ''}${part.valueVar} ${show(part.collection)} ${part.body.map(showPart).join(' ')}}`;
  }
}

const parse = (text: string) => show(parseExpression(text, ORIGIN));

describe('the HCL expression parser builds', () => {
  it.each([
    ['1 + 2 * 3', '(+ 1 (* 2 3))'],
    ['(1 + 2) * 3', '(* (paren (+ 1 2)) 3)'],
    ['10 - 4 - 3', '(- (- 10 4) 3)'],
    ['a || b && c', '(|| a (&& b c))'],
    ['a == b || c != d', '(|| (== a b) (!= c d))'],
    ['1 < 2 == true', '(== (< 1 2) true)'],
    ['-a.b * 2', '(* (- a.b) 2)'],
    ['!x && !y', '(&& (! x) (! y))'],
    ['a ? b : c ? d : e', '(? a b (? c d e))'],
    ['a ? 1 + 2 : 3', '(? a (+ 1 2) 3)'],
    ['x % 3 >= 1', '(>= (% x 3) 1)'],
  ])('operators with HCL precedence: %s', (text, tree) => {
    expect(parse(text)).toBe(tree);
  });

  it.each([
    ['null', 'null'],
    ['true', 'true'],
    ['1.5e3', '1500'],
    ['0.25', '0.25'],
    ['"a\\tb\\u00e9\\""', '"a\\tbé\\""'],
    ['"$${x} %%{y}"', '"${x} %{y}"'],
    ['[]', '[]'],
    ['[1, 2,]', '[1 2]'],
    ['[\n  1,\n  2\n]', '[1 2]'],
    ['{ a = 1, "b" : 2 }', '{"a"=1 "b"=2}'],
    ['{\n  a = 1\n  b = 2\n}', '{"a"=1 "b"=2}'],
    ['{ (local.k) = 1 }', '{(paren local.k)=1}'],
  ])('literals, tuples and objects: %s', (text, tree) => {
    expect(parse(text)).toBe(tree);
  });

  it.each([
    ['a.b[0].c', 'a.b[0].c'],
    ['a.0.b', 'a[0].b'],
    ['a["k"]', 'a["k"]'],
    ['aws_subnet.this[*].id', '(splat[*] aws_subnet.this @.id)'],
    ['aws_subnet.this.*.id', '(splat.* aws_subnet.this @.id)'],
    ['a[*].b[0]', '(splat[*] a @.b[0])'],
    ['a.*.b[0]', '(splat.* a @.b)[0]'],
    ['provider::aws::arn_parse("x")', '(provider::aws::arn_parse "x")'],
    ['concat(a, b...)', '(concat a b...)'],
    ['f(\n  1,\n  2,\n)', '(f 1 2)'],
  ])('traversals, splats and calls: %s', (text, tree) => {
    expect(parse(text)).toBe(tree);
  });

  it.each([
    ['[for s in var.list : upper(s)]', '(for s var.list (upper s))'],
    ['[for i, s in l : s if i > 0]', '(for i,s l s if (> i 0))'],
    ['{for k, v in m : v => k...}', '(for k,v m v => k...)'],
    ['{for s in l : s => length(s) if s != ""}', '(for s l s => (length s) if (!= s ""))'],
  ])('for expressions: %s', (text, tree) => {
    expect(parse(text)).toBe(tree);
  });

  it.each([
    ['"a-${b}-c"', '(template "a-" ${b} "-c")'],
    ['"${x}"', '(template ${x})'],
    ['"%{if a}yes%{else}no%{endif}"', '(template %{if a "yes" else "no"})'],
    ['"%{for x in xs}${x},%{endfor}"', '(template %{for x xs ${x} ","})'],
    ['"a  ${~ b ~}  c"', '(template "a" ${b} "c")'],
  ])('templates: %s', (text, tree) => {
    expect(parse(text)).toBe(tree);
  });

  it('heredocs, plain and indented (<<- strips the common leading spaces)', () => {
    expect(parse('<<EOT\n  a\n  ${b}\nEOT')).toBe('(template "  a\\n  " ${b} "\\n")');
    expect(parse('<<-EOT\n    a\n      b\n    EOT')).toBe('"a\\n  b\\n"');
  });

  it('the JSON syntax: a whole string is a template, and a lone interpolation keeps the raw expression', () => {
    expect(show(parseTemplate('${var.n}', ORIGIN))).toBe('(template ${var.n})');
    expect(show(parseTemplate('arn:${data.aws_partition.current.partition}:iam', ORIGIN))).toBe(
      '(template "arn:" ${data.aws_partition.current.partition} ":iam")',
    );
    expect(show(parseTemplate('plain', ORIGIN))).toBe('"plain"');
  });
});

function errorOf(text: string): HarnessError {
  try {
    parseExpression(text, ORIGIN);
  } catch (error) {
    if (error instanceof HarnessError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(text)} not to parse`);
}

describe('parser errors name the file, line and column', () => {
  // ORIGIN puts the expression at main.tf line 10, column 5; later lines start at column 1.
  it.each([
    ['1 +', 'main.tf:10:8', 'expected an expression'],
    ['a.', 'main.tf:10:7', 'expected an attribute name after "."'],
    ['"abc', 'main.tf:10:9', 'unterminated string'],
    ['"a\nb"', 'main.tf:10:7', 'cannot span lines'],
    ['{ a = 1 b = 2 }', 'main.tf:10:13', 'expected "," or a newline'],
    ['[\n  1,\n  2 3\n]', 'main.tf:12:5', ''],
    ['f(1', 'main.tf:10:8', ''],
    ['"${a"', 'main.tf:10:9', 'expected "}" closing the interpolation'],
    ['"%{if a}x"', 'main.tf:10:6', '%{if} without %{endif}'],
    ['"%{bogus}"', 'main.tf:10:8', 'unknown template directive'],
    ['"x%{endif}"', 'main.tf:10:7', 'unexpected %{endif}'],
    ['"\\q"', 'main.tf:10:6', 'invalid escape sequence \\q'],
    ['<<EOT\nabc\n', 'main.tf:10:5', 'heredoc not closed'],
    ['[for x in y x]', 'main.tf:10:17', ''],
    ['a b', 'main.tf:10:7', 'unexpected "b" after the expression'],
    ['/* open', 'main.tf:10:5', 'unterminated /* comment'],
  ])('%j → %s', (text, where, message) => {
    const error = errorOf(text);
    expect(error.code).toBe('HCL_SYNTAX');
    expect(error.message.startsWith(`${where}: `), error.message).toBe(true);
    expect(error.message).toContain(message);
  });

  it('refuses nesting deep enough to exhaust the stack, with a coded error', () => {
    const error = errorOf(`${'['.repeat(5000)}${']'.repeat(5000)}`);
    expect(error.code).toBe('HCL_SYNTAX');
    expect(error.message).toContain('nested deeper than');
  });
});

describe('parser robustness (fast-check)', () => {
  const fragments = fc.constantFrom(
    ...[
      '${',
      '}',
      '%{',
      'if ',
      'for ',
      ' in ',
      'endif',
      'endfor',
      '"',
      '<<EOT\n',
      '\nEOT',
      '[',
      ']',
      '{',
      '}',
    ],
    ...['(', ')', '.', '*', '...', '?', ':', '=>', '=', ',', '\n', ' ', 'a', 'b.c', '0', '1.5', '-', '!'],
    ...['&&', '||', '==', '\\', '\\u00', '~', '#', '//', '/*', '*/', 'true', 'null', 'f(', '[*]', '.0'],
  );
  const text = fc.oneof(
    fc.string({ maxLength: 60 }),
    fc.array(fragments, { maxLength: 30 }).map((parts) => parts.join('')),
  );

  it('never throws anything but its coded HCL_SYNTAX error, for expressions and templates', () => {
    fc.assert(
      fc.property(text, (input) => {
        for (const parse of [parseExpression, parseTemplate]) {
          try {
            parse(input, ORIGIN);
          } catch (error) {
            if (!(error instanceof HarnessError) || error.code !== 'HCL_SYNTAX') throw error;
            expect(error.location?.file).toBe('main.tf');
            expect(error.location?.line).toBeGreaterThanOrEqual(ORIGIN.line);
          }
        }
      }),
      { numRuns: 3000 },
    );
  });
});
