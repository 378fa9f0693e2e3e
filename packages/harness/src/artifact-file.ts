/** Reading an artifact's files: a missing file and a broken one are different errors, each saying what to do. */
import { readFileSync } from 'node:fs';
import { HarnessError } from './errors.js';

export function readArtifactText(
  file: string,
  missing = 'not found; run the implementation’s synth first',
): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    throw new HarnessError('ARTIFACT_MISSING', missing, { location: { file } });
  }
}

export function readArtifactJson(file: string, missing?: string): unknown {
  const text = readArtifactText(file, missing);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new HarnessError('ARTIFACT_CORRUPT', `not valid JSON (${(error as Error).message})`, {
      location: { file },
    });
  }
}
