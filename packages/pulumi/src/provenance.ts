/**
 * Which resource attribute an input's unknown value stands for. Under mocks in preview, an output
 * that only exists after deploy (a launch template's latestVersion, a cluster's ARN) serializes as
 * one unknown marker, and the engine records only which resources an input depends on — not which
 * of their attributes. The plan needs the attribute: a launch template update gives latestVersion a
 * new value (so the node group rolls) but keeps its id.
 *
 * So the recording follows outputs from where they are made: each resource's output properties are
 * tagged with (resource, property) when the resource registers; `apply` passes the tag on to its
 * result; and the raw inputs of each later registration are walked for tagged outputs. What goes
 * through `pulumi.all`, `interpolate` or a lifted property access is not followed: those inputs keep
 * their resource-level dependencies only.
 */
import { createRequire } from 'node:module';

interface Tag {
  readonly type: string;
  readonly name: string;
  readonly attribute: string;
}

type RegisterResource = (
  res: object,
  parent: unknown,
  t: string,
  name: string,
  ...rest: unknown[]
) => unknown;

interface ResourceModule {
  registerResource: RegisterResource;
}

interface OutputClass {
  prototype: { apply: (this: object, ...args: unknown[]) => object };
  isInstance(value: unknown): boolean;
}

/** Input path (`launchTemplate.version`, `subnetIds[1]`) → the attributes its outputs came from. */
export type InputAttributes = Record<string, { type: string; name: string; attribute: string }[]>;

const INSTALLED = Symbol.for('iac-compare.provenance');

interface State {
  tags: WeakMap<object, Tag[]>;
  /** `type\0name` → input path → tags, for each registration while recording. */
  registrations: Map<string, InputAttributes>;
  recording: boolean;
}

function walk(
  value: unknown,
  path: string,
  state: State,
  isOutput: (value: unknown) => boolean,
  out: InputAttributes,
  depth = 0,
): void {
  if (value === null || typeof value !== 'object' || depth > 32) return;
  if (isOutput(value)) {
    const tags = state.tags.get(value);
    if (tags && tags.length > 0) out[path] = tags.map((tag) => ({ ...tag }));
    return;
  }
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries())
      walk(item, `${path}[${index}]`, state, isOutput, out, depth + 1);
    return;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return;
  for (const [key, item] of Object.entries(value as Record<string, unknown>))
    walk(item, path ? `${path}.${key}` : key, state, isOutput, out, depth + 1);
}

/**
 * Installs the tagging on one @pulumi/pulumi (found from `pulumiRoot`, its package folder, or ours)
 * once per process; returns the state the recorder reads.
 */
export function installProvenance(pulumiRoot?: string): State | undefined {
  const require = pulumiRoot ? createRequire(`${pulumiRoot}/package.json`) : createRequire(import.meta.url);
  let resources: ResourceModule;
  let output: { Output: OutputClass };
  try {
    resources = require(
      pulumiRoot ? './runtime/resource.js' : '@pulumi/pulumi/runtime/resource.js',
    ) as ResourceModule;
    output = require(pulumiRoot ? './output.js' : '@pulumi/pulumi/output.js') as { Output: OutputClass };
  } catch {
    return undefined;
  }
  const holder = resources as ResourceModule & { [INSTALLED]?: State };
  if (holder[INSTALLED]) return holder[INSTALLED];
  const state: State = { tags: new WeakMap(), registrations: new Map(), recording: false };
  const Output = output.Output;
  const isOutput = (value: unknown) => Output.isInstance(value);
  const register = resources.registerResource;
  resources.registerResource = function registerWithProvenance(res, parent, t, name, ...rest) {
    if (state.recording) {
      // The inputs as the program gave them: walk them before the runtime serializes them.
      const props = rest[3];
      const attributes: InputAttributes = {};
      walk(props, '', state, isOutput, attributes);
      const key = `${t}\u0000${name}`;
      state.registrations.set(key, state.registrations.has(key) ? {} : attributes);
    }
    const result = register.call(this, res, parent, t, name, ...rest);
    if (state.recording) {
      const props = (rest[3] ?? {}) as Record<string, unknown>;
      const record = res as Record<string, unknown>;
      for (const attribute of new Set([...Object.keys(props), 'id', 'urn'])) {
        const value = record[attribute];
        if (value && typeof value === 'object' && isOutput(value))
          state.tags.set(value, [{ type: t, name, attribute }]);
      }
    }
    return result;
  };
  const apply = Output.prototype.apply;
  Output.prototype.apply = function applyWithProvenance(this: object, ...args: unknown[]) {
    const result = apply.apply(this, args);
    const tags = state.tags.get(this);
    if (tags) state.tags.set(result, tags);
    return result;
  };
  Object.defineProperty(holder, INSTALLED, { value: state });
  return state;
}
