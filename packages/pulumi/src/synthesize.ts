/** In-process synth: `<outDir>/resources.json`, the registrations of a preview under mocks. */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { replaceDirectoryAtomically, type SynthResult, type TargetSpec } from '@iac-compare/spec';
import { recordRegistrations } from './mock-synth.js';

export const PACKAGE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Pulumi's runtime keeps global state, so a process runs this once; run it in a child process
 * (the synth script) to synthesize several targets.
 */
export async function synthesize(spec: TargetSpec, outDir: string): Promise<SynthResult> {
  const file = await recordRegistrations(spec);
  await replaceDirectoryAtomically(outDir, (dir) => {
    writeFileSync(join(dir, 'resources.json'), `${JSON.stringify(file, null, 2)}\n`);
  });
  const resources = file.resources.filter(
    (resource) => resource.custom && !resource.type.startsWith('pulumi:'),
  ).length;
  return { artifacts: [{ id: 'pulumi', path: outDir, resources }] };
}
