/**
 * Offline "synth" for Pulumi: run the program in process against a mock engine in **preview** mode
 * (values known only after deploy stay unknown instead of becoming "undefined"), record every
 * resource registration — type token, name, URN, parent, provider, inputs and the property
 * dependencies of each input — and write them as resources.json (schema below, version 1).
 */

import type { TargetSpec } from '@iac-compare/spec';
import * as pulumi from '@pulumi/pulumi';
import * as rpc from '@pulumi/pulumi/runtime/rpc.js';
import * as settings from '@pulumi/pulumi/runtime/settings.js';
import { defineTarget } from './program.js';

export const RESOURCES_SCHEMA_VERSION = 1;

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
}

export interface ResourcesFile {
  readonly schemaVersion: typeof RESOURCES_SCHEMA_VERSION;
  readonly project: string;
  readonly stack: string;
  readonly preview: true;
  readonly resources: RecordedResource[];
}

function recordValue(value: unknown): RecordedValue {
  if (value === rpc.unknownValue) return { $unknown: true };
  if (Array.isArray(value)) return value.map(recordValue);
  if (value !== null && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    const signature = object[rpc.specialSigKey];
    if (signature === rpc.specialSecretSig) return { $secret: recordValue(object.value) };
    if (signature === rpc.specialResourceSig) return { $resource: String(object.urn) };
    return Object.fromEntries(Object.entries(object).map(([key, item]) => [key, recordValue(item)]));
  }
  return value as RecordedValue;
}

/** "urn:…::id" → "urn:…" (the provider reference Pulumi sends is the provider's URN and ID). */
function providerUrn(reference: string): string | null {
  if (!reference) return null;
  const marker = reference.lastIndexOf('::');
  return marker > 0 ? reference.slice(0, marker) : reference;
}

interface RegisterRequest {
  getType(): string;
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

/** `waitForRPCs` drains the runtime's RPC queue; @pulumi/pulumi exports it but marks it internal. */
const runtimeSettings = settings as unknown as { waitForRPCs(): Promise<void>; getMonitor(): unknown };

export interface RunOptions {
  readonly project?: string;
  readonly stack?: string;
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
  const resources: RecordedResource[] = [];
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => ({ id: undefined, state: { ...args.inputs } }),
      call: (args) => {
        throw new Error(
          `the program called ${args.token}, which the offline synth does not model; compute it from the spec instead`,
        );
      },
    },
    project,
    stack,
    true,
  );
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
      inputs: recordValue(req.getObject()?.toJavaScript() ?? {}) as Record<string, RecordedValue>,
      propertyDependencies,
      dependencies: [...req.getDependenciesList()],
    });
    return register(req, callback);
  };

  defineTarget(spec);
  let seen = -1;
  for (let round = 0; round < MAX_SETTLE_ROUNDS && seen !== resources.length; round++) {
    seen = resources.length;
    await runtimeSettings.waitForRPCs();
    await new Promise((resolve) => setImmediate(resolve));
  }
  if (seen !== resources.length) {
    throw new Error(`registrations did not settle after ${MAX_SETTLE_ROUNDS} rounds`);
  }
  resources.sort((a, b) => a.urn.localeCompare(b.urn));
  return { schemaVersion: RESOURCES_SCHEMA_VERSION, project, stack, preview: true, resources };
}
