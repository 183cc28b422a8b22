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
