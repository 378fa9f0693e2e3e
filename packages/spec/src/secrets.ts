/**
 * The one form a secret value takes outside the tool that deploys it: a hash of its plain text.
 * Equal values give equal hashes, so a difference still shows; the value does not, in clear or in
 * base64. Every report, log, cache, baseline and recording uses this (harness/src/kubernetes/redact.ts).
 *
 * A hash of a low-entropy value (a placeholder) can be guessed by trying candidates; real secrets
 * never belong in a target file (k8s/README.md says how a team supplies them), and are long.
 */
import { createHash } from 'node:crypto';
import type { TargetSpec } from './schema.js';

const MARKER = 'redacted:sha256:';

/** The redacted form of one secret value, given as its plain text. */
export function redactSecretValue(plain: string): string {
  return `${MARKER}${createHash('sha256').update('iac-compare secret\u0000').update(plain).digest('hex').slice(0, 16)}`;
}

export function isRedacted(value: unknown): boolean {
  return typeof value === 'string' && value.startsWith(MARKER);
}

/** The target with its secret values hashed: what a baseline or a report may keep of it. */
export function redactTargetSecrets(spec: TargetSpec): TargetSpec {
  if (!spec.workloads) return spec;
  const secrets = Object.fromEntries(
    Object.entries(spec.workloads.app.secrets).map(([key, value]) => [
      key,
      isRedacted(value) ? value : redactSecretValue(value),
    ]),
  );
  return { ...spec, workloads: { ...spec.workloads, app: { ...spec.workloads.app, secrets } } };
}
