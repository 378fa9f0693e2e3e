/**
 * The JavaScript of an implementation package's sources, for its tool worker (module-hooks.ts):
 * transpiled file by file with TypeScript's own `transpileModule` and the package's compiler
 * options. Every package compiles with `isolatedModules` and `verbatimModuleSyntax`, under which
 * tsc's emit of a file depends on that file alone, so this is the JavaScript its build emits (a
 * test compares them). An inline source map keeps stack traces, and the lines CDK and Pulumi
 * record, on the TypeScript lines.
 *
 * Done here, in the watch process, with one copy of the compiler for every worker (a copy per
 * worker cost ≈ 70 MB each). A syntax error in any source file fails the package as its build
 * does, with `file:line:column: TSnnnn message`; type errors are the type check's
 * (type-check.ts), which runs the package's real build in the background.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type ts from 'typescript';

let compiler: typeof ts | undefined;
async function typescript(): Promise<typeof ts> {
  compiler ??= (await import('typescript')).default;
  return compiler;
}

/** The package's build options, made to emit one ES module per file with an inline source map. */
export function compilerOptionsFor(tsc: typeof ts, packageDir: string): ts.CompilerOptions {
  const parsed = tsc.getParsedCommandLineOfConfigFile(
    join(packageDir, 'tsconfig.build.json'),
    {},
    {
      ...tsc.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(tsc.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
      },
    },
  );
  return {
    ...(parsed?.options ?? {}),
    // "type": "module" packages: NodeNext emits ES modules for them, as ESNext does file by file
    // (resolution does not change what a file emits; transpileModule resolves nothing).
    module: tsc.ModuleKind.ESNext,
    moduleResolution: tsc.ModuleResolutionKind.Bundler,
    // A file of a "type": "module" package is a module even without an import (NodeNext's rule).
    moduleDetection: tsc.ModuleDetectionKind.Force,
    sourceMap: false,
    inlineSourceMap: true,
    inlineSources: false,
    declaration: false,
    declarationMap: false,
    noEmit: false,
  };
}

export function transpile(tsc: typeof ts, text: string, path: string, options: ts.CompilerOptions) {
  return tsc.transpileModule(text, { compilerOptions: options, fileName: path, reportDiagnostics: true });
}

function describeDiagnostic(tsc: typeof ts, diagnostic: ts.Diagnostic, root: string): string {
  const message = tsc.flattenDiagnosticMessageText(diagnostic.messageText, ' ');
  if (!diagnostic.file || diagnostic.start === undefined) return `TS${diagnostic.code} ${message}`;
  const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
  return `${relative(root, diagnostic.file.fileName)}:${line + 1}:${character + 1}: TS${diagnostic.code} ${message}`;
}

export type PackageCode =
  | { readonly ok: true; readonly modules: Readonly<Record<string, string>> }
  | { readonly ok: false; readonly error: string };

/** Transpiles every source file of packages, keeping the output of unchanged files. */
export class Transpiler {
  private readonly options = new Map<string, ts.CompilerOptions>();
  private readonly outputs = new Map<string, { text: string; code: string }>();

  constructor(private readonly repoRoot: string) {}

  async packageCode(packageDir: string): Promise<PackageCode> {
    const tsc = await typescript();
    const root = join(this.repoRoot, packageDir);
    let options = this.options.get(root);
    if (!options) {
      options = compilerOptionsFor(tsc, root);
      this.options.set(root, options);
    }
    const modules: Record<string, string> = {};
    const files = readdirSync(join(root, 'src'), { recursive: true, encoding: 'utf8' }).filter(
      (file) => file.endsWith('.ts') && !file.endsWith('.d.ts'),
    );
    for (const file of files.sort()) {
      const path = join(root, 'src', file);
      let text: string;
      try {
        text = readFileSync(path, 'utf8');
      } catch {
        continue; // deleted meanwhile: the answer's freshness check sees the change
      }
      const known = this.outputs.get(path);
      if (known?.text === text) {
        modules[path] = known.code;
        continue;
      }
      const output = transpile(tsc, text, path, options);
      const syntax = output.diagnostics?.find(
        (diagnostic) => diagnostic.category === tsc.DiagnosticCategory.Error,
      );
      if (syntax)
        return { ok: false, error: `does not compile: ${describeDiagnostic(tsc, syntax, this.repoRoot)}` };
      this.outputs.set(path, { text, code: output.outputText });
      modules[path] = output.outputText;
    }
    return { ok: true, modules };
  }
}
