// Source maps on before the apps' modules are compiled (so dynamic imports below): the creation
// stacks CDK records for each resource then name TypeScript lines, which iac-compare reports.
process.setSourceMapsEnabled(true);
const { join } = await import('node:path');
const { runSynthCommand } = await import('@iac-compare/spec');
const { PACKAGE_DIR } = await import('../app.js');
const { synthesize } = await import('../synthesize.js');

process.exitCode = await runSynthCommand({
  name: '@iac-compare/cdk',
  defaultOutDir: join(PACKAGE_DIR, 'out'),
  synthesize,
});
