/**
 * AWS::LanguageExtensions, the part that rewrites the template: Fn::ForEach loops are expanded
 * before evaluation, in Resources, Outputs, Conditions and inside any property. `${Id}` and `&{Id}`
 * (non-alphanumerics removed) in keys and strings, and `{Ref: Id}`, become each collection item.
 * Fn::Length, Fn::ToJsonString and the extended Fn::FindInMap are evaluated as intrinsics.
 */
import { HarnessError, type SourceLocation } from '../errors.js';

const FOR_EACH = 'Fn::ForEach::';
const MAX_DEPTH = 32;

export type ResolveCollection = (collection: unknown, loop: string) => string[];

/** Told of every key a loop generates, and how deep (0: a section's own key, a logical ID). */
export type OnGeneratedKey = (key: string, loop: string, depth: number) => void;

function substitute(node: unknown, identifier: string, item: string): unknown {
  const plain = item.replace(/[^A-Za-z0-9]/g, '');
  const replaceText = (text: string) =>
    text.split(`\${${identifier}}`).join(item).split(`&{${identifier}}`).join(plain);
  if (typeof node === 'string') return replaceText(node);
  if (Array.isArray(node)) return node.map((child) => substitute(child, identifier, item));
  if (typeof node === 'object' && node !== null) {
    const object = node as Record<string, unknown>;
    const keys = Object.keys(object);
    if (keys.length === 1 && keys[0] === 'Ref' && object.Ref === identifier) return item;
    return Object.fromEntries(
      keys.map((key) => [replaceText(key), substitute(object[key], identifier, item)]),
    );
  }
  return node;
}

export function expandForEach(
  node: unknown,
  resolve: ResolveCollection,
  where: SourceLocation,
  depth = 0,
  onKey?: OnGeneratedKey,
): unknown {
  if (depth > MAX_DEPTH)
    throw new HarnessError('INTERNAL_LIMIT', `Fn::ForEach nested deeper than ${MAX_DEPTH}`, {
      location: where,
    });
  if (Array.isArray(node)) return node.map((child) => expandForEach(child, resolve, where, depth + 1, onKey));
  if (typeof node !== 'object' || node === null) return node;
  const result: Record<string, unknown> = {};
  const put = (key: string, value: unknown, loop?: string) => {
    if (Object.hasOwn(result, key)) {
      throw new HarnessError(
        'BAD_INTRINSIC_ARGUMENTS',
        `${loop ? `Fn::ForEach::${loop} generates` : 'duplicate'} key "${key}" twice`,
        {
          location: where,
        },
      );
    }
    result[key] = value;
  };
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    if (!key.startsWith(FOR_EACH)) {
      put(key, expandForEach(value, resolve, where, depth + 1, onKey));
      continue;
    }
    const loop = key.slice(FOR_EACH.length);
    if (
      !Array.isArray(value) ||
      value.length !== 3 ||
      typeof value[0] !== 'string' ||
      typeof value[2] !== 'object' ||
      value[2] === null
    ) {
      throw new HarnessError(
        'BAD_INTRINSIC_ARGUMENTS',
        `Fn::ForEach::${loop} takes [Identifier, Collection, {OutputKey: OutputValue}]`,
        { location: where },
      );
    }
    const [identifier, collection, fragment] = value as [string, unknown, Record<string, unknown>];
    for (const item of resolve(collection, loop)) {
      const expanded = expandForEach(
        substitute(fragment, identifier, item),
        resolve,
        where,
        depth + 1,
        onKey,
      ) as Record<string, unknown>;
      for (const [outputKey, outputValue] of Object.entries(expanded)) {
        onKey?.(outputKey, loop, depth);
        put(outputKey, outputValue, loop);
      }
    }
  }
  return result;
}
