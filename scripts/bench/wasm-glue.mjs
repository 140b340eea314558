// Loads wasm-bindgen's nodejs glue and captures the WebAssembly instance it creates: the glue keeps
// its instance private, and the benchmarks read its linear memory (memory.buffer.byteLength).
import { createRequire } from 'node:module';

/** `require(gluePath)`, and the first WebAssembly.Instance created while it loaded (or null). */
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
    return { glue: createRequire(import.meta.url)(gluePath), instance };
  } finally {
    WebAssembly.Instance = RealInstance;
  }
}
