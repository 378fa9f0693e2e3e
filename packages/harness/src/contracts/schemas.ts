/**
 * The machine contracts, as zod schemas: the compare report, the plan, and a baseline (its
 * manifest and inventory files). `docs/schemas/*.schema.json` are generated from these
 * (`npm run write-schemas -w @iac-compare/harness`), and tests validate real outputs against the
 * generated JSON Schemas with an independent validator. Objects are strict: a field the code adds
 * without the contract fails the tests, so the documentation cannot fall behind.
 */
import { EnvelopeSchema, TargetSpecSchema } from '@iac-compare/spec';
import { z } from 'zod';
import { INVENTORY_SCHEMA_VERSION } from '../model/inventory.js';
import { BASELINE_SCHEMA_VERSION } from '../plan/baseline.js';
import { PLAN_SCHEMA_VERSION } from '../plan/model.js';
import { GLANCE_TOPICS, REPORT_SCHEMA_VERSION } from '../report/model.js';

const IMPLEMENTATION_ID = z
  .string()
  .meta({ description: 'cdk-l2, cdk-l1, cloudformation, infra-terraform, cdktf or pulumi' });

/** A value only known after deploy: where it comes from, and why it is unknown. */
const UnknownValue = z
  .strictObject({
    $unknown: z.strictObject({
      reason: z.enum(['computed', 'missing-input', 'unsupported']),
      references: z.array(z.strictObject({ address: z.string(), attribute: z.string().optional() })),
      detail: z.string().optional(),
      /** The type it will have, where known (Terraform's unknowns are typed). */
      type: z.enum(['string', 'number', 'bool', 'list', 'map']).optional(),
    }),
  })
  .meta({ id: 'UnknownValue', description: 'A value known only after deploy.' });

/** JSON, where any value may be an Unknown. */
export const ValueSchema: z.ZodType = z
  .lazy(() =>
    z.union([
      z.null(),
      z.boolean(),
      z.number(),
      z.string(),
      UnknownValue,
      z.array(ValueSchema),
      z.record(z.string(), ValueSchema),
    ]),
  )
  .meta({ id: 'Value', description: 'JSON, any part of which may be an Unknown ({"$unknown": …}).' });

const Location = z
  .strictObject({
    file: z.string().meta({ description: 'Repository-relative when inside the repository.' }),
    line: z.number().int().min(1).optional(),
    column: z.number().int().min(1).optional(),
  })
  .meta({ id: 'SourceLocation' });

const EnvelopeViolation = z.strictObject({ dimension: z.string(), path: z.string(), message: z.string() });

const LedgerEntry = z
  .strictObject({
    address: z.string(),
    displayName: z.string(),
    nativeType: z.string(),
    kind: z.string().nullable(),
    status: z.enum(['claimed', 'tool-default', 'overhead', 'unaccounted']),
    identities: z.array(z.string()).optional(),
    reason: z.string().optional(),
    defaultId: z.string().optional(),
    source: z.string().optional(),
    location: Location.optional(),
  })
  .meta({ id: 'LedgerEntry' });

const Finding = z
  .strictObject({
    severity: z.enum(['error', 'warning']),
    source: z.enum([
      'cloudformation-validate',
      'derived',
      'provider-limit',
      'service-limit',
      'service-quirk',
      'evaluator',
    ]),
    rule: z.string(),
    message: z.string(),
    subject: z.string().optional(),
    property: z.string().optional(),
    location: Location.optional(),
    ruleSource: z.string().optional(),
    acknowledged: z.string().optional(),
  })
  .meta({ id: 'Finding', description: 'What AWS or a provider would reject, found offline.' });

const Difference = z.strictObject({
  fact: z.string(),
  status: z.enum(['differs', 'missing', 'unexpected']),
  expected: ValueSchema,
  actual: ValueSchema,
  found: z.string().optional(),
  location: z.string().optional(),
  locationScope: z.enum(['attribute', 'block', 'resource']).optional().meta({
    description: "location is the property's line, the block it belongs in, or the resource's declaration",
  }),
});

