/**
 * The plan scenario corpus (src/plan-corpus): every scenario planned in all six implementations,
 * each tool's every changed resource held to an expectation with its source. PLAN_CORPUS=full adds
 * the scenarios kept out of CI for time and plans every scenario backwards too, for the invariants
 * (a replace says its order, a failure says why, machinery is never counted).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ALL_TOOLS,
  CorpusSynthesizer,
  planInvariants,
  runScenario,
  SCENARIOS,
  type Scenario,
  specWith,
} from '../src/plan-corpus/index.js';

const FULL = process.env.PLAN_CORPUS === 'full';
/** PLAN_CORPUS_ONLY=id,id runs those scenarios only (while working on them). */
const ONLY = process.env.PLAN_CORPUS_ONLY?.split(',');
const TIMEOUT = 600_000;

let synthesizer: CorpusSynthesizer;
beforeAll(() => {
  synthesizer = new CorpusSynthesizer();
});
afterAll(() => synthesizer?.close());

describe('the corpus itself', () => {
  it('holds at least thirty scenarios, each expectation with a source, each id once', () => {
    expect(SCENARIOS.length).toBeGreaterThanOrEqual(30);
    expect(new Set(SCENARIOS.map((scenario) => scenario.id)).size).toBe(SCENARIOS.length);
    for (const scenario of SCENARIOS) {
      expect(scenario.issues.length, scenario.id).toBeGreaterThan(0);
      for (const expectation of scenario.expect) {
        expect(
          expectation.source.length,
          `${scenario.id}: ${JSON.stringify(expectation.match)}`,
        ).toBeGreaterThan(10);
        expect(expectation.tools.length, scenario.id).toBeGreaterThan(0);
      }
    }
  });

  it('covers every plan item of issues 18, 20 and 21 that has a scenario', () => {
    const cited = new Set(
      SCENARIOS.flatMap((scenario) => scenario.issues.map((issue) => issue.split(' ')[0])),
    );
    for (const item of [
      '18.6',
      '18.7',
      '18.11',
      '20§1',
      '21.1',
      '21.2',
      '21.3',
      '21.4',
      '21.5',
      '21.6',
      '21.7',
      '21.8',
      '21.9',
      '21.10',
    ])
      expect(cited.has(item), item).toBe(true);
  });
});

describe('the Pulumi worker', () => {
  it(
    'records a target after others exactly as a fresh synth process does',
    async () => {
      const spec = specWith((edit) => {
        edit.nodeGroups[0]!.diskSize = 80;
      });
      // The worker has synthesized other targets by now (the default one at least).
      await synthesizer.inventories(specWith(undefined));
      const fromWorker = (await synthesizer.inventories(spec)).get('pulumi')!.inventory!;
      const dir = mkdtempSync(join(tmpdir(), 'pulumi-fresh-'));
      try {
        writeFileSync(join(dir, 'target.json'), JSON.stringify(spec));
        const script = join(import.meta.dirname, '..', '..', 'pulumi', 'dist', 'bin', 'synth.js');
        await promisify(execFile)(
          process.execPath,
          [script, '--spec', join(dir, 'target.json'), '--out', join(dir, 'out')],
          { timeout: 120_000 },
        );
        const fresh = JSON.parse(readFileSync(join(dir, 'out', 'resources.json'), 'utf8')) as {
          resources: { urn: string; inputs: unknown; inputAttributes?: unknown }[];
        };
        const recorded = new Map(fresh.resources.map((resource) => [resource.urn, resource]));
        expect(fromWorker.resources.length).toBe(fresh.resources.length);
        for (const resource of fromWorker.resources)
          expect(recorded.has(resource.address), resource.address).toBe(true);
        // The node group's template version is followed to the template's latestVersion.
        const group = fresh.resources.find((resource) => resource.urn.endsWith('::node-group-system'))!;
        expect(group.inputAttributes).toMatchObject({
          'launchTemplate.version': [{ attribute: 'latestVersion' }],
        });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    TIMEOUT,
  );
});

function describeScenario(scenario: Scenario) {
  it(
    `${scenario.id}: ${scenario.title}`,
    async () => {
      const run = await runScenario(scenario, synthesizer);
      expect(run.problems, scenario.id).toEqual([]);
      for (const gap of run.gaps) {
        // A known gap still open; once it closes, remove its `gap` marker.
        expect(gap.open, `${scenario.id} ${gap.tool}: gap ${gap.gap} is closed — remove the marker`).toBe(
          true,
        );
      }
      expect([...run.plans.keys()]).toEqual([...ALL_TOOLS]);
    },
    TIMEOUT,
  );
}

describe('plan scenarios, all six implementations', () => {
  for (const scenario of SCENARIOS.filter(
    (candidate) => (FULL || !candidate.full) && (!ONLY || ONLY.includes(candidate.id)),
  ))
    describeScenario(scenario);
});

describe.runIf(FULL)('every scenario backwards: the invariants hold', () => {
  for (const scenario of SCENARIOS) {
    it(
      `${scenario.id}, backwards`,
      async () => {
        const backwards: Scenario = {
          id: `${scenario.id}-backwards`,
          title: '',
          issues: scenario.issues,
          before: scenario.after,
          after: scenario.before,
          expect: [],
          partial: 'invariants only',
        };
        const run = await runScenario(backwards, synthesizer);
        const problems = [...run.plans].flatMap(([tool, plan]) =>
          plan.status === 'planned' ? planInvariants(tool, plan) : [],
        );
        expect(problems, backwards.id).toEqual([]);
      },
      TIMEOUT,
    );
  }
});
