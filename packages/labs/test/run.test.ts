/**
 * The runner end to end, on a small repository of its own: a git checkout with docs/workshop,
 * hooks, a shown file and a solutions page. Each lab plants one thing the runner must catch.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatherWorkshop } from '../src/gather.js';
import { applyEdits } from '../src/rewrite.js';
import { type RunOutcome, runWorkshop } from '../src/run.js';

const root = mkdtempSync(join(tmpdir(), 'iac-labs-run-'));
const checkout = join(root, 'checkout');

function write(path: string, text: string): void {
  mkdirSync(dirname(join(checkout, path)), { recursive: true });
  writeFileSync(join(checkout, path), text);
}

function git(...args: string[]): void {
  const result = spawnSync('git', ['-C', checkout, ...args], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(result.stderr);
}

const page = (title: string, weight: number, body: string) =>
  `---\ntitle: "${title}"\nweight: ${weight}\n---\n\n${body}`;
const fence = '```';

function createFixture(): void {
  write('config/app.yaml', 'name: demo\nreplicas: 3\nport: 8080\n');
  write(
    'docs/workshop/00-basics/index.md',
    page(
      'Basics',
      0,
      [
        `${fence}bash`,
        '$ export GREETING=hello; cd config',
        '$ echo "$GREETING from $(basename "$(pwd)")"; echo "took 1.2 s"',
        'hello from config',
        'took 9.9 s',
        fence,
        '',
        `${fence}bash exitCode=3`,
        '$ echo nope; exit 3',
        '…',
        fence,
        '',
        `${fence}bash hook=count`,
        '$ printf "a\\nb\\nc\\n"',
        fence,
        '',
        `${fence}yaml file=config/app.yaml`,
        'replicas: 3',
        'port: 8080',
        fence,
        '',
        `${fence}bash test=false reason="needs a Kubernetes cluster"`,
        '$ kubectl get pods',
        fence,
        '',
      ].join('\n'),
    ),
  );
  write(
    'docs/workshop/00-basics/tests/hook-count.sh',
    'set -Eeuo pipefail\nbefore() { :; }\nafter() { test "$(wc -l < "$TEST_OUTPUT_FILE")" -eq 3 && test "$TEST_EXIT_CODE" = 0 && [[ "$TEST_OUTPUT" == a* ]]; }\n"$@"\n',
  );
  write(
    'docs/workshop/01-drift/index.md',
    page(
      'Drift',
      10,
      [
        `${fence}bash`,
        '$ echo "the real output"',
        'what the lab claims',
        fence,
        '',
        `${fence}bash`,
        '$ echo never',
        fence,
        '',
      ].join('\n'),
    ),
  );
  write(
    'docs/workshop/02-dirty/index.md',
    page(
      'Dirty',
      20,
      [`${fence}bash`, '$ echo scratch > notes.txt', '$ echo x >> config/app.yaml', fence, ''].join('\n'),
    ),
  );
  write(
    'docs/workshop/03-slow/index.md',
    page('Slow', 30, [`${fence}bash timeout=1`, '$ sleep 20', fence, ''].join('\n')),
  );
  write(
    'docs/workshop/04-expects-failure/index.md',
    page('Expects a failure', 40, [`${fence}bash expectError=true`, '$ true', fence, ''].join('\n')),
  );
  write(
    'docs/workshop/solutions/00-basics.md',
    page(
      'Basics: solutions',
      0,
      [`${fence}bash`, '$ cat config/app.yaml', 'name: demo', '…', fence, ''].join('\n'),
    ),
  );
  write(
    'docs/workshop/README.md',
    page(
      'Workshop',
      0,
      [`${fence}bash test=false reason="you run this on your own machine"`, '$ npm ci', fence, ''].join('\n'),
    ),
  );
  chmodSync(join(checkout, 'docs/workshop/00-basics/tests/hook-count.sh'), 0o755);
  git('init', '--quiet');
  git('add', '-A');
  git('-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '--quiet', '-m', 'fixture');
}

const lines: string[] = [];
const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: root, COLUMNS: '80', NO_COLOR: '1' };
const runLabs = (labs: number[], update = false): Promise<RunOutcome> =>
  runWorkshop({
    checkout,
    labs,
    update,
    keep: false,
    env,
    print: (line) => lines.push(line),
    scratchParent: root,
  });

beforeAll(createFixture);
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the lab runner', () => {
  let outcome: RunOutcome;
  beforeAll(async () => {
    outcome = await runLabs([]);
  }, 60_000);

  const section = (kind: string, lab: number) =>
    outcome.sections.find((candidate) => candidate.section.kind === kind && candidate.section.lab === lab)!;

  it("runs the labs in order, then each lab's solutions, carrying the session from block to block", () => {
    expect(outcome.sections.map((candidate) => `${candidate.section.kind} ${candidate.section.lab}`)).toEqual(
      ['lab 0', 'solutions 0', 'lab 1', 'lab 2', 'lab 3', 'lab 4'],
    );
    const basics = section('lab', 0);
    expect(basics.problems).toEqual([]);
    expect(basics.steps.map((step) => step.status)).toEqual(['passed', 'passed', 'passed', 'passed']);
    expect(basics.passed).toBe(true);
    expect(section('solutions', 0).passed).toBe(true);
  });

  it('fails a step whose output is not the excerpt, and skips the steps after it', () => {
    const drift = section('lab', 1);
    expect(drift.passed).toBe(false);
    expect(drift.steps.map((step) => step.status)).toEqual(['failed', 'skipped']);
    expect(drift.steps[0]?.message).toContain('what the lab shows is not what it printed');
  });

  it('fails a lab whose cleanup leaves the repository changed, and resets it for the next lab', () => {
    const dirty = section('lab', 2);
    expect(dirty.passed).toBe(false);
    expect(dirty.problems.join('\n')).toContain('M config/app.yaml');
    expect(dirty.problems.join('\n')).toContain('?? notes.txt');
    expect(section('lab', 3).problems).toEqual([]);
  });

  it('stops a step past its timeout, and holds a step to the failure it promises', () => {
    expect(section('lab', 3).steps[0]?.message).toContain('timeout (1 s');
    expect(section('lab', 4).steps[0]?.message).toBe(
      'it exited with 0; the lab expects a non-zero exit code',
    );
  });

  it('lists the blocks not run here with their reasons, the pages outside labs included', () => {
    expect(
      outcome.notRun.map((block) => `${block.page.file}:${block.code.line} ${block.annotations.reason}`),
    ).toEqual([
      'docs/workshop/00-basics/index.md:27 needs a Kubernetes cluster',
      'docs/workshop/README.md:6 you run this on your own machine',
    ]);
    expect(outcome.passed).toBe(false);
  });
});

describe('code shown from files and --update', () => {
  it('fails when a shown file changed, and --update takes the excerpt and the code from what is real', async () => {
    write('config/app.yaml', 'name: demo\nreplicas: 5\nport: 8080\n');
    const checked = await runLabs([0]);
    expect(checked.includeProblems.map((problem) => problem.message)).toEqual([
      expect.stringContaining("the code is no longer config/app.yaml's"),
    ]);
    const updated = await runLabs([1], true);
    expect(updated.includeProblems).toEqual([]);
    applyEdits(checkout, updated.edits);
    const drift = readFileSync(join(checkout, 'docs/workshop/01-drift/index.md'), 'utf8');
    expect(drift).toContain('$ echo "the real output"\nthe real output\n```');
    const basics = readFileSync(join(checkout, 'docs/workshop/00-basics/index.md'), 'utf8');
    expect(basics).toContain('```yaml file=config/app.yaml\nreplicas: 5\nport: 8080\n```');
    // What --update wrote now passes, and the pages still parse.
    expect(gatherWorkshop(checkout).sections).toHaveLength(6);
    const again = await runLabs([0, 1]);
    expect(again.includeProblems).toEqual([]);
    expect(again.sections.filter((candidate) => candidate.section.lab === 1).every((s) => s.passed)).toBe(
      true,
    );
  }, 60_000);
});
