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
