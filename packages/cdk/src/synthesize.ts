/** In-process synth of both CDK apps into `<outDir>/cdk-l2` and `<outDir>/cdk-l1` (cloud assemblies). */
import { join } from 'node:path';
import {
  replaceDirectoryAtomically,
  type SynthArtifact,
  type SynthResult,
  type TargetSpec,
} from '@iac-compare/spec';
import { CDK_VARIANTS, type CdkVariant, createApp, VARIANT_IDS } from './app.js';

export interface SynthesizeOptions {
  readonly variants?: readonly CdkVariant[];
  /** Run the built-in template validator (slow; see createApp). @default false */
  readonly validate?: boolean;
}

export async function synthesize(
  spec: TargetSpec,
  outDir: string,
  options: SynthesizeOptions = {},
): Promise<SynthResult> {
  const artifacts: SynthArtifact[] = [];
  for (const variant of options.variants ?? CDK_VARIANTS) {
    const id = VARIANT_IDS[variant];
    const path = join(outDir, id);
    const resources = await replaceDirectoryAtomically(path, (dir) => {
      const assembly = createApp(spec, variant, {
        outdir: dir,
        validate: options.validate,
        stageAssets: false,
      }).synth();
      return assembly.stacks.reduce(
        (count, stack) => count + Object.keys(stack.template.Resources ?? {}).length,
        0,
      );
    });
    artifacts.push({ id, path, resources });
  }
  return { artifacts };
}