const ImplementationReport = z
  .strictObject({
    id: IMPLEMENTATION_ID,
    label: z.string(),
    tool: z.string(),
    status: z.enum(['compared', 'outside-envelope', 'failed']),
    conforms: z.boolean(),
    failure: z.string().nullable(),
    outsideEnvelope: z.array(EnvelopeViolation),
    outsideSections: z.array(
      z.strictObject({ section: z.enum(['network', 'cluster', 'nodeGroups', 'workloads']), why: z.string() }),
    ),
    differences: z.array(Difference),
    unknowns: z.array(z.strictObject({ fact: z.string(), why: z.string() })),
    resources: z.number().int().min(0),
    overhead: z.number().int().min(0),
    resourcesByKind: z.record(z.string(), z.number().int().min(0)),
    overheadResources: z.array(z.strictObject({ address: z.string(), type: z.string(), reason: z.string() })),
    linesOfCode: z.number().int().min(0),
    sourceFiles: z.number().int().min(0),
    synth: z.strictObject({ ms: z.number().min(0).nullable(), cached: z.boolean() }),
    envelope: EnvelopeSchema.nullable(),
    notes: z.array(z.string()),
    diagnostics: z.array(z.string()),
    ledger: z.strictObject({
      claimed: z.number().int().min(0),
      toolDefaults: z.array(LedgerEntry),
      unaccounted: z.array(LedgerEntry),
    }),
    findings: z.array(Finding),
  })
  .meta({ id: 'ImplementationReport' });

const Cell = z.discriminatedUnion('status', [
  z.strictObject({ status: z.literal('equal') }),
  z.strictObject({ status: z.literal('differs'), actual: ValueSchema }),
  z.strictObject({ status: z.literal('missing') }),
  z.strictObject({ status: z.literal('unexpected'), actual: ValueSchema }),
  z.strictObject({ status: z.literal('unknown'), why: z.string() }),
  z.strictObject({ status: z.literal('outside-envelope'), why: z.string() }),
  z.strictObject({ status: z.literal('failed'), why: z.string() }),
]);

const ResourceDiff = z.strictObject({
  implementations: z.array(IMPLEMENTATION_ID),
  items: z.array(
    z.strictObject({
      identity: z.string(),
      type: z.string(),
      in: z.record(
        z.string(),
        z.strictObject({
          addresses: z.array(z.string()),
          file: z.string().optional(),
          line: z.number().int().optional(),
        }),
      ),
    }),
  ),
  differences: z.array(
    z.strictObject({
      identity: z.string(),
      type: z.string(),
      path: z.string(),
      values: z.record(z.string(), ValueSchema),
      locations: z.record(z.string(), z.string()),
    }),
  ),
  pairs: z.record(
    z.string(),
    z.record(z.string(), z.strictObject({ differences: z.number().int(), onlyInOne: z.number().int() })),
  ),
  defaultsUsed: z.array(z.strictObject({ type: z.string(), path: z.string(), source: z.string() })),
  namingSetAside: z.array(z.strictObject({ type: z.string(), path: z.string(), reason: z.string() })),
  toolDefaultsSetAside: z.array(
    z.strictObject({ type: z.string(), path: z.string(), toolDefault: z.string() }),
  ),
  unmapped: z.array(z.strictObject({ implementation: z.string(), identity: z.string(), path: z.string() })),
});

