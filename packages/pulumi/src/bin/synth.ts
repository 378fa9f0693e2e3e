// Source maps on before the program's modules are compiled (so dynamic imports below): the stack
// traces Pulumi records for each registration then name TypeScript lines, not dist/ lines.
process.setSourceMapsEnabled(true);
// First: makes the Pulumi runtime's unused closure-serializer dependencies load lazily.
await import('../lazy-closure-deps.js');
const { join } = await import('node:path');
const { runSynthCommand } = await import('@iac-compare/spec');
const { PACKAGE_DIR, synthesize } = await import('../synthesize.js');

process.exitCode = await runSynthCommand({
  name: '@iac-compare/pulumi',
  defaultOutDir: join(PACKAGE_DIR, 'out'),
  synthesize,
});
