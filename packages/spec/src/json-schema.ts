/** The JSON Schema of a target file, generated from the zod schema so editors complete and check it. */
import * as z from 'zod';
import { TargetSpecSchema } from './schema.js';

export function targetJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(TargetSpecSchema, { io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return {
    ...schema,
    $id: 'https://iac-compare.dev/schemas/target.schema.json',
    title: 'iac-compare target',
    description:
      'One AWS VPC + EKS target. Generated from packages/spec/src/schema.ts by `npm run schema -w @iac-compare/spec`; do not edit by hand.',
  };
}
