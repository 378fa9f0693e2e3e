/** Lines of code: non-blank lines that are not only a comment, per file type. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';

const SOURCE_EXTENSIONS = new Set(['.ts', '.js', '.tf', '.yaml', '.yml', '.json', '.py', '.go']);

function stripBlockComments(text: string): string {
  // /* … */ spans in C-like languages (TypeScript, HCL); keep line breaks so counting stays right.
  return text.replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, ''));
}

export function countCodeLines(text: string, extension: string): number {
  const cLike = ['.ts', '.js', '.tf', '.go'].includes(extension);
  const body = cLike ? stripBlockComments(text) : text;
  const lineComment =
    extension === '.tf'
      ? /^(#|\/\/)/
      : cLike
        ? /^\/\//
        : ['.yaml', '.yml', '.py'].includes(extension)
          ? /^#/
          : null;
  return body.split('\n').filter((line) => {
    const trimmed = line.trim();
    return trimmed !== '' && !(lineComment?.test(trimmed) ?? false);
  }).length;
}

function filesUnder(path: string): string[] {
  const stats = statSync(path, { throwIfNoEntry: false });
  if (!stats) return [];
  if (stats.isFile()) return [path];
  return readdirSync(path, { recursive: true, encoding: 'utf8' })
    .map((file) => join(path, file))
    .filter(
      (file) =>
        !/(^|\/)(node_modules|\.terraform|cdk\.out|cdktf\.out|out|dist)\//.test(file.slice(path.length)) &&
        statSync(file).isFile() &&
        SOURCE_EXTENSIONS.has(extname(file)) &&
        !file.endsWith('.d.ts'),
    );
}

export function countLinesOfCode(root: string, sources: readonly string[]): { lines: number; files: number } {
  // Tests inside a source folder are not its code; a source that itself sits under a folder named
  // test (a user's ~/work/test/infra, a fixture) still is.
  const files = sources.flatMap((source) => {
    const base = resolve(root, source);
    return filesUnder(base).filter((file) => !/(^|\/)test\//.test(file.slice(base.length)));
  });
  const lines = files.reduce(
    (sum, file) => sum + countCodeLines(readFileSync(file, 'utf8'), extname(file)),
    0,
  );
  return { lines, files: files.length };
}
