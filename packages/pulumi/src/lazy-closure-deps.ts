/**
 * Start-up cost of the offline synth. Loading @pulumi/pulumi loads its closure serializer, which
 * requires TypeScript and npm's Arborist at import time (≈ 0.5 s of a ≈ 2 s synth). Serializing
 * functions is for dynamic providers and callbacks, which the mock preview never runs. This module,
 * imported first by the synth script only, makes those two requires lazy: each returns a proxy
 * that loads the real module on first use, so nothing changes if something does use them.
 * `pulumi up` (src/index.ts) does not import it.
 */
import { createRequire } from 'node:module';

type Load = (request: string, parent: unknown, isMain: boolean) => unknown;
const Module = createRequire(import.meta.url)('node:module') as { _load: Load };
const LAZY = new Set(['../../typescript-shim', '@npmcli/arborist']);

const load = Module._load;
Module._load = function lazyLoad(request, parent, isMain) {
  if (!LAZY.has(request)) return load.call(this, request, parent, isMain);
  let real: object | undefined;
  const target = () => {
    real ??= load.call(this, request, parent, isMain) as object;
    return real;
  };
  return new Proxy(
    {},
    {
      // __importStar asks this before copying the module's keys; answering it loads nothing.
      get: (_, key) => (key === '__esModule' && real === undefined ? true : Reflect.get(target(), key)),
      has: (_, key) => Reflect.has(target(), key),
      ownKeys: () => Reflect.ownKeys(target()),
      getOwnPropertyDescriptor: (_, key) => {
        const descriptor = Reflect.getOwnPropertyDescriptor(target(), key);
        return descriptor ? { ...descriptor, configurable: true } : undefined;
      },
    },
  );
};
