/** In-process synth: `<outDir>/stacks/<stack>/cdk.tf.json`, as `cdktf synth` writes it. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { replaceDirectoryAtomically, type SynthResult, type TargetSpec } from '@iac-compare/spec';
import { createApp, stackName } from './app.js';

export async function synthesize(spec: TargetSpec, outDir: string): Promise<SynthResult> {
  const resources = await replaceDirectoryAtomically(outDir, (dir) => {
    createApp(spec, dir).synth();
    const config = JSON.parse(readFileSync(join(dir, 'stacks', stackName(spec), 'cdk.tf.json'), 'utf8')) as {
      resource?: Record<string, Record<string, unknown>>;
    };
    return Object.values(config.resource ?? {}).reduce((sum, byName) => sum + Object.keys(byName).length, 0);
  });
  return { artifacts: [{ id: 'cdktf', path: outDir, resources }] };
}
