import { spawnSync } from 'node:child_process';

/** The terraform (or tofu) binary on the PATH, or undefined; tests that need it skip and say why. */
export function findTerraform(): string | undefined {
  for (const name of ['terraform', 'tofu']) {
    const probe = spawnSync(name, ['version'], {
      encoding: 'utf8',
      env: { ...process.env, TF_CLI_CONFIG_FILE: '/dev/null' },
    });
    if (probe.status === 0) return name;
  }
  return undefined;
}

export const TERRAFORM = findTerraform();

export function skipReason(): string {
  return 'no terraform or tofu binary on the PATH; install one to run this oracle check';
}

const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

/** Runs terraform without colour codes in what it prints. */
export function runTerraform(args: string[], cwd: string, input?: string) {
  const result = spawnSync(TERRAFORM!, args, {
    cwd,
    input,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, TF_CLI_CONFIG_FILE: '/dev/null', TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1' },
  });
  return {
    status: result.status,
    stdout: result.stdout.replace(ANSI, ''),
    stderr: result.stderr.replace(ANSI, ''),
  };
}
