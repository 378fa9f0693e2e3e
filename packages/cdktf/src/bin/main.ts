/** The app `npx cdktf synth` runs (cdktf.json). The target: IAC_COMPARE_SPEC or packages/spec/target.json. */
import { loadTarget, targetFileForSynth } from '@iac-compare/spec';
import { createApp } from '../app.js';

createApp(loadTarget(targetFileForSynth(undefined))).synth();
