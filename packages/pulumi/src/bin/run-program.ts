/**
 * Runs a user's Pulumi program the way the reference program runs: in preview under mocks, no
 * engine, no credentials, data sources answered from the target. For `iac-compare check
 * --pulumi DIR`, which starts it as a child process with a time limit (and tsx for TypeScript):
 *
 *   node --import tsx dist/bin/run-program.js --program DIR --spec FILE --out DIR [--stack NAME]
 *
 * Mocks must be set on the @pulumi/pulumi the program itself imports, so that one is resolved
 * from the program's folder (its own node_modules, else this repository's).
 */
process.setSourceMapsEnabled(true);
const { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } = await import('node:fs');
const { createRequire } = await import('node:module');
const { dirname, join, resolve } = await import('node:path');
const { pathToFileURL } = await import('node:url');
const { parseArgs } = await import('node:util');
const { parse: parseYaml } = await import('yaml');
const { loadTarget } = await import('@iac-compare/spec');
const { recordRegistrations } = await import('../mock-synth.js');

function fail(message: string): never {
  process.stderr.write(`pulumi program: ${message}\n`);
  process.exit(2);
}

const { values } = parseArgs({
  options: {
    program: { type: 'string' },
    spec: { type: 'string' },
    out: { type: 'string' },
    stack: { type: 'string' },
  },
});
if (!values.program || !values.spec || !values.out)
  fail('usage: run-program --program DIR --spec FILE --out DIR');
const dir = resolve(values.program);
const manifestFile = ['Pulumi.yaml', 'Pulumi.yml'].map((name) => join(dir, name)).find(existsSync);
if (!manifestFile) fail(`${dir} has no Pulumi.yaml: not a Pulumi project`);
const manifest = (parseYaml(readFileSync(manifestFile, 'utf8')) ?? {}) as {
  name?: string;
  main?: string;
  runtime?: unknown;
};
const runtimeName =
  typeof manifest.runtime === 'string' ? manifest.runtime : (manifest.runtime as { name?: string })?.name;
if (runtimeName && runtimeName !== 'nodejs')
  fail(`the program's runtime is ${runtimeName}; iac-compare runs nodejs programs`);

// The stack and its configuration (Pulumi.<stack>.yaml), as `pulumi preview` would read them.
const stacks = readdirSync(dir).filter((name) => /^Pulumi\.[^.]+\.ya?ml$/.test(name));
const stack = values.stack ?? stacks[0]?.replace(/^Pulumi\.|\.ya?ml$/g, '') ?? 'dev';
const stackFile = stacks.find((name) => name.replace(/^Pulumi\.|\.ya?ml$/g, '') === stack);
const project = manifest.name ?? 'project';
if (stackFile) {
  const config =
    ((parseYaml(readFileSync(join(dir, stackFile), 'utf8')) ?? {}) as { config?: Record<string, unknown> })
      .config ?? {};
  const namespaced = Object.fromEntries(
    Object.entries(config).map(([key, value]) => [
      key.includes(':') ? key : `${project}:${key}`,
      typeof value === 'string' ? value : JSON.stringify(value),
    ]),
  );
  process.env.PULUMI_CONFIG = JSON.stringify(namespaced);
}

// The program's entry: Pulumi.yaml's main, else package.json's main, else index.ts / index.js.
function entryOf(): string {
  const base = manifest.main ? resolve(dir, manifest.main) : dir;
  if (existsSync(base) && !isDirectory(base)) return base;
  const packageJson = join(base, 'package.json');
  if (existsSync(packageJson)) {
    const main = (JSON.parse(readFileSync(packageJson, 'utf8')) as { main?: string }).main;
    if (main && existsSync(resolve(base, main))) return resolve(base, main);
  }
  for (const name of ['index.ts', 'index.js', 'index.mjs'])
    if (existsSync(join(base, name))) return join(base, name);
  return fail(`no entry point in ${base}: set main in Pulumi.yaml, or add index.ts`);
}
function isDirectory(path: string): boolean {
  return statSync(path).isDirectory();
}

const require = createRequire(join(dir, 'package.json'));
let pulumiEntry: string;
try {
  pulumiEntry = require.resolve('@pulumi/pulumi');
} catch {
  pulumiEntry = createRequire(import.meta.url).resolve('@pulumi/pulumi');
}
let pulumiRoot = dirname(pulumiEntry);
while (
  !existsSync(join(pulumiRoot, 'package.json')) ||
  !readFileSync(join(pulumiRoot, 'package.json'), 'utf8').includes('"@pulumi/pulumi"')
) {
  pulumiRoot = dirname(pulumiRoot);
}
const runtime = {
  pulumi: await import(pathToFileURL(pulumiEntry).href),
  rpc: await import(pathToFileURL(join(pulumiRoot, 'runtime', 'rpc.js')).href),
  settings: await import(pathToFileURL(join(pulumiRoot, 'runtime', 'settings.js')).href),
  pulumiRoot,
};

const spec = loadTarget(resolve(values.spec));
const entry = entryOf();
try {
  const file = await recordRegistrations(spec, {
    project,
    stack,
    runtime,
    program: () => import(pathToFileURL(entry).href),
  });
  mkdirSync(values.out, { recursive: true });
  writeFileSync(join(values.out, 'resources.json'), `${JSON.stringify(file, null, 2)}\n`);
  process.stdout.write(`${file.resources.length} registrations\n`);
} catch (error) {
  fail(`the program failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
}
