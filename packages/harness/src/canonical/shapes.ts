/**
 * The shape of every CloudFormation property (from @aws-cdk/aws-service-spec, distilled at build
 * time into dist/cfn-shapes.json and loaded on first use): what reading any tool's properties in
 * CloudFormation's vocabulary needs — which names exist, which values are lists, numbers, booleans.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** `s` string, `n` number, `i` integer, `b` boolean, `j` JSON, `t` tag; a list, a map, a property type, a union. */
export type Shape =
  | 's'
  | 'n'
  | 'i'
  | 'b'
  | 'j'
  | 't'
  | readonly ['a', Shape]
  | readonly ['m', Shape]
  | readonly ['r', string]
  | readonly ['u', ...Shape[]];

export type ObjectShape = Readonly<Record<string, Shape>>;

interface ShapeFile {
  readonly source: string;
  readonly resources: Readonly<Record<string, ObjectShape>>;
  readonly types: Readonly<Record<string, ObjectShape>>;
}

const loaded = new Map<string, ShapeFile>();

/** cfn-shapes.json (the modelled types) or cfn-shapes-all.json (every type), read once each. */
function shapeFile(name: 'cfn-shapes.json' | 'cfn-shapes-all.json'): ShapeFile {
  let file = loaded.get(name);
  if (!file) {
    const here = dirname(fileURLToPath(import.meta.url));
    const candidates = [join(here, '..', name), join(here, '..', '..', 'dist', name)];
    const path = candidates.find((candidate) => existsSync(candidate));
    if (!path) throw new Error(`${candidates[0]} is missing; the harness build writes it`);
    file = JSON.parse(readFileSync(path, 'utf8')) as ShapeFile;
    loaded.set(name, file);
  }
  return file;
}

function shapes(): ShapeFile {
  return shapeFile('cfn-shapes.json');
}

/** The properties a resource type takes, or undefined for a type the specification lacks. */
export function resourceShape(type: string): ObjectShape | undefined {
  const core = shapes().resources[type];
  // Custom resources have no shape; anything else not modelled is looked up in the full file.
  if (core || type.startsWith('Custom::') || type.startsWith('AWS::CloudFormation::CustomResource'))
    return core;
  return shapeFile('cfn-shapes-all.json').resources[type];
}

/** The object shape a property type stands for (through lists and maps, it is their element's). */
export function objectShape(shape: Shape | undefined): ObjectShape | undefined {
  if (!shape || typeof shape === 'string') return undefined;
  if (shape[0] === 'r') return shapes().types[shape[1]] ?? shapeFile('cfn-shapes-all.json').types[shape[1]];
  if (shape[0] === 'a' || shape[0] === 'm') return objectShape(shape[1] as Shape);
  if (shape[0] === 'u') {
    for (const inner of shape.slice(1) as Shape[]) {
      const found = objectShape(inner);
      if (found) return found;
    }
  }
  return undefined;
}

/** The name in `shape` that `name` stands for: the same letters, case and underscores aside. */
export function matchName(shape: ObjectShape | undefined, name: string): string | undefined {
  if (!shape) return undefined;
  if (Object.hasOwn(shape, name)) return name;
  const wanted = name.replace(/_/g, '').toLowerCase();
  return Object.keys(shape).find((candidate) => candidate.toLowerCase() === wanted);
}

export function shapesSource(): string {
  return shapes().source;
}
