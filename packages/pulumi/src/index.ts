/**
 * The Pulumi program (`pulumi up` runs this, compiled, per Pulumi.yaml). The target comes from the
 * stack config `iac-compare:spec` (a path), else IAC_COMPARE_SPEC, else packages/spec/target.json;
 * the workloads' Secret values from the secret config value `iac-compare:workloadSecrets`.
 */
import { loadTarget, targetFileForSynth } from '@iac-compare/spec';
import * as pulumi from '@pulumi/pulumi';
import { defineTarget } from './program.js';
import { workloadSecretsForProgram } from './workloads.js';

const specFile = new pulumi.Config('iac-compare').get('spec');
const spec = loadTarget(targetFileForSynth(specFile));
// The Secret's values come from the stack's secret config (README), never from the target file.
const secrets = spec.workloads ? workloadSecretsForProgram() : undefined;
const outputs = defineTarget(spec, secrets === undefined ? {} : { secrets });

export const vpcId = outputs.vpcId;
export const clusterName = outputs.clusterName;
export const clusterEndpoint = outputs.clusterEndpoint;
