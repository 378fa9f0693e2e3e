/** The rule set, in the order reports list it: cluster, nodes, network, keys/logs/IAM, workloads. */
import type { PolicyRule } from '../model.js';
import { controlPlaneLogging, publicEndpointOpen, secretsEncryption, versionRule } from './eks.js';
import { adminManagedPolicy, iamWildcards, keyRotation, logRetention } from './keys-logs-iam.js';
import {
  adminPortsOpen,
  allPortsOpen,
  defaultSecurityGroupRestricted,
  publicIpOutsidePublicTier,
  vpcFlowLogs,
} from './network.js';
import { encryptedVolumes, imdsHopLimit, imdsv2Required, privateSubnetsOnly } from './nodes.js';
import {
  disruptionBudget,
  imagePinned,
  nonRoot,
  noPrivilegeEscalation,
  privileged,
  probes,
  readOnlyRoot,
  requestsAndLimits,
  secretsNotPlainEnv,
} from './workloads.js';

export interface RuleSetOptions {
  /** The day date-based rules judge on, `YYYY-MM-DD` (default: today, UTC). */
  readonly asOf?: string;
}

import { today } from '../defaults.js';

export { today };

export function builtInRules(options: RuleSetOptions = {}): PolicyRule[] {
  const asOf = () => options.asOf ?? today();
  return [
    publicEndpointOpen,
    secretsEncryption,
    controlPlaneLogging,
    versionRule(asOf),
    imdsv2Required,
    imdsHopLimit,
    privateSubnetsOnly,
    encryptedVolumes,
    adminPortsOpen,
    allPortsOpen,
    defaultSecurityGroupRestricted,
    vpcFlowLogs,
    publicIpOutsidePublicTier,
    keyRotation,
    logRetention,
    iamWildcards,
    adminManagedPolicy,
    requestsAndLimits,
    probes,
    nonRoot,
    noPrivilegeEscalation,
    privileged,
    readOnlyRoot,
    imagePinned,
    secretsNotPlainEnv,
    disruptionBudget,
  ];
}
