/**
 * A watch runs each implementation's code transpiled file by file (watch/transpile-hooks.ts), not
 * its build. That is only honest if it is the same JavaScript: every package compiles with
 * isolatedModules and verbatimModuleSyntax, so tsc's emit of a file depends on that file alone.
 * Checked here on every source file of the five implementation packages against their dist/.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { compilerOptionsFor, transpile } from '../src/watch/transpile.js';
import { REPO } from './scratch-repo.js';

const PACKAGES = [
  'packages/cdk',
  'packages/cdktf',
  'packages/pulumi',
  'packages/cloudformation',
  'infra-terraform',
];

/** The code without its source-map comment (inline in the watch, a .map file in the build). */
function code(text: string): string {
  return text.replace(/\n\/\/# sourceMappingURL=.*\n?$/, '\n').trimEnd();
}

describe('the watch transpiles as the build compiles', () => {
  for (const packageDir of PACKAGES) {
    it(`${packageDir}: every source file gives its build's JavaScript`, () => {
      const root = join(REPO, packageDir);
      const options = compilerOptionsFor(ts, root);
      const sources = readdirSync(join(root, 'src'), { recursive: true, encoding: 'utf8' }).filter(
        (file) => file.endsWith('.ts') && !file.endsWith('.d.ts'),
      );
      expect(sources.length).toBeGreaterThan(0);
      for (const file of sources) {
        const path = join(root, 'src', file);
        const output = transpile(ts, readFileSync(path, 'utf8'), path, options);
        expect(output.diagnostics ?? []).toEqual([]);
        expect(output.outputText).toMatch(/\/\/# sourceMappingURL=data:application\/json;base64,/);
        const built = readFileSync(join(root, 'dist', file.replace(/\.ts$/, '.js')), 'utf8');
        expect(code(output.outputText), file).toBe(code(built));
      }
    });
  }
});
