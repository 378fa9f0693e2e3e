/**
 * Offline "synth" for Pulumi: run the program in process against a mock engine in **preview** mode
 * (values known only after deploy stay unknown instead of becoming "undefined"), record every
 * resource registration — type token, name, URN, parent, provider, inputs and the property
 * dependencies of each input — and write them as resources.json (schema below, version 2).
 */

import { sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isRedacted, lookupRegion, redactSecretValue, type TargetSpec, urlSuffix } from '@iac-compare/spec';
import * as pulumi from '@pulumi/pulumi';
import * as rpc from '@pulumi/pulumi/runtime/rpc.js';
import * as settings from '@pulumi/pulumi/runtime/settings.js';
import { defineTarget } from './program.js';
import { installProvenance } from './provenance.js';

export const RESOURCES_SCHEMA_VERSION = 2;

/** A value in recorded inputs: JSON, or one of these markers for what JSON cannot say. */
export type RecordedValue =
  | null
  | boolean
  | number
  | string
  | RecordedValue[]
  | { [key: string]: RecordedValue }
  | { $unknown: true }
  | { $secret: RecordedValue }
  | { $resource: string };

/** Resource options that decide what a deploy does to the resource beyond its inputs. */
export interface RecordedOptions {
  readonly protect: boolean;
  readonly retainOnDelete: boolean;
  readonly deleteBeforeReplace: boolean;
  readonly ignoreChanges: string[];
  readonly replaceOnChanges: string[];
}

/** Where the program registered the resource: a TypeScript file (through source maps), 1-based, absolute. */
export interface RecordedSource {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

export interface RecordedResource {
  readonly urn: string;
  /** Pulumi type token, e.g. aws:ec2/vpc:Vpc, or pulumi:providers:aws for a provider. */
  readonly type: string;
  readonly name: string;
  /** false for component resources (no cloud resource behind them). */
  readonly custom: boolean;
  readonly parent: string | null;
  /** URN of the provider resource that manages it, when one was given. */
  readonly provider: string | null;
  readonly inputs: Record<string, RecordedValue>;
  /** Input property → URNs of the resources its value came from. */
  readonly propertyDependencies: Record<string, string[]>;
  /** Every resource it depends on (property dependencies and explicit dependsOn). */
  readonly dependencies: string[];
  readonly options: RecordedOptions;
  readonly source: RecordedSource | null;
  /**
   * Input path (`launchTemplate.version`) → the resource attributes its unknown value stands for,
   * where the program passed an output on (provenance.ts); other unknowns have only
   * propertyDependencies.
   */
  readonly inputAttributes?: Record<string, { urn: string; attribute: string }[]>;
}

/** A data source the program invoked, with the offline answer it got. */
export interface RecordedInvoke {
  readonly token: string;
  readonly result: Record<string, RecordedValue>;
}

export interface ResourcesFile {
  readonly schemaVersion: typeof RESOURCES_SCHEMA_VERSION;
  readonly project: string;
  readonly stack: string;
  readonly preview: true;
  readonly resources: RecordedResource[];
  readonly invokes: RecordedInvoke[];
}

/**
 * The @pulumi/pulumi a program runs against: ours for the reference program, the program's own
 * for a user's (mocks must be set on the very module instance the program imports).
 */
export interface PulumiRuntime {
  readonly pulumi: { runtime: { setMocks: typeof pulumi.runtime.setMocks } };
  readonly rpc: Pick<
    typeof rpc,
    'unknownValue' | 'specialSigKey' | 'specialSecretSig' | 'specialResourceSig'
  >;
  readonly settings: unknown;
  /** The @pulumi/pulumi package folder, so provenance.ts can follow outputs in it (optional). */
  readonly pulumiRoot?: string;
}

const OURS: PulumiRuntime = { pulumi, rpc, settings };

function recordValue(value: unknown, runtime: PulumiRuntime): RecordedValue {
  const { rpc: marks } = runtime;
  if (value === marks.unknownValue) return { $unknown: true };
  if (Array.isArray(value)) return value.map((item) => recordValue(item, runtime));
  if (value !== null && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    const signature = object[marks.specialSigKey];
    if (signature === marks.specialSecretSig) return { $secret: recordValue(object.value, runtime) };
    if (signature === marks.specialResourceSig) return { $resource: String(object.urn) };
    return Object.fromEntries(Object.entries(object).map(([key, item]) => [key, recordValue(item, runtime)]));
  }
  return value as RecordedValue;
}

/**
 * Secrets never reach the recording in clear: Pulumi keeps them encrypted in its state, so the
 * recorder keeps their hash (spec's redactSecretValue), as the harness does for every other tool.
 * A Kubernetes Secret's data and stringData are secret whether or not the program marked them;
 * data is base64, hashed as its plain text so every form of the same value hashes alike.
 */
function redactRecorded(value: RecordedValue, inSecret: boolean, base64 = false): RecordedValue {
  if (typeof value === 'string' && inSecret) {
    return isRedacted(value)
      ? value
      : redactSecretValue(base64 ? Buffer.from(value, 'base64').toString('utf8') : value);
  }
  if (Array.isArray(value)) return value.map((item) => redactRecorded(item, inSecret, base64));
  if (value !== null && typeof value === 'object') {
    const object = value as Record<string, RecordedValue>;
    if ('$secret' in object)
      return { $secret: redactRecorded(object.$secret as RecordedValue, true, base64) };
    return Object.fromEntries(
      Object.entries(object).map(([key, item]) => [key, redactRecorded(item, inSecret, base64)]),
    );
  }
  return value;
}

function redactInputs(type: string, inputs: Record<string, RecordedValue>): Record<string, RecordedValue> {
  const out: Record<string, RecordedValue> = {};
  const secretObject = type === 'kubernetes:core/v1:Secret';
  for (const [key, value] of Object.entries(inputs)) {
    const whole = secretObject && (key === 'data' || key === 'stringData');
    out[key] = redactRecorded(value, whole, secretObject && key === 'data');
  }
  return out;
}

/** Adds each registration's input attributes, naming the resources by URN (type and name must be unique). */
function withInputAttributes(
  resources: RecordedResource[],
  registrations: ReadonlyMap<string, Record<string, { type: string; name: string; attribute: string }[]>>,
): void {
  const urnOf = new Map<string, string | null>();
  for (const resource of resources) {
    const key = `${resource.type}\u0000${resource.name}`;
    urnOf.set(key, urnOf.has(key) ? null : resource.urn);
  }
  for (const [index, resource] of resources.entries()) {
    const found = registrations.get(`${resource.type}\u0000${resource.name}`);
    if (!found) continue;
    const attributes: Record<string, { urn: string; attribute: string }[]> = {};
    for (const [path, tags] of Object.entries(found)) {
      const named = tags
        .map((tag) => ({ urn: urnOf.get(`${tag.type}\u0000${tag.name}`), attribute: tag.attribute }))
        .filter((tag): tag is { urn: string; attribute: string } => typeof tag.urn === 'string');
      if (named.length === tags.length && named.length > 0) attributes[path] = named;
    }
    if (Object.keys(attributes).length > 0) resources[index] = { ...resource, inputAttributes: attributes };
  }
}

/** "urn:…::id" → "urn:…" (the provider reference Pulumi sends is the provider's URN and ID). */
function providerUrn(reference: string): string | null {
  if (!reference) return null;
  const marker = reference.lastIndexOf('::');
  return marker > 0 ? reference.slice(0, marker) : reference;
}

interface RegisterRequest {
  getType(): string;
  getSourceposition(): SourcePositionLike | undefined;
  getStacktrace(): { getFramesList(): { getPc(): SourcePositionLike | undefined }[] } | undefined;
  getProtect(): boolean | undefined;
  getRetainondelete(): boolean | undefined;
  getDeletebeforereplace(): boolean;
  getIgnorechangesList(): string[];
  getReplaceonchangesList(): string[];

