/**
 * Build step: distils the CloudFormation resource specification in @aws-cdk/aws-service-spec (a
 * 2.6 MB gzipped database that takes ~1 s to load) into the small index the harness needs at run
 * time (attribute names for GetAtt, tag properties, and which property paths force replacement,
 * nested property types included), written next to the compiled code.
 */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadAwsServiceSpecSync } from '@aws-cdk/aws-service-spec';
import { allKinds } from '../canonical/kinds.js';
import { TERRAFORM_TO_CLOUDFORMATION } from '../canonical/terraform-mapping.js';
import type { CfnSpecIndex, CfnTypeInfo } from '../cloudformation/spec-index.js';

type Db = ReturnType<typeof loadAwsServiceSpecSync>;
type PropertyType = {
  type: string;
  element?: PropertyType;
  reference?: { $ref: string };
  inner?: PropertyType[];
};
type Property = {
  type: PropertyType;
  causesReplacement?: 'yes' | 'maybe' | 'no';
  previousTypes?: PropertyType[];
};

const MAX_DEPTH = 8;

function replacementPaths(
  db: Db,
  properties: Record<string, Property>,
): { always: string[][]; conditional: string[][] } {
  const always: string[][] = [];
  const conditional: string[][] = [];
  const walk = (props: Record<string, Property>, prefix: string[], seen: Set<string>, depth: number) => {
    for (const [name, property] of Object.entries(props)) {
      const path = [...prefix, name];
      if (property.causesReplacement === 'yes') always.push(path);
      else if (property.causesReplacement === 'maybe') conditional.push(path);
      if (depth >= MAX_DEPTH) continue;
      const nested = nestedType(property.type, path);
      if (nested && !seen.has(nested.id)) {
        const typeDef = db.get('typeDefinition', nested.id) as { properties: Record<string, Property> };
        walk(typeDef.properties, nested.path, new Set([...seen, nested.id]), depth + 1);
      }
    }
  };
  walk(properties, [], new Set(), 0);
  return { always, conditional };
}

/** The referenced type definition of a property (through arrays and maps), with the path into it. */
function nestedType(type: PropertyType, path: string[]): { id: string; path: string[] } | undefined {
  if (type.type === 'ref' && type.reference) return { id: type.reference.$ref, path };
  if ((type.type === 'array' || type.type === 'map') && type.element)
    return nestedType(type.element, [...path, '*']);
  return undefined;
}

/**
 * Property shapes, for reading any tool's properties in CloudFormation's vocabulary: primitives as
 * one letter (s string, n number, i integer, b boolean, j JSON, t tag), `['a', shape]` a list,
 * `['m', shape]` a map, `['r', id]` a property type (in `types`), `['u', …]` a union.
 */
type Shape = string | [string, ...unknown[]];
function shapeOf(type: PropertyType & { types?: PropertyType[] }, types: Record<string, unknown>): Shape {
  switch (type.type) {
    case 'string':
    case 'date-time':
      return 's';
    case 'number':
      return 'n';
    case 'integer':
      return 'i';
    case 'boolean':
      return 'b';
    case 'json':
      return 'j';
    case 'tag':
      return 't';
    case 'array':
      return ['a', type.element ? shapeOf(type.element, types) : 'j'];
    case 'map':
      return ['m', type.element ? shapeOf(type.element, types) : 'j'];
    case 'ref': {
      const id = type.reference!.$ref;
      if (!(id in types)) {
        types[id] = null;
        const definition = db.get('typeDefinition', id) as { properties: Record<string, Property> };
        types[id] = Object.fromEntries(
          Object.entries(definition.properties).map(([name, property]) => [
            name,
            shapeOf(property.type, types),
          ]),
        );
      }
      return ['r', id];
    }
    case 'union':
      return ['u', ...(type.types ?? []).map((inner) => shapeOf(inner, types))];
    default:
      return 'j';
  }
}

const db = loadAwsServiceSpecSync();
const resources: Record<string, CfnTypeInfo> = {};
for (const resource of db.all('resource')) {
  const replacement = replacementPaths(db, resource.properties as Record<string, Property>);
  const extra = (
    (resource as { additionalReplacementProperties?: string[][] }).additionalReplacementProperties ?? []
  ).map((path) => path.map((part) => (part === '*' ? '*' : part)));
  const dedupe = (paths: string[][]) => [...new Map(paths.map((path) => [path.join('.'), path])).values()];
  const tag = resource.tagInformation;
  resources[resource.cloudFormationType] = {
    attributes: Object.keys(resource.attributes ?? {}),
    ...(tag ? { tags: { property: tag.tagPropertyName, variant: tag.variant } } : {}),
    replaces: dedupe([...replacement.always, ...extra]),
    mayReplace: dedupe(replacement.conditional),
  };
}
const require = createRequire(import.meta.url);
const version = (require('@aws-cdk/aws-service-spec/package.json') as { version: string }).version;
const index: CfnSpecIndex = { source: `@aws-cdk/aws-service-spec@${version}`, resources };
const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'cfn-spec-index.json');
writeFileSync(out, JSON.stringify(index));
console.log(`wrote ${out}: ${Object.keys(resources).length} resource types`);

/**
 * Two shape files: the types iac-compare models (every kind's CloudFormation types and the
 * Terraform mapping's targets), read on every compare, and all the rest (1 MB), read only when a
 * resource of another type needs its shape.
 */
const CORE = new Set([
  ...allKinds().flatMap((kind) => kind.cloudformation),
  ...Object.values(TERRAFORM_TO_CLOUDFORMATION).map((mapping) => mapping.cloudformationType),
]);
function writeShapes(file: string, include: (type: string) => boolean): number {
  const types: Record<string, unknown> = {};
  const shapes: Record<string, unknown> = {};
  for (const resource of db.all('resource')) {
    if (!include(resource.cloudFormationType)) continue;
    shapes[resource.cloudFormationType] = Object.fromEntries(
      Object.entries(resource.properties as Record<string, Property>).map(([name, property]) => [
        name,
        shapeOf(property.type, types),
      ]),
    );
  }
  writeFileSync(file, JSON.stringify({ source: index.source, resources: shapes, types }));
  return Object.keys(shapes).length;
}
const coreOut = join(dirname(out), 'cfn-shapes.json');
const allOut = join(dirname(out), 'cfn-shapes-all.json');
console.log(
  `wrote ${coreOut}: property shapes of ${writeShapes(coreOut, (type) => CORE.has(type))} resource types`,
);
console.log(`wrote ${allOut}: property shapes of ${writeShapes(allOut, () => true)} resource types`);
