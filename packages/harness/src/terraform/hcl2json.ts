/**
 * The HCL block-structure front end: @cdktf/hcl2json (Terraform's own HCL parser in Go, compiled to
 * WebAssembly). Two costs shape this module. Importing the package starts the WebAssembly runtime
 * (≈ 200 ms), so it is imported on first use, not when the harness loads. And the parser is slow
 * (tens of milliseconds per file), so its output is cached by content: a target edit rewrites only
 * spec.auto.tfvars.json, and the unchanged .tf files are not parsed again.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

type Parse = (file: string, text: string) => Promise<unknown>;
let parser: Promise<Parse> | undefined;
let cacheDir: string | undefined;

/** Where parsed files are kept (the CLI sets `<repo>/.iac-compare/cache/hcl`); unset: no cache. */
export function setHclParseCache(dir: string | undefined): void {
  cacheDir = dir;
}

let parserVersion: string | undefined;
function hcl2jsonVersion(): string {
  const main = createRequire(import.meta.url).resolve('@cdktf/hcl2json');
  parserVersion ??= (
    JSON.parse(readFileSync(join(dirname(main), '..', 'package.json'), 'utf8')) as { version: string }
  ).version;
  return parserVersion;
}

function cacheFile(text: string): string | undefined {
  if (!cacheDir) return undefined;
  // The parser version is part of the key: another hcl2json may give another structure.
  const key = createHash('sha256').update(`hcl2json ${hcl2jsonVersion()}\u0000`).update(text).digest('hex');
  return join(cacheDir, `${key}.json`);
}

/** hcl2json's JSON for one file; throws hcl2json's own error for a syntax error. */
export async function hclToJson(file: string, text: string): Promise<unknown> {
  const cached = cacheFile(text);
  if (cached) {
    try {
      return JSON.parse(readFileSync(cached, 'utf8'));
    } catch {
      // Not cached yet (or unreadable): parse.
    }
  }
  parser ??= import('@cdktf/hcl2json').then((module) => module.parse);
  const json = await (await parser)(file, text);
  if (cached) {
    mkdirSync(cacheDir!, { recursive: true });
    const temporary = `${cached}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(json));
    renameSync(temporary, cached);
  }
  return json;
}
