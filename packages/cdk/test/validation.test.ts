/**
 * aws-cdk-lib's built-in CloudFormation validator costs ~85% of synth time, so the harness synthesizes
 * without it. It is not lost: here it runs on both apps with its rules enforced (errors fail synth).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTarget } from '@iac-compare/spec';
import { CfnResource } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { createApp, stackName } from '../src/app.js';

describe('the built-in template validator', () => {
  const spec = loadTarget();

  it.each(['l2', 'l1'] as const)(
    'passes the %s app with rules enforced',
    (variant) => {
      const app = createApp(spec, variant, {
        outdir: mkdtempSync(join(tmpdir(), 'cdk-validate-')),
        validate: true,
      });
      expect(() => app.synth()).not.toThrow();
    },
    // The L2 app with every rule on takes ≈ 20 s alone and over a minute on a loaded two-core box.
    240_000,
  );

  it('is really on: an invalid resource fails synth', () => {
    const app = createApp(spec, 'l1', {
      outdir: mkdtempSync(join(tmpdir(), 'cdk-validate-')),
      validate: true,
    });
    const stack = app.node.findChild(stackName(spec, 'l1'));
    new CfnResource(stack, 'Broken', {
      type: 'AWS::EKS::Addon',
      properties: { AddonName: 42, NotAProperty: true },
    });
    expect(() => app.synth()).toThrow(/NotAProperty|AddonName|ClusterName/);
  }, 60_000);
});
