/**
 * Module hooks of a tool worker (module.register): an implementation package's own modules are
 * served from the JavaScript the watch transpiled from its TypeScript sources (transpile.ts, in
 * the watch process: one copy of the compiler for every worker), under a generation number, so
 * every synth runs a fresh copy of the package's code while the tool's libraries (aws-cdk-lib,
 * cdktf, @pulumi/*) stay loaded and warm.
 *
 * - A module is `<package>/src/<file>.ts?iacgen=<n>`; its relative imports (`./app.js`, as
 *   NodeNext TypeScript writes them) resolve to the `.ts` file of the same generation, bare ones
 *   (`aws-cdk-lib/aws-ec2`) as from the package itself, so the same library copies load as for
 *   its build.
 * - The code of generation n arrives over the port before the worker imports it; a load waits for it.
 */

import { fileURLToPath, pathToFileURL } from 'node:url';
import type { MessagePort } from 'node:worker_threads';

export const GENERATION_PARAM = 'iacgen';

export interface GenerationCode {
  readonly generation: number;
  /** Absolute path of each source file → its JavaScript. */
  readonly modules: Readonly<Record<string, string>>;
}

const generations = new Map<number, Readonly<Record<string, string>>>();
const waiting = new Map<number, (modules: Readonly<Record<string, string>>) => void>();

export async function initialize(data: { readonly port: MessagePort }): Promise<void> {
  data.port.on('message', (message: GenerationCode) => {
    generations.set(message.generation, message.modules);
    // Older generations are never imported again.
    for (const generation of generations.keys())
      if (generation < message.generation - 1) generations.delete(generation);
    waiting.get(message.generation)?.(message.modules);
    waiting.delete(message.generation);
  });
  data.port.unref();
}

function codeOf(generation: number): Promise<Readonly<Record<string, string>>> {
  const known = generations.get(generation);
  if (known) return Promise.resolve(known);
  return new Promise((resolve) => waiting.set(generation, resolve));
}

function generationOf(url: string): number | undefined {
  if (!url.startsWith('file:')) return undefined;
  const value = new URL(url).searchParams.get(GENERATION_PARAM);
  return value === null ? undefined : Number(value);
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
    const source = path.endsWith('.js') ? `${path.slice(0, -3)}.ts` : path;
    const modules = await codeOf(generation);
    if (modules[source] !== undefined) {
      const url = pathToFileURL(source);
      url.searchParams.set(GENERATION_PARAM, String(generation));
      return { url: url.href, format: 'module', shortCircuit: true };
    }
  }
  return next(specifier, context);
}

type NextLoad = (url: string, context: unknown) => Promise<unknown>;

export async function load(url: string, context: unknown, next: NextLoad): Promise<unknown> {
  const generation = generationOf(url);
  if (generation === undefined) return next(url, context);
  const parsed = new URL(url);
  parsed.search = '';
  const source = (await codeOf(generation))[fileURLToPath(parsed)];
  if (source === undefined) return next(url, context);
  return { format: 'module', source, shortCircuit: true };
}

/** The URL a worker imports a package's entry module from, for one generation. */
export function moduleUrl(path: string, generation: number): string {
  const url = pathToFileURL(path);
  url.searchParams.set(GENERATION_PARAM, String(generation));
  return url.href;
}
