/** In-process synth: `<outDir>/stacks/<stack>/cdk.tf.json`, as `cdktf synth` writes it. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { replaceDirectoryAtomically, type SynthResult, type TargetSpec } from '@iac-compare/spec';
import { createApp, stackName } from './app.js';
import { SECRETS_VARIABLE } from './workloads.js';

export async function synthesize(spec: TargetSpec, outDir: string): Promise<SynthResult> {
  const resources = await replaceDirectoryAtomically(outDir, (dir) => {
    createApp(spec, dir).synth();
    const stackDir = join(dir, 'stacks', stackName(spec));
    if (spec.workloads) {
      // The sensitive variable's value, as a team would keep it out of the code: Terraform loads
      // *.auto.tfvars.json from the stack folder by itself (cdktf deploy: TF_VAR_workload_secrets).
      writeFileSync(
        join(stackDir, 'workload-secrets.auto.tfvars.json'),
        `${JSON.stringify({ [SECRETS_VARIABLE]: spec.workloads.app.secrets }, null, 2)}\n`,
      );
    }
    const config = JSON.parse(readFileSync(join(stackDir, 'cdk.tf.json'), 'utf8')) as {
      resource?: Record<string, Record<string, unknown>>;
    };
    return Object.values(config.resource ?? {}).reduce((sum, byName) => sum + Object.keys(byName).length, 0);
  });
  return { artifacts: [{ id: 'cdktf', path: outDir, resources }] };
}
