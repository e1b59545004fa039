import { createRequire } from 'node:module';

/**
 * The members of a ZIP that `accept` takes by name and declared size, inflated with fflate into buffers
 * of their declared size (a member lying about its size is cut there). fflate is loaded on first use
 * (~10 ms): only `tiss schemas install --from` a ZIP and `tiss serve` with a ZIP of lotes need it.
 * Throws fflate's error for a broken ZIP; callers say it in their own words.
 */
export function zipMembers(zip: Uint8Array, accept: (name: string, declaredSize: number) => boolean): [string, Uint8Array][] {
  const { unzipSync } = createRequire(import.meta.url)('fflate') as typeof import('fflate');
  return Object.entries(unzipSync(zip, { filter: (f) => accept(f.name, f.originalSize) }));
}
