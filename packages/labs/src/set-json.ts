/**
 * `iac-labs set FILE PATH=VALUE…`: the labs change the target with a command a learner can read
 * (and the runner can run), rather than "open the file and edit line 14". The file keeps its
 * two-space indentation and key order; a path that does not exist is an error, not a new key, so a
 * typo never passes silently.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { LabError } from './errors.js';

function parseValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Sets `path` (dotted; numbers index arrays) in `document`; the key must exist already. */
export function setPath(document: unknown, path: string, value: unknown): void {
  const keys = path.split('.');
  let node: unknown = document;
  for (const [index, key] of keys.entries()) {
    const last = index === keys.length - 1;
    const where = keys.slice(0, index + 1).join('.');
    if (Array.isArray(node)) {
      const position = Number(key);
      if (
        !Number.isInteger(position) ||
        position < 0 ||
        position > node.length ||
        (!last && position === node.length)
      ) {
        throw new LabError('LAB_USAGE', `${where}: no element ${key} (the list has ${node.length})`);
      }
      if (last) node[position] = value;
      else node = node[position];
      continue;
    }
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) {
      throw new LabError('LAB_USAGE', `${where}: no such key in the file (set only changes keys that exist)`);
    }
    const record = node as Record<string, unknown>;
    if (last) record[key] = value;
    else node = record[key];
  }
}

export function setJsonValues(args: readonly string[], say: (line: string) => void): void {
  const [file, ...assignments] = args;
  if (!file || assignments.length === 0) {
    throw new LabError('LAB_USAGE', 'set takes a JSON file and at least one PATH=VALUE');
  }
  let document: unknown;
  try {
    document = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new LabError('LAB_USAGE', `${file}: ${(error as Error).message}`);
  }
  // Every assignment is applied before anything is said or written: one bad path changes nothing.
  const done: string[] = [];
  for (const assignment of assignments) {
    const equals = assignment.indexOf('=');
    if (equals <= 0) throw new LabError('LAB_USAGE', `"${assignment}" is not PATH=VALUE`);
    const value = parseValue(assignment.slice(equals + 1));
    setPath(document, assignment.slice(0, equals), value);
    done.push(`${file}: ${assignment.slice(0, equals)} = ${JSON.stringify(value)}`);
  }
  const temporary = `${file}.iac-labs-tmp`;
  writeFileSync(temporary, `${JSON.stringify(document, null, 2)}\n`);
  renameSync(temporary, file);
  for (const line of done) say(line);
}
