/** Waivers: what holds, what does not and says why, and what is bad input. SARIF fingerprints and suppressions. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIFECYCLE, HarnessError, INVENTORY_SCHEMA_VERSION, type Inventory } from '../src/index.js';
import { applyWaivers, evaluatePolicy, parseWaivers, policySarif } from '../src/policy/index.js';

function keyInventory(line = 7): Inventory {
  return {
    schemaVersion: INVENTORY_SCHEMA_VERSION,
    implementation: 'cdk-l1',
    source: 'cloudformation',
    diagnostics: [],
    resources: [
      {
        address: 'stack/Key',
        displayName: 'stack/Key',
        nativeType: 'AWS::KMS::Key',
        kind: 'kms-key',
        dialect: 'cloudformation',
        role: 'core',
        properties: { EnableKeyRotation: false },
        references: [],
        dependsOn: [],
        lifecycle: DEFAULT_LIFECYCLE.cloudformation,
        location: { file: 'src/l1/stack.ts', line },
      },
    ],
  };
}

const AS_OF = '2026-12-07';

function rotationFinding(yaml: string) {
  const report = evaluatePolicy(new Map([['cdk-l1', keyInventory()]]), {
    asOf: AS_OF,
    waivers: parseWaivers(yaml, 'w.yaml', AS_OF),
  });
  return {
    finding: report.implementations[0]!.verdicts.find((verdict) => verdict.ruleId === 'kms-key-rotation')!
      .findings[0]!,
    unused: report.waivers!.unused,
  };
}

describe('waivers', () => {
  it('a valid waiver (rule, implementation, resource) waives the finding, with its reason and line', () => {
    const { finding, unused } = rotationFinding(
      'waivers:\n  - rule: kms-key-rotation\n    implementation: cdk-l1\n    resource: stack/Key\n    reason: rotated by an external job\n    expires: 2027-01-31\n',
    );
    expect(finding.waiver).toEqual({
      reason: 'rotated by an external job',
      expires: '2027-01-31',
      source: 'w.yaml:2',
    });
    expect(unused).toEqual([]);
  });

  it('JSON is YAML: the same file in JSON works', () => {
    const { finding } = rotationFinding(
      '{"waivers": [{"rule": "kms-key-rotation", "reason": "external rotation"}]}',
    );
    expect(finding.waiver?.reason).toBe('external rotation');
  });

  it.each([
    ['expired', 'expires: 2026-12-06', 'expired on 2026-12-06'],
    ['a malformed date', 'expires: 2027-02-30', 'expires "2027-02-30" is not a YYYY-MM-DD date'],
    ['a date written another way', 'expires: 31/01/2027', 'is not a YYYY-MM-DD date'],
  ])('%s brings the finding back and says why', (_, line, why) => {
    const { finding } = rotationFinding(
      `waivers:\n  - rule: kms-key-rotation\n    reason: later\n    ${line}\n`,
    );
    expect(finding.waiver).toBeUndefined();
    expect(finding.waiverProblem).toContain('waiver at w.yaml:2 does not hold');
    expect(finding.waiverProblem).toContain(why);
  });

  it('no reason brings the finding back', () => {
    const { finding } = rotationFinding('waivers:\n  - rule: kms-key-rotation\n');
    expect(finding.waiver).toBeUndefined();
    expect(finding.waiverProblem).toContain('no reason');
  });

  it('a waiver for another implementation or resource does not match, and is reported unused', () => {
    const { finding, unused } = rotationFinding(
      'waivers:\n  - rule: kms-key-rotation\n    implementation: pulumi\n    reason: r\n  - rule: no-such-rule\n    reason: r\n',
    );
    expect(finding.waiver).toBeUndefined();
    expect(unused).toEqual([
      'waiver at w.yaml:2 (kms-key-rotation) matches no finding',
      'waiver at w.yaml:5 (no-such-rule) matches no finding',
    ]);
  });

  it('a valid waiver wins over a broken one for the same finding', () => {
    const { finding } = rotationFinding(
      'waivers:\n  - rule: kms-key-rotation\n    reason: old\n    expires: 2020-01-01\n  - rule: kms-key-rotation\n    reason: current\n',
    );
    expect(finding.waiver?.reason).toBe('current');
  });

  it('a file without a waivers list is bad input naming file and line', () => {
    expect(() => parseWaivers('- rule: x\n', 'w.yaml', AS_OF)).toThrow(HarnessError);
    expect(() => parseWaivers('waivers: {}\n', 'w.yaml', AS_OF)).toThrow(
      /w\.yaml:1: a waivers file has a top-level `waivers` list/,
    );
    expect(() => parseWaivers('waivers: [\n', 'w.yaml', AS_OF)).toThrow(/^w\.yaml:\d+: not YAML or JSON/);
  });

  it('applyWaivers keeps findings it does not match untouched', () => {
    const report = evaluatePolicy(new Map([['cdk-l1', keyInventory()]]), { asOf: AS_OF });
    const { implementations } = applyWaivers(report.implementations, { file: 'w', waivers: [] });
    expect(implementations).toEqual(report.implementations);
  });
});

describe('SARIF', () => {
  it('fingerprints a finding by rule and resource: moving its line keeps the fingerprint', () => {
    const at = (line: number) =>
      policySarif(evaluatePolicy(new Map([['cdk-l1', keyInventory(line)]]), { asOf: AS_OF })).runs[0]!
        .results[0]!;
    expect(at(7).partialFingerprints).toEqual(at(99).partialFingerprints);
    expect(at(7).locations[0]!.physicalLocation.region).toEqual({ startLine: 7 });
    expect(at(99).locations[0]!.physicalLocation.region).toEqual({ startLine: 99 });
  });

  it('a waived finding is a suppression; one run per implementation with its own category', () => {
    const sarif = policySarif(
      evaluatePolicy(
        new Map([
          ['cdk-l1', keyInventory()],
          ['cloudformation', { ...keyInventory(), implementation: 'cloudformation' }],
        ]),
        {
          asOf: AS_OF,
          waivers: parseWaivers(
            'waivers:\n  - rule: kms-key-rotation\n    implementation: cdk-l1\n    reason: r\n',
            'w.yaml',
            AS_OF,
          ),
        },
      ),
    );
    expect(sarif.runs.map((run) => run.automationDetails.id)).toEqual([
      'iac-compare-policy/cdk-l1/',
      'iac-compare-policy/cloudformation/',
    ]);
    expect(sarif.runs[0]!.results[0]!.suppressions).toEqual([
      { kind: 'external', status: 'accepted', justification: 'r — w.yaml:2' },
    ]);
    expect(sarif.runs[1]!.results[0]!.suppressions).toBeUndefined();
    const rule = sarif.runs[0]!.tool.driver.rules.find((candidate) => candidate.id === 'kms-key-rotation')!;
    expect(rule.properties['security-severity']).toBe('5.5');
    expect(rule.help.markdown).toContain('| infra-terraform | aws_kms_key `enable_key_rotation = true` |');
  });
});
