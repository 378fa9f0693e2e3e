/** `iac-compare validate [--spec FILE] [--resolved]` */
import { relative } from 'node:path';
import {
  formatProblem,
  readTargetJson,
  redactTargetSecrets,
  resolveTarget,
  targetWarnings,
  validateTarget,
} from '@iac-compare/spec';
import type { Io } from '../io.js';
import { targetFileFrom } from '../target.js';

export interface ValidateOptions {
  readonly spec?: string;
  readonly resolved?: boolean;
}

export function runValidate(options: ValidateOptions, io: Io): number {
  const file = targetFileFrom(options.spec, io);
  const shown = relative(io.cwd, file) || file;
  const result = validateTarget(readTargetJson(file));
  if (!result.ok) {
    const count = result.problems.length;
    io.err(`${shown}: ${count} problem${count === 1 ? '' : 's'}\n`);
    for (const problem of result.problems) io.err(`${formatProblem(problem)}\n`);
    return 2;
  }
  if (options.resolved) {
    // The workloads' Secret shows as hashes here too: a terminal is a log.
    io.out(`${JSON.stringify(resolveTarget(redactTargetSecrets(result.spec)), null, 2)}\n`);
    return 0;
  }
  const { spec } = result;
  const warnings = targetWarnings(spec);
  for (const warning of warnings) io.err(`warning: ${formatProblem(warning)}\n`);
  io.out(
    `${shown} is valid: ${spec.name} in ${spec.region} across ${spec.availabilityZones.length} AZs, ` +
      `NAT ${spec.network.natGateways}, EKS ${spec.cluster.version}, ${spec.nodeGroups.length} node group${spec.nodeGroups.length === 1 ? '' : 's'}\n`,
  );
  return 0;
}
