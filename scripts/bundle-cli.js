#!/usr/bin/env node
// Bundles the CLI (dist/bundle/tiss.js, run by bin/tiss.js) and the batch worker (dist/bundle/worker.js): ~180 modules read, resolved
// and linked one by one cost ~120 ms of every command's start-up; one file costs a fraction of that
// (README, Benchmark). The library stays dist/index.js, ESM with types, unbundled. Packages that load
// files of their own at run time (libxml2-wasm's .wasm, piscina's worker, re2-wasm) or are loaded
// lazily on purpose (xmlbuilder2, fflate, @e965/xlsx, yaml: its CommonJS build lost its named exports in a split chunk) stay outside.
import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/**
 * yargs finds its translations (pt_BR) from the path of its own module (import.meta.url); inside the
 * bundle that would be the bundle's path. Its shim is given the path of the installed yargs instead.
 */
const yargsLocales = {
  name: 'yargs-locales',
  setup(b) {
    b.onLoad({ filter: /yargs[\\/]lib[\\/]platform-shims[\\/]esm\.mjs$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const fixed = source.replace(
        'const __dirname = fileURLToPath(import.meta.url);',
        "const __dirname = resolve(createRequire(import.meta.url).resolve('yargs'), '../lib/platform-shims/esm.mjs');",
      );
      if (fixed === source) throw new Error('bundle-cli: the yargs shim changed; update the yargs-locales plugin');
      return { contents: fixed, loader: 'js' };
    });
  },
};

const root = fileURLToPath(new URL('..', import.meta.url));
const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['libxml2-wasm', 'piscina', 're2-wasm', 'xmlbuilder2', 'fflate', 'yaml', '@e965/xlsx'],
  // CommonJS dependencies inside an ESM bundle still call require().
  banner: { js: "import { createRequire as __tissRequire } from 'node:module'; const require = __tissRequire(import.meta.url);" },
  // ESM builds first: a UMD build (jsonc-parser's) requires its own files by relative path at run time.
  mainFields: ['module', 'main'],
  plugins: [yargsLocales],
  logLevel: 'warning',
  legalComments: 'none',
  // Less source for V8 to parse at every start (names are kept, so a TISS_DEBUG stack still reads).
  minifyWhitespace: true,
  minifySyntax: true,
};
// The CLI and the batch worker (each worker thread loads it, so its start-up is paid once per worker),
// split into chunks: what a command imports on need (the generator, zod, yaml) is a file of its own that
// V8 compiles only when it is imported, not at every start.
await build({
  ...common,
  entryPoints: { tiss: `${root}dist/cli/main.js`, worker: `${root}dist/batch/worker.js` },
  outdir: `${root}dist/bundle`,
  splitting: true,
  chunkNames: 'chunk-[hash]',
});
