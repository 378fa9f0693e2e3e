/**
 * What every built-in function shares: its definition, the context it may read files through,
 * its error, and the argument conversions with Terraform's wording.
 */
import type { Value, ValueObject } from '../model/value.js';
import {
  ConversionError,
  toBoolValue,
  toListValue,
  toNumberValue,
  toObjectValue,
  toStringValue,
} from './convert.js';

/** A failed call: the evaluator turns it into FUNCTION_ARGUMENTS with the function's name and place. */
export class FunctionError extends Error {}

export interface FunctionContext {
  /** Reads a file relative to the working directory (file, templatefile). */
  readFile(path: string): string;
  /** Its bytes (filebase64, the file hashes). */
  readBytes?(path: string): Buffer;
  fileExists?(path: string): boolean;
  /** Every file under a folder, as paths relative to it with `/` (fileset). */
  listFiles?(dir: string): readonly string[];
  /** Where Terraform runs: the root module's folder (abspath, path.cwd). */
  readonly workingDirectory?: string;
  /** Renders a template text with the given variables (templatefile, templatestring). */
  renderTemplate(text: string, variables: ValueObject, path: string): Value;
}

export interface FunctionDefinition {
  readonly min: number;
  readonly max: number;
  /** Accepts arguments that hold Unknown elements (otherwise such a call gives Unknown). */
  readonly unknownElements?: boolean;
  /** Takes an argument that is itself Unknown (otherwise such a call gives Unknown at once). */
  readonly unknownArguments?: boolean;
  call(args: readonly Value[], context: FunctionContext): Value;
}

export const fail = (message: string): never => {
  throw new FunctionError(message);
};

export function wrap<T>(what: string, convert: () => T): T {
  try {
    return convert();
  } catch (error) {
    if (error instanceof ConversionError)
      throw new FunctionError(error.message.replace(/^[^:]*:/, `${what}:`));
    throw error;
  }
}

export const str = (value: Value, what = 'argument') => wrap(what, () => toStringValue(value, what));
export const num = (value: Value, what = 'argument') => wrap(what, () => toNumberValue(value, what));
export const bool = (value: Value, what = 'argument') => wrap(what, () => toBoolValue(value, what));
export const list = (value: Value, what = 'argument') => wrap(what, () => toListValue(value, what));
export const object = (value: Value, what = 'argument') => wrap(what, () => toObjectValue(value, what));

export function integer(value: Value, what: string): number {
  const n = num(value, what);
  if (!Number.isInteger(n)) fail(`${what} must be a whole number, not ${n}`);
  return n;
}

export const codePoints = (text: string) => [...text];
