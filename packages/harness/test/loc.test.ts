/** Lines of code of a user's folder: its tests are left out, but not the folder itself when it sits under one named test. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { countLinesOfCode } from '../src/loc.js';

describe('countLinesOfCode', () => {
  it('counts a folder under test/, and leaves out the tests inside a folder', () => {
    const root = mkdtempSync(join(tmpdir(), 'loc-'));
    const code = join(root, 'test', 'infra');
    mkdirSync(join(code, 'test'), { recursive: true });
    writeFileSync(
      join(code, 'main.tf'),
      '# a comment\nresource "aws_vpc" "this" {\n\n  cidr_block = "10.0.0.0/16"\n}\n',
    );
    writeFileSync(join(code, 'test', 'vpc.tftest.tf'), 'run "x" {\n}\n');
    expect(countLinesOfCode(root, [code])).toEqual({ lines: 3, files: 1 });
  });
});
