import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TargetSpec } from '@iac-compare/spec';
import { App } from 'cdktf';
import { EksTargetStack } from './stack.js';

export const PACKAGE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The context cdktf.json sets (the flags `cdktf init` writes), so in-process synth matches `cdktf synth`. */
export function projectContext(): Record<string, unknown> {
  const config = JSON.parse(readFileSync(join(PACKAGE_DIR, 'cdktf.json'), 'utf8')) as {
    context?: Record<string, unknown>;
  };
  return config.context ?? {};
}

export function stackName(spec: TargetSpec): string {
  return `${spec.name}-cdktf`;
}

export function createApp(spec: TargetSpec, outdir?: string): App {
  const app = new App({ outdir, context: projectContext() });
  new EksTargetStack(app, stackName(spec), spec);
  return app;
}
