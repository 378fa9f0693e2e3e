import { describe, expect, it } from 'vitest';
import { parseAnnotations, tokenizeMeta } from '../src/annotations.js';
import { splitSteps } from '../src/commands.js';
import { LabError } from '../src/errors.js';

const where = { file: 'lab.md', firstLine: 10 };

describe('splitSteps', () => {
  it('reads `$ ` lines as commands and the lines after them as the excerpt', () => {
    const steps = splitSteps('$ echo a\na\n$ echo b\n', where);
    expect(steps.map((step) => [step.command, step.line, step.expected])).toEqual([
      ['echo a', 10, ['a']],
      ['echo b', 12, []],
    ]);
    expect(steps[0]).toMatchObject({ expectedFrom: 11, expectedTo: 11 });
  });

  it('keeps continuation lines and here-document bodies in the command', () => {
    const value = [
      '$ printf "%s\\n" \\',
      '  one two',
      'one',
      '$ cat <<EOF > notes.txt',
      '$ not a command',
      'EOF',
      "$ cat <<-'END'",
      '\tx',
      '\tEND',
      'x',
    ].join('\n');
    const steps = splitSteps(value, where);
    expect(steps.map((step) => step.command)).toEqual([
      'printf "%s\\n" \\\n  one two',
      'cat <<EOF > notes.txt\n$ not a command\nEOF',
      "cat <<-'END'\n\tx\n\tEND",
    ]);
    expect(steps.map((step) => step.expected)).toEqual([['one'], [], ['x']]);
  });

  it('refuses text before the first command, an empty command and an unclosed here-document', () => {
    expect(() => splitSteps('hello\n$ echo', where)).toThrow(LabError);
    expect(() => splitSteps('$ ', where)).toThrow(/empty/);
    expect(() => splitSteps('$ cat <<EOF\nno end', where)).toThrow(/EOF/);
  });
});

describe('annotations', () => {
  const at = { file: 'lab.md', line: 3 };

  it('reads the EKS Workshop annotations, with defaults', () => {
    expect(parseAnnotations('', 'bash', at)).toMatchObject({ test: true, timeout: 120, exit: 0 });
    expect(parseAnnotations('timeout=300 hook=plan expectError=true', 'bash', at)).toMatchObject({
      timeout: 300,
      hook: 'plan',
      exit: 'error',
    });
    expect(parseAnnotations('exitCode=2', 'bash', at).exit).toBe(2);
    expect(parseAnnotations('test=false reason="needs a cluster: k3d"', 'bash', at)).toMatchObject({
      test: false,
      reason: 'needs a cluster: k3d',
    });
    expect(parseAnnotations('file=infra-terraform/main.tf', 'hcl', at).file).toBe('infra-terraform/main.tf');
  });

  it('refuses what would silently not test: no reason, unknown keys, both exit forms, file= on bash', () => {
    expect(() => parseAnnotations('test=false', 'bash', at)).toThrow(/reason/);
    expect(() => parseAnnotations('tets=false', 'bash', at)).toThrow(/unknown annotation tets=/);
    expect(() => parseAnnotations('expectError=true exitCode=1', 'bash', at)).toThrow(/not both/);
    expect(() => parseAnnotations('file=x.tf', 'bash', at)).toThrow(/not to bash/);
    expect(() => parseAnnotations('timeout=10', 'hcl', at)).toThrow(/only apply to bash/);
    expect(() => parseAnnotations('timeout=soon', 'bash', at)).toThrow(/whole seconds/);
    expect(() => parseAnnotations('file=../etc/passwd', 'yaml', at)).toThrow(/inside the repository/);
  });

  it('tokenizes quoted values with spaces and escapes', () => {
    expect(tokenizeMeta(`reason="a \\"quoted\\" word" hook='x y' n=1`)).toEqual([
      ['reason', 'a "quoted" word'],
      ['hook', 'x y'],
      ['n', '1'],
    ]);
  });
});
