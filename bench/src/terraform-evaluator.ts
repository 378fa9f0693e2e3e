/**
 * One Terraform evaluation in a fresh process, so module loading is part of it:
 * `node terraform-evaluator.js <dir>`. Prints the milliseconds from before the first harness call
 * to the evaluated inventory.
 */
import { readTerraformDirectory } from '@iac-compare/harness';

const [dir] = process.argv.slice(2);
if (!dir) throw new Error('usage: terraform-evaluator.js <dir>');
const started = performance.now();
const inventory = await readTerraformDirectory(dir, 'infra-terraform', {
  region: 'eu-west-1',
  account: '111122223333',
});
const ms = performance.now() - started;
if (inventory.resources.length === 0) throw new Error('evaluated no resources');
process.stdout.write(`${JSON.stringify({ ms, resources: inventory.resources.length })}\n`);
