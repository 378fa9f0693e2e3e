/**
 * Module hooks of a tool worker (module.register): an implementation package's own modules are
 * loaded from its TypeScript sources, transpiled file by file, under a generation number, so every
 * synth runs a fresh copy of the package's code while the tool's libraries (aws-cdk-lib, cdktf,
 * @pulumi/*) stay loaded and warm.
 *
 * - A module is `<package>/src/<file>.ts?iacgen=<n>`; its relative imports (`./app.js`, as
 *   NodeNext TypeScript writes them) resolve to the `.ts` file of the same generation, bare ones
 *   (`aws-cdk-lib/aws-ec2`) as from the package itself, so the same library copies load as for
 *   its build.
 * - Transpiled with TypeScript's own `transpileModule` and the package's compiler options: every
 *   package compiles with `isolatedModules` and `verbatimModuleSyntax`, under which tsc's emit of a
 *   file depends on that file alone, so this is the JavaScript its build emits (a test compares
 *   them). An inline source map keeps stack traces, and the lines CDK and Pulumi record, on the
 *   TypeScript lines.
 * - A syntax error fails the import with `file:line:column: TSnnnn message`; type errors are the
 *   type check's (type-check.ts), which runs the package's real build in the background.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

export const GENERATION_PARAM = 'iacgen';

interface HookData {
  readonly packageDir: string;
  readonly repoRoot: string;
}

let packageSrc = '';
let repoRoot = '';
let options: ts.CompilerOptions = {};
const transpiled = new Map<string, string>();

export async function initialize(data: HookData): Promise<void> {
  packageSrc = join(data.packageDir, 'src');
  repoRoot = data.repoRoot;
  options = compilerOptionsFor(data.packageDir);
}

/** The package's build options, made to emit one ES module per file with an inline source map. */
export function compilerOptionsFor(packageDir: string): ts.CompilerOptions {
  const file = join(packageDir, 'tsconfig.build.json');
  const parsed = ts.getParsedCommandLineOfConfigFile(
    file,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
      },
    },
  );
  return {
    ...(parsed?.options ?? {}),
    // "type": "module" packages: NodeNext emits ES modules for them, as ESNext does file by file
    // (resolution does not change what a file emits; transpileModule resolves nothing).
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    // A file of a "type": "module" package is a module even without an import (NodeNext's rule).
    moduleDetection: ts.ModuleDetectionKind.Force,
    sourceMap: false,
    inlineSourceMap: true,
    inlineSources: false,
    declaration: false,
    declarationMap: false,
    noEmit: false,
  };
}

function generationOf(url: string): string | undefined {
  if (!url.startsWith('file:')) return undefined;
  return new URL(url).searchParams.get(GENERATION_PARAM) ?? undefined;
}

function isOwnSource(path: string): boolean {
  const rel = relative(packageSrc, path);
  return rel !== '' && !rel.startsWith('..') && !rel.startsWith('/');
}

interface ResolveContext {
  readonly parentURL?: string;
}
type NextResolve = (specifier: string, context: ResolveContext) => Promise<{ url: string }>;

export async function resolve(
  specifier: string,
  context: ResolveContext,
  next: NextResolve,
): Promise<{ url: string; format?: string; shortCircuit?: boolean }> {
  const generation = context.parentURL ? generationOf(context.parentURL) : undefined;
  if (generation !== undefined && (specifier.startsWith('./') || specifier.startsWith('../'))) {
    const target = new URL(specifier, context.parentURL);
    target.search = '';
    const path = fileURLToPath(target);
    if (isOwnSource(path)) {
      const source = path.endsWith('.js') ? `${path.slice(0, -3)}.ts` : path;
      if (source.endsWith('.ts')) {
        const url = pathToFileURL(source);
        url.searchParams.set(GENERATION_PARAM, generation);
        return { url: url.href, format: 'module', shortCircuit: true };
      }
    }
  }
  return next(specifier, context);
}

type NextLoad = (url: string, context: unknown) => Promise<unknown>;

export async function load(url: string, context: unknown, next: NextLoad): Promise<unknown> {
  if (generationOf(url) === undefined) return next(url, context);
  const path = fileURLToPath(new URL(url).href.replace(/\?.*$/, ''));
  if (!isOwnSource(path) || !path.endsWith('.ts')) return next(url, context);
  return { format: 'module', source: transpileFile(path), shortCircuit: true };
}

/** A syntax error in a source file, as the build reports it: `file:line:column: TSnnnn message`. */
export class SourceSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SourceSyntaxError';
  }
}

function transpileFile(path: string): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new SourceSyntaxError(`${relative(repoRoot, path)}: cannot read the file`);
  }
  const known = transpiled.get(`${path}\u0000${text}`);
  if (known !== undefined) return known;
  const output = transpile(text, path, options);
  const syntax = output.diagnostics?.find(
    (diagnostic) => diagnostic.category === ts.DiagnosticCategory.Error,
  );
  if (syntax) throw new SourceSyntaxError(describeDiagnostic(syntax, repoRoot));
  // One entry per file: the latest text only.
  for (const key of transpiled.keys()) if (key.startsWith(`${path}\u0000`)) transpiled.delete(key);
  transpiled.set(`${path}\u0000${text}`, output.outputText);
  return output.outputText;
}

export function transpile(text: string, path: string, compilerOptions: ts.CompilerOptions) {
  return ts.transpileModule(text, {
    compilerOptions,
    fileName: path,
    reportDiagnostics: true,
  });
}

export function describeDiagnostic(diagnostic: ts.Diagnostic, root: string): string {
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ');
  if (!diagnostic.file || diagnostic.start === undefined) return `TS${diagnostic.code} ${message}`;
  const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
  return `${relative(root, diagnostic.file.fileName)}:${line + 1}:${character + 1}: TS${diagnostic.code} ${message}`;
}

/** The URL a worker imports a package's entry module from, for one generation. */
export function moduleUrl(packageDir: string, file: string, generation: number): string {
  const url = pathToFileURL(join(packageDir, 'src', file));
  url.searchParams.set(GENERATION_PARAM, String(generation));
  return url.href;
}

export const HOOKS_URL = pathToFileURL(
  join(dirname(fileURLToPath(import.meta.url)), 'transpile-hooks.js'),
).href;
