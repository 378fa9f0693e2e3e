/**
 * validateTarget: every problem of a target at once, each with its path. parseTarget: the same,
 * throwing one SpecError that carries them all.
 */
import type * as z from 'zod';
import { appendKey, type Problem, SpecError } from './errors.js';
import { checkRules, sectionsOf } from './rules.js';
import { type TargetSpec, TargetSpecSchema } from './schema.js';
import { didYouMean } from './suggest.js';

export type ValidationResult =
  | { readonly ok: true; readonly spec: TargetSpec; readonly problems: readonly [] }
  | { readonly ok: false; readonly problems: readonly Problem[] };

/** Dotted path with indexes: `nodeGroups[0].labels.team`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const part of path)
    text = typeof part === 'number' ? `${text}[${part}]` : appendKey(text, String(part));
  return text;
}

interface SchemaDef {
  readonly type: string;
  readonly shape?: Record<string, z.ZodType>;
  readonly element?: z.ZodType;
  readonly innerType?: z.ZodType;
  readonly valueType?: z.ZodType;
  readonly options?: readonly z.ZodType[];
}

function defOf(schema: z.ZodType): SchemaDef {
  return (schema as unknown as { _zod: { def: SchemaDef } })._zod.def;
}

function unwrapSchema(schema: z.ZodType | undefined): z.ZodType | undefined {
  let current = schema;
  for (let depth = 0; current && depth < 10; depth++) {
    const def = defOf(current);
    if (def.type === 'default' || def.type === 'optional' || def.type === 'nullable' || def.type === 'pipe') {
      current = def.innerType;
    } else break;
  }
  return current;
}

/** The schema at `path` (not unwrapped), or undefined when the path leaves the schema. */
function schemaAt(path: readonly PropertyKey[]): z.ZodType | undefined {
  let schema: z.ZodType | undefined = TargetSpecSchema;
  for (const part of path) {
    const inner = unwrapSchema(schema);
    if (!inner) return undefined;
    const def = defOf(inner);
    if (def.type === 'object') schema = def.shape?.[String(part)];
    else if (def.type === 'array') schema = def.element;
    else if (def.type === 'record') schema = def.valueType;
    else return undefined;
  }
  return schema;
}

/** The keys an object schema at `path` accepts, for "did you mean" on unknown keys. */
function knownKeysAt(path: readonly PropertyKey[], value: unknown): string[] {
  const schema = unwrapSchema(schemaAt(path));
  if (!schema) return [];
  const def = defOf(schema);
  if (def.type === 'object') return Object.keys(def.shape ?? {});
  const current = valueAt(value, path);
  if (def.type === 'union' && typeof current === 'object' && current !== null) {
    const discriminator = (current as Record<string, unknown>).type;
    for (const option of def.options ?? []) {
      const optionDef = defOf(option);
      const literal = optionDef.shape?.type;
      const values = literal ? (defOf(literal) as unknown as { values?: unknown[] }).values : undefined;
      if (values?.includes(discriminator)) return Object.keys(optionDef.shape ?? {});
    }
  }
  return [];
}

/**
 * A copy of the input with what zod rejected removed where that is safe: unknown keys, and invalid
 * values of fields that have a default (the default takes their place). The cross-field rules then
 * still see the rest of the target, so one typo does not hide every other problem.
 */
function repairForRules(
  input: unknown,
  issues: readonly z.core.$ZodIssue[],
): { value: unknown; repaired: string[] } {
  const value: unknown = structuredClone(input);
  const repaired: string[] = [];
  const removeAt = (path: readonly PropertyKey[]) => {
    const parent = valueAt(value, path.slice(0, -1));
    const key = path.at(-1);
    if (key !== undefined && typeof parent === 'object' && parent !== null && !Array.isArray(parent)) {
      delete (parent as Record<PropertyKey, unknown>)[key];
      repaired.push(formatPath(path));
    }
  };
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) removeAt([...issue.path, key]);
      continue;
    }
    for (let length = issue.path.length; length > 0; length--) {
      const path = issue.path.slice(0, length);
      const schema = schemaAt(path);
      if (schema && defOf(schema).type === 'default' && typeof path.at(-1) === 'string') {
        removeAt(path);
        break;
      }
    }
  }
  return { value, repaired };
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  return `${typeof value} ${JSON.stringify(value)}`;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current = input;
  for (const part of path) current = (current as Record<PropertyKey, unknown> | undefined)?.[part];
  return current;
}

const EXPECTED: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  record: 'an object',
};

function problemsFromIssue(issue: z.core.$ZodIssue, input: unknown): Problem[] {
  if (issue.code === 'unrecognized_keys') {
    const known = knownKeysAt(issue.path, input);
    return issue.keys.map((key) => ({
      path: formatPath([...issue.path, key]),
      message: `unknown key${didYouMean(key, known)}; ${known.length ? `allowed here: ${known.join(', ')}` : 'remove it'}`,
    }));
  }
  const path = formatPath(issue.path);
  if (issue.code === 'invalid_type') {
    const actual = valueAt(input, issue.path);
    const expected = EXPECTED[issue.expected] ?? issue.expected;
    const message =
      actual === undefined
        ? `required: give ${expected}`
        : `must be ${expected}, not ${describeType(actual)}`;
    return [{ path, message }];
  }
  if (issue.code === 'too_small' || issue.code === 'too_big') {
    return [
      { path, message: issue.message.replace(/^Too (small|big): expected \w+ to (have )?/, 'must be ') },
    ];
  }
  return [{ path, message: issue.message }];
}

function sortProblems(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const id = `${problem.path}\0${problem.message}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

export function validateTarget(input: unknown): ValidationResult {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return {
      ok: false,
      problems: [{ path: '', message: `a target is a JSON object, not ${describeType(input)}` }],
    };
  }
  const parsed = TargetSpecSchema.safeParse(input);
  const problems: Problem[] = parsed.success
    ? []
    : parsed.error.issues.flatMap((issue) => problemsFromIssue(issue, input));
  const { value, repaired } = parsed.success
    ? { value: input, repaired: [] }
    : repairForRules(input, parsed.error.issues);
  const underRepaired = (path: string) =>
    repaired.some((r) => path === r || path.startsWith(`${r}.`) || path.startsWith(`${r}[`));
  problems.push(...checkRules(sectionsOf(value)).filter((problem) => !underRepaired(problem.path)));
  const unique = sortProblems(problems);
  if (unique.length > 0 || !parsed.success) return { ok: false, problems: unique };
  return { ok: true, spec: parsed.data, problems: [] };
}

/** Validates and returns the target with defaults filled in; throws SpecError with every problem. */
export function parseTarget(input: unknown, file?: string): TargetSpec {
  const result = validateTarget(input);
  if (!result.ok) throw new SpecError('SPEC_INVALID', result.problems, file);
  return result.spec;
}
