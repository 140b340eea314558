// Loads wasm-bindgen's nodejs glue and captures the WebAssembly instance it creates: the glue keeps
// its instance private, and the benchmarks read its linear memory (memory.buffer.byteLength).
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

/** `require(gluePath)` (a relative path is from the working directory), and the first WebAssembly.Instance created while it loaded (or null). */
export function requireGlue(gluePath) {
  let instance = null;
  const RealInstance = WebAssembly.Instance;
  WebAssembly.Instance = new Proxy(RealInstance, {
    construct(target, argv, newTarget) {
      const inst = Reflect.construct(target, argv, newTarget);
      instance ??= inst;
      return inst;
    },
  });
  try {
    return { glue: createRequire(import.meta.url)(resolve(gluePath)), instance };
  } finally {
    WebAssembly.Instance = RealInstance;
  }
}

/** A text with a mention of each kind: extracting it first builds every pattern's caches, so that
 * memory read after it grows with the text alone (bench-extract.mjs, tests/wasm/memory.test.mjs). */
export const WARM_UP =
  'Warm-up: 600 companies invested more than $4.5 billion in 2024, the 3rd rise in 30 years; exports doubled, “we are ready,” Tokayev said. Call +1 202 555 0143.';