export const CompareReportSchema = z
  .strictObject({
    schemaVersion: z.literal(REPORT_SCHEMA_VERSION),
    target: z.strictObject({
      name: z.string(),
      file: z.string(),
      region: z.string(),
      availabilityZones: z.array(z.string()),
      natGateways: z.string(),
      kubernetesVersion: z.string(),
      nodeGroups: z.number().int().min(1),
    }),
    summary: z.strictObject({
      implementations: z.number().int().min(0),
      conforming: z.number().int().min(0),
      facts: z.number().int().min(0),
    }),
    implementations: z.array(ImplementationReport),
    comparison: z.strictObject({
      implementations: z.array(IMPLEMENTATION_ID),
      rows: z.array(
        z.strictObject({
          key: z.string(),
          group: z.string(),
          inTarget: z.boolean(),
          expected: ValueSchema,
          cells: z.record(z.string(), Cell),
        }),
      ),
      pairwise: z.record(
        z.string(),
        z.record(
          z.string(),
          z.strictObject({
            agree: z.number().int(),
            differ: z.number().int(),
            differences: z.array(z.string()),
          }),
        ),
      ),
      notes: z.record(z.string(), z.array(z.string())),
    }),
    resourceDiff: ResourceDiff,
    glance: z
      .array(
        z.strictObject({
          topic: z.enum(GLANCE_TOPICS),
          title: z.string(),
          text: z.string().meta({ description: 'One sentence, built from the fields above' }),
          implementations: z.array(IMPLEMENTATION_ID),
        }),
      )
      .meta({ description: 'Differences at a glance: how the tools differ, a sentence per topic' }),
  })
  .meta({
    title: 'iac-compare compare report',
    description: 'iac-compare compare --format json (docs/report-schema.md explains each field).',
  });

const PropertyChange = z.strictObject({
  path: z.string(),
  before: ValueSchema,
  after: ValueSchema,
  added: z
    .array(ValueSchema)
    .optional()
    .meta({ description: 'For a list on either side: the elements the new list adds' }),
  removed: z
    .array(ValueSchema)
    .optional()
    .meta({ description: 'For a list on either side: the elements the new list drops' }),
  replaces: z.boolean(),
  source: z.enum(['cloudformation-spec', 'derived', 'provider', 'cascade', 'placement', 'unmapped']),
  why: z.string(),
});

const ACTION = z.enum(['create', 'update', 'replace', 'delete']);

const Counts = z.strictObject({
  create: z.number().int().min(0),
  update: z.number().int().min(0),
  replace: z.number().int().min(0),
  delete: z.number().int().min(0),
});

export const PlanReportSchema = z
  .strictObject({
    schemaVersion: z.literal(PLAN_SCHEMA_VERSION),
    baseline: z.strictObject({
      source: z.string().meta({ description: 'A baseline folder, or git:<ref>' }),
      target: z.string(),
    }),
    target: z.strictObject({ file: z.string(), name: z.string() }),
    implementations: z.array(
      z.strictObject({
        id: IMPLEMENTATION_ID,
        label: z.string(),
        status: z.enum(['planned', 'outside-envelope', 'failed', 'no-baseline', 'refused']),
        detail: z.string().nullable(),
        counts: Counts.meta({ description: 'Core resources only' }),
        machineryCounts: Counts.meta({ description: 'Tool machinery, counted apart from counts' }),
        fails: z.literal(true).optional().meta({ description: 'Some change fails as the tool would run it' }),
        notes: z
          .array(z.string())
          .optional()
          .meta({ description: 'What the plan as a whole means: a new deployment, stacks left behind' }),
        changes: z.array(
          z.strictObject({
            address: z.string().meta({ description: 'Logical ID, Terraform address or Pulumi URN' }),
            displayName: z.string(),
            nativeType: z.string(),
            kind: z.string().nullable(),
            role: z.enum(['core', 'overhead']),
            action: ACTION,
            changes: z.array(PropertyChange),
            attributes: z.record(z.string(), ValueSchema).optional(),
            replacementOrder: z
              .enum(['create-first', 'delete-first'])
              .optional()
              .meta({ description: 'On a replace: which the tool does first' }),
            replacementOrderWhy: z.string().optional(),
            note: z.string().optional().meta({ description: 'Informational' }),
            fails: z.literal(true).optional(),
            failure: z.string().optional().meta({ description: 'Why the change fails, with fails' }),
            item: z.string().optional().meta({
              description:
                'The model item the resource is read as (subnet[private/eu-west-1a]), for diagrams',
            }),
          }),
        ),
        items: z
          .record(z.string(), z.array(z.string()))
          .optional()
          .meta({ description: 'The model items on either side: identity → the addresses that make it' }),
        routes: z
          .record(z.string(), z.string())
          .optional()
          .meta({ description: "Each subnet's default route (internet-gateway, nat-gateway/<az>, none …)" }),
      }),
    ),
  })
  .meta({ title: 'iac-compare plan', description: 'iac-compare plan --format json' });