  getName(): string;
  getParent(): string;
  getCustom(): boolean;
  getProvider(): string;
  getObject(): { toJavaScript(): Record<string, unknown> } | undefined;
  getDependenciesList(): string[];
  getPropertydependenciesMap(): {
    forEach(fn: (value: { getUrnsList(): string[] }, key: string) => void): void;
  };
}

interface MockMonitorLike {
  registerResource(req: RegisterRequest, callback: (...args: unknown[]) => void): Promise<void>;
  newUrn(parent: string, type: string, name: string): string;
}

const MAX_SETTLE_ROUNDS = 100;

interface SourcePositionLike {
  getUri(): string;
  getLine(): number;
  getColumn(): number;
}

/**
 * Where the program registered a resource, from what Pulumi records: its source position, else
 * (for a resource created in an arrow function, whose frame Pulumi's parser skips) the nearest
 * frame of the stack trace it sends along. With source maps on (bin/synth.ts) these are
 * TypeScript lines. Pulumi turns an ESM frame's file URL into a URL once more
 * (`file:///cwd/file:/path`): the last `file:` is the real one.
 */
function sourceOf(
  position: SourcePositionLike | undefined,
  stack: { getFramesList(): { getPc(): SourcePositionLike | undefined }[] } | undefined,
): RecordedSource | null {
  const frame = position?.getUri()
    ? position
    : stack
        ?.getFramesList()
        .map((item) => item.getPc())
        .find((pc) => pc?.getUri() && !pc.getUri().includes('/node_modules/'));
  if (!frame) return null;
  const uri = frame.getUri();
  const inner = uri.lastIndexOf('file:');
  const path = fileURLToPath(`file://${uri.slice(inner + 'file:'.length).replace(/^\/\//, '')}`);
  if (path.includes(`${sep}node_modules${sep}`)) return null;
  return { file: path, line: frame.getLine(), column: frame.getColumn() };
}

/**
 * Offline answers for the data sources the program invokes, from the spec (as the Terraform
 * evaluator answers aws_partition and aws_region): anything else is refused with why.
 */
export function answerInvoke(spec: TargetSpec, token: string): Record<string, string> {
  const partition = lookupRegion(spec.region)?.partition ?? 'aws';
  switch (token) {
    case 'aws:index/getPartition:getPartition':
      return { id: partition, partition, dnsSuffix: urlSuffix(partition), reverseDnsPrefix: 'com.amazonaws' };
    case 'aws:index/getRegion:getRegion':
      return { id: spec.region, name: spec.region, region: spec.region };
    case 'aws:index/getCallerIdentity:getCallerIdentity':
      return { id: spec.account, accountId: spec.account };
    default:
      throw new Error(
        `the program called ${token}, which the offline synth does not model; compute it from the spec instead`,
      );
  }
}

/** `waitForRPCs` drains the runtime's RPC queue; @pulumi/pulumi exports it but marks it internal. */
type RuntimeSettings = { waitForRPCs(): Promise<void>; getMonitor(): unknown };

export interface RunOptions {
  readonly project?: string;
  readonly stack?: string;
  /** The program to run (default: the reference program for the spec). */
  readonly program?: () => unknown;
  /** Its @pulumi/pulumi (default: ours). */
  readonly runtime?: PulumiRuntime;
}

/**
 * Runs the program under mocks and returns the registrations once they stop. Resources created
 * inside `.apply()` register late, so this waits for the RPC queue to drain until a round brings
 * no new registration (at most MAX_SETTLE_ROUNDS rounds).
 */
export async function recordRegistrations(
  spec: TargetSpec,
  options: RunOptions = {},
): Promise<ResourcesFile> {
  const project = options.project ?? 'iac-compare';
  const stack = options.stack ?? spec.name;
  const runtime = options.runtime ?? OURS;
  const runtimeSettings = runtime.settings as RuntimeSettings;
  const resources: RecordedResource[] = [];
  const invokes: RecordedInvoke[] = [];
  await runtime.pulumi.runtime.setMocks(
    {
      newResource: (args) => ({ id: undefined, state: { ...args.inputs } }),
      call: (args) => {
        const result = answerInvoke(spec, args.token);
        invokes.push({ token: args.token, result });
        return result;
      },
    },
    project,
    stack,
    true,
  );
  const provenance = options.runtime
    ? runtime.pulumiRoot
      ? installProvenance(runtime.pulumiRoot)
      : undefined
    : installProvenance();
  if (provenance) {
    provenance.registrations.clear();
    provenance.recording = true;
  }
  const monitor = runtimeSettings.getMonitor() as MockMonitorLike;
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req, callback) => {
    const propertyDependencies: Record<string, string[]> = {};
    req.getPropertydependenciesMap().forEach((value, key) => {
      propertyDependencies[key] = [...value.getUrnsList()];
    });
    resources.push({
      urn: monitor.newUrn(req.getParent(), req.getType(), req.getName()),
      type: req.getType(),
      name: req.getName(),
      custom: req.getCustom(),
      parent: req.getParent() || null,
      provider: providerUrn(req.getProvider()),
      inputs: redactInputs(
        req.getType(),
        recordValue(req.getObject()?.toJavaScript() ?? {}, runtime) as Record<string, RecordedValue>,
      ),
      propertyDependencies,
      dependencies: [...req.getDependenciesList()],
      options: {
        protect: req.getProtect() ?? false,
        retainOnDelete: req.getRetainondelete() ?? false,
        deleteBeforeReplace: req.getDeletebeforereplace(),
        ignoreChanges: [...req.getIgnorechangesList()],
        replaceOnChanges: [...req.getReplaceonchangesList()],
      },
      source: sourceOf(req.getSourceposition(), req.getStacktrace()),
    });
    return register(req, callback);
  };

  try {
    await (options.program ?? (() => defineTarget(spec)))();
    let seen = -1;
    for (let round = 0; round < MAX_SETTLE_ROUNDS && seen !== resources.length; round++) {
      seen = resources.length;
      await runtimeSettings.waitForRPCs();
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (seen !== resources.length) {
      throw new Error(`registrations did not settle after ${MAX_SETTLE_ROUNDS} rounds`);
    }
  } finally {
    if (provenance) provenance.recording = false;
  }
  if (provenance) withInputAttributes(resources, provenance.registrations);
  resources.sort((a, b) => a.urn.localeCompare(b.urn));
  invokes.sort((a, b) => a.token.localeCompare(b.token));
  const unique = invokes.filter((invoke, index) => index === 0 || invokes[index - 1]!.token !== invoke.token);
  return {
    schemaVersion: RESOURCES_SCHEMA_VERSION,
    project,
    stack,
    preview: true,
    resources,
    invokes: unique,
  };
}
