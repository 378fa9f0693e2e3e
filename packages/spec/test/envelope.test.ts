import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { envelopeFor, sectionGapsFor } from '../src/envelope.js';
import { loadEnvelope, loadTarget } from '../src/load.js';

const REPO = join(import.meta.dirname, '..', '..', '..');

describe('an envelope shared by two implementations (packages/cdk: cdk-l2 and cdk-l1)', () => {
  const envelope = loadEnvelope(join(REPO, 'packages', 'cdk', 'envelope.json'));

  it("gives each implementation only its own section gaps: the L1 app's workloads gap is not cdk-l2's", () => {
    expect(envelopeFor(envelope, 'cdk-l1').sectionsOutside.map((gap) => gap.section)).toEqual(['workloads']);
    expect(envelopeFor(envelope, 'cdk-l2').sectionsOutside).toEqual([]);
    // The same answer as the gaps the comparison uses.
    expect(sectionGapsFor(loadTarget(), envelope, 'cdk-l2')).toEqual([]);
    expect(envelopeFor(envelope, 'cdk-l2').availabilityZones).toEqual(envelope.availabilityZones);
  });
});
