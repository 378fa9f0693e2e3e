import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadTarget, lookupRegion } from '@iac-compare/spec';
import * as cxapi from 'aws-cdk-lib/cx-api';
import { describe, expect, it } from 'vitest';
import { availabilityZoneContext, PACKAGE_DIR } from '../src/app.js';

const read = (file: string) => JSON.parse(readFileSync(join(PACKAGE_DIR, file), 'utf8'));

describe('cdk.json and cdk.context.json', () => {
  it('sets every feature flag aws-cdk-lib currently recommends, at its recommended value', () => {
    const { context } = read('cdk.json');
    for (const [flag, value] of Object.entries(cxapi.CURRENTLY_RECOMMENDED_FLAGS)) {
      expect(context[flag], flag).toEqual(value);
    }
  });

  it('commits the AZ lookup for the default target, equal to the spec region table', () => {
    const spec = loadTarget();
    expect(read('cdk.context.json')).toEqual(availabilityZoneContext(spec));
    expect(Object.values(availabilityZoneContext(spec))[0]).toEqual(
      lookupRegion('eu-west-1')!.availabilityZones,
    );
  });
});
