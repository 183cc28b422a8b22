// WebAssembly kernels written as text in this repository and assembled at run time with wabt (no
// compiled binary is shipped or fetched). One wabt instance per process; each kernel is assembled and
// compiled once (a few milliseconds for the small kernels here).
import wabt from 'wabt';

let assembler: ReturnType<typeof wabt> | null = null;

/** Compiles WebAssembly text (SIMD and bulk-memory instructions allowed); `name` appears in errors. */
export async function assembleWat(name: string, text: string): Promise<WebAssembly.Module> {
  assembler ??= wabt();
  const parsed = (await assembler).parseWat(name, text, { simd: true, bulk_memory: true, multi_value: true });
  try {
    parsed.validate();
    return new WebAssembly.Module(Uint8Array.from(parsed.toBinary({}).buffer));
  } finally {
    parsed.destroy();
  }
}

/** A kernel assembled on first `load()` (once per process); `module()` is null until then. */
export interface WatKernel {
  load(): Promise<void>;
  module(): WebAssembly.Module | null;
}

export function watKernel(name: string, text: string): WatKernel {
  let compiled: WebAssembly.Module | null = null;
  let loading: Promise<void> | null = null;
  return {
    load() {
      loading ??= assembleWat(name, text).then((m) => {
        compiled = m;
      });
      return loading;
    },
    module: () => compiled,
  };
}

/** wasm32 offsets are 32-bit: a kernel's memory stays below 2 GiB, or the caller runs the JavaScript. */
const MAX_KERNEL_BYTES = 2 ** 31;

export interface KernelInstance<R extends string> {
  /** Byte offset of each region (16-byte aligned, in the order given). */
  at: Record<R, number>;
  buffer: ArrayBuffer;
  exports: WebAssembly.Exports;
}

/**
 * One memory holding the named regions (sizes in bytes) and an instance of `module` on it, with
 * `imports` beside the memory in its "env"; null when the regions need 2 GiB or more.
 */
export function instantiateKernel<R extends string>(
  module: WebAssembly.Module,
  regions: Record<R, number>,
  imports: Record<string, (...args: number[]) => number> = {},
): KernelInstance<R> | null {
  const at = {} as Record<R, number>;
  let top = 0;
  for (const name of Object.keys(regions) as R[]) {
    at[name] = top;
    top += Math.ceil(regions[name] / 16) * 16;
  }
  if (top >= MAX_KERNEL_BYTES) return null;
  const memory = new WebAssembly.Memory({ initial: Math.max(1, Math.ceil(top / 65536)) });
  const instance = new WebAssembly.Instance(module, { env: { memory, ...imports } });
  return { at, buffer: memory.buffer, exports: instance.exports };
}
