/**
 * The Pulumi program (`pulumi up` runs this, compiled, per Pulumi.yaml). The target comes from the
 * stack config `iac-compare:spec` (a path), else IAC_COMPARE_SPEC, else packages/spec/target.json.
 */
import { loadTarget, targetFileForSynth } from '@iac-compare/spec';
import * as pulumi from '@pulumi/pulumi';
import { defineTarget } from './program.js';

const specFile = new pulumi.Config('iac-compare').get('spec');
const outputs = defineTarget(loadTarget(targetFileForSynth(specFile)));

export const vpcId = outputs.vpcId;
export const clusterName = outputs.clusterName;
export const clusterEndpoint = outputs.clusterEndpoint;
