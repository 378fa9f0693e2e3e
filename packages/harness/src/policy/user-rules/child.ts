/**
 * The child process that runs a user's rules (`--rules FILE`): the CLI starts it with a time limit
 * and the TypeScript loader, it reads the request (the module and each implementation's inventory),
 * builds the same PolicyInput the built-in rules read, runs the rules, and writes the outcomes by
 * resource address. The user's code never runs in the CLI's own process.
 *
 *   node [--import tsx/esm] child.js REQUEST.json RESULT.json
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseInventory } from '../../model/inventory.js';
import { buildPolicyInput } from '../input.js';
import type { RuleOutcome } from '../model.js';
import { rulesFromModule, type UserRulesRequest, type UserRulesResult, userMetadata } from './shape.js';

async function main(): Promise<void> {
  const [requestFile, resultFile] = process.argv.slice(2);
  if (!requestFile || !resultFile) throw new Error('usage: child.js REQUEST.json RESULT.json');
  const request = JSON.parse(readFileSync(requestFile, 'utf8')) as UserRulesRequest;
  const typescript = /\.[cm]?ts$/.test(request.module);
  const module = (
    typescript && request.tsImport
      ? await (
          (await import(request.tsImport)) as {
            tsImport: (specifier: string, parent: string) => Promise<unknown>;
          }
        ).tsImport(pathToFileURL(request.module).href, import.meta.url)
      : await import(pathToFileURL(request.module).href)
  ) as Record<string, unknown>;
  const { rules, problems } = rulesFromModule(module);
  const result: UserRulesResult = {
    rules: problems.length > 0 ? [] : rules.map((rule) => userMetadata(rule, request.module)),
    problems,
    runs:
      problems.length > 0
        ? {}
        : Object.fromEntries(
            Object.entries(request.inventories).map(([id, inventory]) => {
              const input = buildPolicyInput(parseInventory(inventory));
              return [
                id,
                rules.map((rule) => {
                  try {
                    const outcomes = rule.check(input);
                    if (!Array.isArray(outcomes)) throw new Error('check() must return a list of outcomes');
                    return {
                      ruleId: rule.id,
                      outcomes: outcomes.map((outcome: RuleOutcome) => ({
                        status: outcome.status,
                        address: outcome.resource?.address ?? '',
                        message: String(outcome.message ?? ''),
                      })),
                    };
                  } catch (error) {
                    return {
                      ruleId: rule.id,
                      outcomes: [],
                      error: error instanceof Error ? error.message : String(error),
                    };
                  }
                }),
              ];
            }),
          ),
  };
  writeFileSync(resultFile, JSON.stringify(result));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
