/**
 * Where JSON text first goes wrong. Node 20's JSON.parse does not always say (for an unexpected
 * token it gives only a snippet), so a failed parse is re-scanned by this small validator to name
 * the line and column.
 */

class Scanner {
  index = 0;
  constructor(readonly text: string) {}

  fail(): never {
    throw this.index;
  }

  skipSpace(): void {
    while (this.index < this.text.length && ' \t\n\r'.includes(this.text[this.index]!)) this.index++;
  }

  expect(literal: string): void {
    for (const char of literal) {
      if (this.text[this.index] !== char) this.fail();
      this.index++;
    }
  }

  string(): void {
    this.expect('"');
    while (this.index < this.text.length) {
      const char = this.text[this.index]!;
      if (char === '"') {
        this.index++;
        return;
      }
      if (char === '\\') {
        const next = this.text[this.index + 1];
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(this.text.slice(this.index + 2, this.index + 6))) this.fail();
          this.index += 6;
          continue;
        }
        if (next === undefined || !'"\\/bfnrt'.includes(next)) this.fail();
        this.index += 2;
        continue;
      }
      if (char < ' ') this.fail();
      this.index++;
    }
    this.fail();
  }

  number(): void {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.text.slice(this.index));
    if (!match || match[0] === '' || match[0] === '-') this.fail();
    this.index += match[0].length;
  }

  value(depth: number): void {
    if (depth > 512) this.fail();
    this.skipSpace();
    const char = this.text[this.index];
    if (char === '{') this.object(depth);
    else if (char === '[') this.array(depth);
    else if (char === '"') this.string();
    else if (char === 't') this.expect('true');
    else if (char === 'f') this.expect('false');
    else if (char === 'n') this.expect('null');
    else this.number();
  }

  object(depth: number): void {
    this.expect('{');
    this.skipSpace();
    if (this.text[this.index] === '}') {
      this.index++;
      return;
    }
    for (;;) {
      this.skipSpace();
      this.string();
      this.skipSpace();
      this.expect(':');
      this.value(depth + 1);
      this.skipSpace();
      if (this.text[this.index] === ',') {
        this.index++;
        continue;
      }
      this.expect('}');
      return;
    }
  }

  array(depth: number): void {
    this.expect('[');
    this.skipSpace();
    if (this.text[this.index] === ']') {
      this.index++;
      return;
    }
    for (;;) {
      this.value(depth + 1);
      this.skipSpace();
      if (this.text[this.index] === ',') {
        this.index++;
        continue;
      }
      this.expect(']');
      return;
    }
  }
}

/** Offset of the first syntax error in `text`, or undefined when it is valid JSON. */
export function findJsonErrorOffset(text: string): number | undefined {
  const scanner = new Scanner(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  try {
    scanner.value(0);
    scanner.skipSpace();
    if (scanner.index < scanner.text.length) scanner.fail();
    return undefined;
  } catch (offset) {
    if (typeof offset === 'number') return offset;
    throw offset;
  }
}

/** 1-based line and column of an offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
}
