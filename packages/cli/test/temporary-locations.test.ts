/**
 * check --cdk-app: no location names the temporary assembly, which is gone when check ends.
 * With a recorded creation line the resource keeps it; without, its construct path stands in.
 */
import { describe, expect, it } from 'vitest';
import { withoutTemporaryLocations } from '../src/temporary-locations.js';

const WORK = '/tmp/iac-compare-check-abc';

const resource = (address: string, displayName: string, file: string, line?: number) => ({
  address,
  displayName,
  nativeType: 'AWS::EC2::Subnet',
  kind: 'subnet',
  dialect: 'cloudformation' as const,
  role: 'core' as const,
  properties: {},
  references: [],
  dependsOn: [],
  lifecycle: {
    onDelete: 'delete' as const,
    onReplace: 'delete' as const,
    replacementOrder: 'create-before-destroy' as const,
    ignoreChanges: [],
    setBy: [],
  },
  location: { file, ...(line ? { line } : {}) },
});

describe('withoutTemporaryLocations', () => {
  it('keeps the app’s own lines and puts the construct path where a temporary file was', () => {
    const inventory = {
      schemaVersion: 2,
      implementation: 'yours',
      source: 'cdk-assembly',
      resources: [
        resource('Network/Vpc', 'Network/Vpc/Resource', '/home/me/app/lib/network.ts', 12),
        resource('Network/Subnet', 'Network/Subnet/Resource', `${WORK}/cdk.out/Network.template.json`, 40),
      ],
      diagnostics: [],
    } as unknown as Parameters<typeof withoutTemporaryLocations>[0]['inventory'];
    const findings = [
      {
        severity: 'warning' as const,
        source: 'cloudformation-validate' as const,
        rule: 'W3010',
        message: 'Avoid hardcoding availability zones',
        subject: 'Subnet',
        location: { file: `${WORK}/cdk.out/Network.template.json`, line: 41 },
      },
      {
        severity: 'warning' as const,
        source: 'cloudformation-validate' as const,
        rule: 'W0000',
        message: 'about nothing we know',
        location: { file: `${WORK}/cdk.out/Network.template.json`, line: 2 },
      },
    ];
    const result = withoutTemporaryLocations({ inventory, findings }, WORK);
    expect(result.inventory.resources.map((item) => item.location)).toEqual([
      { file: '/home/me/app/lib/network.ts', line: 12 },
      { file: 'Network/Subnet/Resource' },
    ]);
    expect(result.findings[0]!.location).toEqual({ file: 'Network/Subnet/Resource' });
    expect(result.findings[1]!.location).toBeUndefined();
    expect(JSON.stringify(result)).not.toContain(WORK);
  });
});