const Lifecycle = z.strictObject({
  onDelete: z.enum(['delete', 'retain', 'snapshot', 'refuse']),
  onReplace: z.enum(['delete', 'retain', 'snapshot']),
  replacementOrder: z.enum(['create-before-destroy', 'destroy-before-create']),
  ignoreChanges: z.union([z.array(z.string()), z.literal('all')]),
  setBy: z.array(z.string()),
});

export const InventorySchema = z
  .strictObject({
    schemaVersion: z.literal(INVENTORY_SCHEMA_VERSION),
    implementation: IMPLEMENTATION_ID,
    source: z.enum(['cloudformation', 'cdk-assembly', 'terraform', 'pulumi']),
    resources: z.array(
      z.strictObject({
        address: z.string(),
        displayName: z.string(),
        nativeType: z.string(),
        kind: z.string().nullable(),
        dialect: z.enum(['cloudformation', 'terraform']),
        role: z.enum(['core', 'overhead']),
        overheadReason: z.string().optional(),
        properties: z.record(z.string(), ValueSchema),
        defaultTags: z.record(z.string(), ValueSchema).optional(),
        references: z.array(
          z.strictObject({ path: z.string(), target: z.string(), attribute: z.string().optional() }),
        ),
        dependsOn: z.array(z.string()),
        lifecycle: Lifecycle,
        location: Location.optional(),
      }),
    ),
    diagnostics: z.array(
      z.strictObject({
        severity: z.enum(['warning', 'info']),
        message: z.string(),
        subject: z.string().optional(),
      }),
    ),
    stackOrder: z.record(z.string(), z.array(z.string())).optional(),
  })
  .meta({ title: 'iac-compare inventory', description: 'One inventory-<id>.json of a baseline folder.' });

export const BaselineManifestSchema = z
  .strictObject({
    schemaVersion: z.literal(BASELINE_SCHEMA_VERSION),
    kind: z.literal('iac-compare-baseline'),
    createdAt: z.iso.datetime(),
    target: z.strictObject({ file: z.string(), name: z.string(), spec: TargetSpecSchema }),
    implementations: z.record(
      z.string(),
      z.union([
        z.strictObject({ status: z.literal('saved'), file: z.string() }),
        z.strictObject({ status: z.enum(['outside-envelope', 'failed']), detail: z.string() }),
      ]),
    ),
  })
  .meta({
    title: 'iac-compare baseline',
    description: 'baseline.json of a folder written by iac-compare plan --save-baseline DIR.',
  });

/** Each contract and the file its JSON Schema is written to, under docs/schemas/. */
export const CONTRACTS = {
  'compare-report.schema.json': CompareReportSchema,
  'plan.schema.json': PlanReportSchema,
  'baseline.schema.json': BaselineManifestSchema,
  'inventory.schema.json': InventorySchema,
} as const;

/** A contract as a JSON Schema (draft 2020-12), with its $id. */
export function jsonSchemaOf(file: keyof typeof CONTRACTS): Record<string, unknown> {
  const schema = z.toJSONSchema(CONTRACTS[file], {
    target: 'draft-2020-12',
    io: 'output',
    unrepresentable: 'any',
  });
  return { $id: `https://iac-compare.dev/schemas/${file}`, ...schema };
}
