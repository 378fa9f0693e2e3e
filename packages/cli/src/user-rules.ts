/**
 * `--rules FILE`: a user's rules module (TypeScript or JavaScript) run the way check runs user
 * programs — only when asked, in a child process with a time limit, saying so first. The child
 * (harness's policy-rules-child) builds the same PolicyInput the built-in rules read; outcomes come
 * back by resource address and are folded in beside the built-in rules' runs.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  buildPolicyInput,
  HarnessError,
  type Inventory,
  type RuleMetadata,
  type RuleOutcome,
  type RuleRun,
  serializeInventory,
  type UserRulesRequest,
  type UserRulesResult,
} from '@iac-compare/harness';
import type { Io } from './io.js';
import { runWithLimit } from './user-code.js';

export interface UserRules {
  readonly rules: readonly RuleMetadata[];
  readonly runs: ReadonlyMap<string, readonly RuleRun[]>;
  readonly notes: readonly string[];
}

export async function runUserRules(
  file: string,
  inventories: ReadonlyMap<string, Inventory>,
  builtInIds: ReadonlySet<string>,
  timeoutMs: number,
  io: Io,
): Promise<UserRules> {
  const module = resolve(io.cwd, file);
  const require = createRequire(fileURLToPath(import.meta.url));
  const child = require.resolve('@iac-compare/harness/policy-rules-child');
  const dir = mkdtempSync(join(tmpdir(), 'iac-compare-rules-'));
  try {
    const request: UserRulesRequest = {
      module,
      tsImport: import.meta.resolve('tsx/esm/api'),
      inventories: Object.fromEntries(
        [...inventories].map(([id, inventory]) => [id, JSON.parse(serializeInventory(inventory)) as unknown]),
      ),
    };
    writeFileSync(join(dir, 'request.json'), JSON.stringify(request));
    io.err(
      `policy: running your rules (${file}) in a child process: this executes your code, offline, for at most ${Math.round(timeoutMs / 1000)} s\n`,
    );
    const run = await runWithLimit(
      process.execPath,
      [child, join(dir, 'request.json'), join(dir, 'result.json')],
      { cwd: io.cwd, timeoutMs, env: { ...process.env, FORCE_COLOR: '0' } },
    );
    if (run.timedOut) {
      throw new HarnessError(
        'RULES_INVALID',
        `your rules did not finish within ${Math.round(timeoutMs / 1000)} s and were stopped (--rules-timeout SECONDS gives them longer)`,
        { location: { file: module } },
      );
    }
    if (run.code !== 0) {
      const line =
        run.stderr.split('\n').find((text) => text.trim() !== '' && !text.trim().startsWith('at ')) ??
        `exited with code ${run.code}`;
      throw new HarnessError('RULES_INVALID', `your rules failed to load: ${line.trim()}`, {
        location: { file: module },
      });
    }
    const result = JSON.parse(readFileSync(join(dir, 'result.json'), 'utf8')) as UserRulesResult;
    if (result.problems.length > 0) {
      const listed = result.problems
        .map((problem) =>
          problem.index < 0
            ? problem.problem
            : `rule ${problem.index}${problem.id ? ` (${problem.id})` : ''} ${problem.problem}`,
        )
        .join('; ');
      throw new HarnessError('RULES_INVALID', listed, { location: { file: module } });
    }
    const clashing = result.rules.filter((rule) => builtInIds.has(rule.id));
    if (clashing.length > 0) {
      throw new HarnessError(
        'RULES_INVALID',
        `rule id ${clashing.map((rule) => rule.id).join(', ')} is a built-in rule's; give yours another id`,
        { location: { file: module } },
      );
    }
    const runs = new Map<string, RuleRun[]>();
    for (const [id, inventory] of inventories) {
      const input = buildPolicyInput(inventory);
      const byAddress = new Map(input.resources.map((resource) => [resource.address, resource]));
      runs.set(
        id,
        (result.runs[id] ?? []).map((run) => ({
          ruleId: run.ruleId,
          outcomes: run.outcomes.flatMap((outcome): RuleOutcome[] => {
            const resource = byAddress.get(outcome.address);
            if (!resource) return [];
            const status = (['compliant', 'non-compliant', 'unknown'] as const).find(
              (known) => known === outcome.status,
            );
            return [
              {
                status: status ?? 'unknown',
                resource,
                message: status
                  ? outcome.message
                  : `${outcome.message} (the rule returned status "${String(outcome.status)}")`,
              },
            ];
          }),
          ...(run.error ? { error: run.error } : {}),
        })),
      );
    }
    return {
      rules: result.rules,
      runs,
      notes: [
        `${result.rules.length} rule${result.rules.length === 1 ? '' : 's'} loaded from ${file} (run in a child process)`,
      ],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
