/**
 * Reading targets (and envelopes) from files, with errors that name the file, line and column.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Envelope, EnvelopeSchema } from './envelope.js';
import { SpecError } from './errors.js';
import { findJsonErrorOffset, lineAndColumn } from './json-position.js';
import type { TargetSpec } from './schema.js';
import { formatPath, parseTarget } from './validate.js';

/** The default target users edit: packages/spec/target.json. */
export function defaultTargetPath(): string {
  return join(dirname(fileURLToPath(import.meta.url)), '..', 'target.json');
}

function describeJsonError(error: SyntaxError): string {
  return error.message
    .replace(/\s*(in JSON )?at position \d+.*$/s, '')
    .replace(/, "[\s\S]*" is not valid JSON$/, '')
    .replace(/^JSON\.parse: /, '');
}

/** Parses JSON text; a syntax error becomes a SpecError naming file:line:column. */
export function parseJsonText(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    const offset = findJsonErrorOffset(text) ?? text.length;
    const { line, column } = lineAndColumn(text, offset);
    const where = `${line}:${column}`;
    throw new SpecError(
      'SPEC_NOT_JSON',
      [{ path: '', message: `${file}:${where}: not valid JSON (${describeJsonError(error)})` }],
      undefined,
    );
  }
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : String(code ?? error);
    throw new SpecError('SPEC_NOT_FOUND', [{ path: '', message: `cannot read target file ${file}: ${why}` }]);
  }
}

/** Reads the raw JSON of a target file (no validation). */
export function readTargetJson(file: string = defaultTargetPath()): unknown {
  const path = resolve(file);
  return parseJsonText(readText(path), file);
}

/** Reads and validates a target file; throws SpecError with every problem. */
export function loadTarget(file: string = defaultTargetPath()): TargetSpec {
  return parseTarget(readTargetJson(file), file);
}

/** Reads an implementation's envelope.json. */
export function loadEnvelope(file: string): Envelope {
  const raw = parseJsonText(readText(resolve(file)), file);
  const result = EnvelopeSchema.safeParse(raw);
  if (!result.success) {
    throw new SpecError(
      'SPEC_INVALID',
      result.error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message })),
      file,
    );
  }
  return result.data;
}
