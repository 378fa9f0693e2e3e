/**
 * `pulumi up` takes the workloads' Secret values from the stack's secret config
 * (`iac-compare:workloadSecrets`), never from the target file, whose values are placeholders
 * (issue 18.8). Pulumi's runtime is global per process: this file runs in its own.
 */
import { loadTarget, redactSecretValue } from '@iac-compare/spec';
import * as pulumi from '@pulumi/pulumi';
import { describe, expect, it } from 'vitest';
import { recordRegistrations } from '../src/mock-synth.js';
import { defineTarget } from '../src/program.js';
import {
  runningUnderMocks,
  SECRETS_CONFIG_KEY,
  workloadSecretsForProgram,
  workloadSecretsFromConfig,
} from '../src/workloads.js';

const spec = loadTarget();
const real = { RELEASE_COOKIE: 'cookie-from-the-secret-store', SECRET_KEY_BASE: 'key-base-from-the-store' };

describe('the Secret in pulumi up', () => {
  it('fails with the config key to set when the stack has no secret config value', () => {
    expect(() => workloadSecretsFromConfig()).toThrow(/iac-compare:workloadSecrets/);
  });

  it('falls back to the placeholders only under mocks (an offline synth), never in a real run', async () => {
    expect(runningUnderMocks()).toBe(false);
    expect(() => workloadSecretsForProgram()).toThrow(/iac-compare:workloadSecrets/);
    await recordRegistrations(spec, {
      program: () => {
        expect(runningUnderMocks()).toBe(true);
        expect(workloadSecretsForProgram()).toBeUndefined();
        return defineTarget(spec);
      },
    });
  });

  it('sends the secret config values, not the target placeholders', async () => {
    const key = `iac-compare:${SECRETS_CONFIG_KEY}`;
    pulumi.runtime.setAllConfig({ [key]: JSON.stringify(real) }, [key]);
    const file = await recordRegistrations(spec, {
      program: () => defineTarget(spec, { secrets: workloadSecretsFromConfig() }),
    });
    const secret = file.resources.find((resource) => resource.type === 'kubernetes:core/v1:Secret')!;
    const text = JSON.stringify(secret.inputs.stringData);
    for (const [name, value] of Object.entries(real)) {
      expect(text, name).toContain(redactSecretValue(value));
    }
    for (const placeholder of Object.values(spec.workloads!.app.secrets)) {
      expect(text).not.toContain(redactSecretValue(placeholder));
    }
    expect(text).not.toContain(real.RELEASE_COOKIE);
  });
});
