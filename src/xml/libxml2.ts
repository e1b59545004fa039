import type * as Libxml2 from 'libxml2-wasm';

/**
 * libxml2-wasm, loaded on first need rather than at start-up: its WebAssembly instance costs ~35 ms per
 * process and per worker, and with the compiled engine (the default) a file needs it only for
 * `--engine libxml2` or a document the compiled engine defers (ds:Signature, xsi:type). The library entry
 * (index.ts) loads it before exporting anything, so `validate()` stays synchronous for its users; the CLI
 * and the workers load it when a file asks for it (batch/task.ts, runTaskLoading).
 */
let lib: typeof Libxml2 | null = null;
let loading: Promise<typeof Libxml2> | null = null;

export function loadLibxml2(): Promise<typeof Libxml2> {
  loading ??= import('libxml2-wasm').then((m) => (lib = m));
  return loading;
}

/** Thrown by a synchronous check that needs libxml2 before it was loaded: load it, then run the check again. */
export class Libxml2NotLoaded extends Error {
  constructor() {
    super('libxml2-wasm ainda não foi carregado (loadLibxml2)');
  }
}

/** The loaded module; Libxml2NotLoaded if it is not loaded yet. */
export function libxml2(): typeof Libxml2 {
  if (!lib) throw new Libxml2NotLoaded();
  return lib;
}
