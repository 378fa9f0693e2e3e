/**
 * The app `npx cdk synth` / `npx cdk deploy` run (see cdk.json). The target comes from
 * IAC_COMPARE_SPEC or packages/spec/target.json; the variant from `-c variant=l1` (default l2).
 */
import { loadTarget, targetFileForSynth } from '@iac-compare/spec';
import { App } from 'aws-cdk-lib';
import { addStack, availabilityZoneContext, type CdkVariant } from '../app.js';

const spec = loadTarget(targetFileForSynth(undefined));
const app = new App({ context: availabilityZoneContext(spec) });
const variant = (app.node.tryGetContext('variant') ?? 'l2') as CdkVariant;
if (variant !== 'l2' && variant !== 'l1') throw new Error(`-c variant must be l2 or l1, not ${variant}`);
addStack(app, spec, variant);
app.synth();
