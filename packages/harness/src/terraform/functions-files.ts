/**
 * Terraform's filesystem functions: paths with Go's filepath semantics (basename, dirname, abspath,
 * pathexpand), files read relative to the working directory (file*, fileexists, fileset with
 * doublestar patterns). Paths use `/`, as Terraform's do on Linux.
 */
import { createHash } from 'node:crypto';
import { homedir } from 'node:os';
import { posix } from 'node:path';
import type { Value } from '../model/value.js';
import { type FunctionContext, type FunctionDefinition, FunctionError, fail, str } from './function-args.js';

/** Go's filepath.Clean for `/`-separated paths. */
function clean(path: string): string {
  if (path === '') return '.';
  return posix.normalize(path).replace(/\/+$/, '') || (path.startsWith('/') ? '/' : '.');
}

/** Go's filepath.Base: the last element, trailing slashes dropped; "." for "", "/" for "/". */
export function goBase(path: string): string {
  if (path === '') return '.';
  const trimmed = path.replace(/\/+$/, '');
  if (trimmed === '') return '/';
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

/** Go's filepath.Dir: everything but the last element, cleaned. */
export function goDir(path: string): string {
  const slash = path.lastIndexOf('/');
  const dir = slash < 0 ? '' : path.slice(0, slash + 1);
  return clean(dir === '' ? '.' : dir);
}

function need<K extends keyof FunctionContext>(
  context: FunctionContext,
  key: K,
): NonNullable<FunctionContext[K]> {
  const value = context[key];
  if (value === undefined) throw new FunctionError('files cannot be read here');
  return value as NonNullable<FunctionContext[K]>;
}

function bytesOf(context: FunctionContext, path: string): Buffer {
  return need(context, 'readBytes')(path);
}

function fileHash(algorithm: string, encoding: 'hex' | 'base64'): FunctionDefinition {
  return {
    min: 1,
    max: 1,
    call: ([path], context) =>
      createHash(algorithm)
        .update(bytesOf(context, str(path!)))
        .digest(encoding),
  };
}

/** A doublestar glob as a regular expression over `/`-separated relative paths. */
export function globToRegExp(pattern: string): RegExp {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i]!;
    if (char === '*') {
      if (pattern[i + 1] === '*') {
        const slash = pattern[i + 2] === '/';
        out += slash ? '(?:[^/]*/)*' : '.*';
        i += slash ? 2 : 1;
      } else out += '[^/]*';
    } else if (char === '?') out += '[^/]';
    else if (char === '{') {
      const close = pattern.indexOf('}', i);
      if (close < 0) fail(`invalid pattern ${pattern}: unclosed "{"`);
      out += `(?:${pattern
        .slice(i + 1, close)
        .split(',')
        .map((alternative) => alternative.replace(/[.+^$()|\\]/g, '\\$&').replace(/\*/g, '[^/]*'))
        .join('|')})`;
      i = close;
    } else if (char === '[') {
      const close = pattern.indexOf(']', i);
      if (close < 0) fail(`invalid pattern ${pattern}: unclosed "["`);
      out += `[${pattern.slice(i + 1, close).replace(/^!/, '^')}]`;
      i = close;
    } else out += char.replace(/[.+^$()|\\]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
}

export const FILE_FUNCTIONS: Readonly<Record<string, FunctionDefinition>> = {
  basename: { min: 1, max: 1, call: ([path]) => goBase(str(path!)) },
  dirname: { min: 1, max: 1, call: ([path]) => goDir(str(path!)) },
  abspath: {
    min: 1,
    max: 1,
    call: ([path], context) => {
      const text = str(path!);
      return clean(
        posix.isAbsolute(text) ? text : posix.join(context.workingDirectory ?? process.cwd(), text),
      );
    },
  },
  pathexpand: {
    min: 1,
    max: 1,
    call: ([path]) => {
      const text = str(path!);
      return text === '~' || text.startsWith('~/') ? `${homedir()}${text.slice(1)}` : text;
    },
  },
  fileexists: { min: 1, max: 1, call: ([path], context) => need(context, 'fileExists')(str(path!)) },
  filebase64: { min: 1, max: 1, call: ([path], context) => bytesOf(context, str(path!)).toString('base64') },
  filemd5: fileHash('md5', 'hex'),
  filesha1: fileHash('sha1', 'hex'),
  filesha256: fileHash('sha256', 'hex'),
  filesha512: fileHash('sha512', 'hex'),
  filebase64sha256: fileHash('sha256', 'base64'),
  filebase64sha512: fileHash('sha512', 'base64'),
  fileset: {
    min: 2,
    max: 2,
    call: ([path, pattern], context): Value => {
      const dir = str(path!);
      const matcher = globToRegExp(str(pattern!));
      return need(
        context,
        'listFiles',
      )(dir)
        .filter((file) => matcher.test(file))
        .sort();
    },
  },
};
