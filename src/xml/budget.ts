import { totalmem } from 'node:os';
import type { FindingCollector } from '../findings/collector.js';
import { formatInteger } from '../locale/pt-br.js';

/**
 * The memory one file may take while it is read, parsed (libxml2), validated and held as our tree:
 * `'auto'` (see defaultMemoryBudget) or a number of bytes (`--max-memory 3GB`).
 */
export type MemoryLimit = 'auto' | number;

export const DEFAULT_MAX_MEMORY: MemoryLimit = 'auto';

/**
 * What one file costs at its peak, in bytes of RSS: base + bytes × perByte + elements × perElement + texts ×
 * perText + attributes × perAttribute, with the counts of shapeOf. Fitted on 2026-12-05 (issue 11: compact
 * tree, one decoding, streamed hash digest) with `node bench/calibrate-budget.js --runs 2 --write`: the peak
 * RSS of a fresh `tiss validate --format json` (schema compilation included), the highest of 2 runs, with
 * both engines, on 56 files of 35 shapes from 0.3 to 150 MB — tiny elements, one per line too, `<x/>` runs,
 * 5 attributes per element, 4 KB texts, a namespace declaration on every element, real SP/SADT lotes with a
 * right or a wrong hash, with and without ds:Signature.
 *
 * The estimate comes before reading, so it covers the costliest path a file may take, not the usual one. A
 * lote's is the compiled engine deferring to libxml2 (ds:Signature) with a wrong hash: 893 MB for the 80 MB
 * lote that peaks at 385 MB on the usual path (compiled, right hash) and at 714 MB with `--engine libxml2`.
 * Other shapes' is `--engine libxml2` (its DOM). The constants are the smallest (least sum of estimate/peak)
 * that keep every shape's estimate at ≥ 1.1 × its costliest peak, rounded up: estimate/peak 1.11 to 2.06,
 * mean 1.31. The 80 MB lote is estimated at 1,109 MB (1,446 with the constants of before), the 138 MB one at
 * 1,891 MB (2,522): at the 2 GiB cap, lotes up to ~150 MB are read. bench/budget-calibration.json records the
 * measurements, and test/budget.test.ts fails if COST stops covering them; recalibrate when the reading
 * pipeline changes.
 *
 * Findings are not in the model (they come after parsing) and cost ~25–45 KB of peak each: a file with
 * thousands of them passes its estimate (10,000 findings in 8.2 MB: 369 MB against 248; 8,000 XSD errors in
 * one guia, 12.9 MB: 573 MB against 308, 1.9×).
 */
export const COST = { base: 144 * 1024 * 1024, perByte: 5.4, perElement: 370, perText: 71, perAttribute: 320 } as const;

const GiB = 1024 ** 3;

/**
 * The default budget of one file: half the memory this process may use (the cgroup limit in a container,
 * else the machine's), shared by the files checked at once (`jobs`), and at most 2 GiB.
 */
export function defaultMemoryBudget(jobs = 1): number {
  return Math.min(2 * GiB, Math.floor(availableMemory() / 2 / Math.max(1, jobs)));
}

let available: number | undefined;
/** What this process may use, asked once: process.constrainedMemory() reads the cgroup files (~50 µs a call, per file before). */
function availableMemory(): number {
  if (available === undefined) {
    const constrained = typeof process.constrainedMemory === 'function' ? process.constrainedMemory() : 0;
    available = constrained && constrained > 0 && constrained < totalmem() ? constrained : totalmem();
  }
  return available;
}

export interface Shape {
  bytes: number;
  /** Start tags (`<` followed by a name), an upper bound of the element count. */
  elements: number;
  /** `=` signs, an upper bound of the attribute count. */
  attributes: number;
  /** `>` followed by something other than `<`: an upper bound of the text nodes (indentation included). */
  texts: number;
}

/** Counts start tags, text nodes and `=` in one pass over the bytes (no decoding, no allocation). */
export function shapeOf(bytes: Uint8Array): Shape {
  let elements = 0;
  let attributes = 0;
  let texts = 0;
  const n = bytes.length;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0x3c) {
      const c = bytes[i + 1];
      if (c !== 0x2f && c !== 0x21 && c !== 0x3f) elements++;
    } else if (b === 0x3e) {
      if (i + 1 < n && bytes[i + 1] !== 0x3c) texts++;
    } else if (b === 0x3d) attributes++;
  }
  return { bytes: n, elements, attributes, texts };
}

/**
 * The largest estimate a file of `bytes` bytes can have, without counting: every byte is at most one of
 * a start tag's `<`, a text's `>` or an `=`, so elements + texts + attributes ≤ bytes.
 */
export function peakBound(bytes: number): number {
  return COST.base + bytes * (COST.perByte + Math.max(COST.perElement, COST.perText, COST.perAttribute));
}

export function estimatePeak(s: Shape): number {
  return COST.base + s.bytes * COST.perByte + s.elements * COST.perElement + s.texts * COST.perText + s.attributes * COST.perAttribute;
}

export function budgetFor(limit: MemoryLimit): number {
  return limit === 'auto' ? defaultMemoryBudget() : limit;
}

/**
 * Refuses, before any parsing, a file whose reading is estimated to need more memory than the budget
 * (a clear finding rather than an out-of-memory crash that takes the worker and its other files with it).
 * False when refused; else the file's shape when it was counted (a large file: the scanner sizes its
 * element table from it), or null.
 */
export function checkBudget(bytes: Uint8Array, limit: MemoryLimit, out: FindingCollector): Shape | null | false {
  const budget = budgetFor(limit);
  // A file that fits even if every byte were its costliest kind needs no counting pass.
  if (peakBound(bytes.length) <= budget) return null;
  const shape = shapeOf(bytes);
  const peak = estimatePeak(shape);
  if (peak <= budget) return shape;
  const mb = (n: number): string => `${Math.ceil(n / 1024 / 1024)} MB`;
  out.report('TISS-INPUT-TOO-COMPLEX', {
    message: `O arquivo tem cerca de ${formatInteger(shape.elements)} elementos em ${mb(shape.bytes)}; para conferi-lo seriam necessários cerca de ${mb(peak)} de memória, acima do limite de ${mb(budget)} por arquivo (--max-memory${limit === 'auto' ? ', padrão: metade da memória disponível dividida pelos arquivos conferidos ao mesmo tempo, no máximo 2 GB' : ''}). O arquivo não foi conferido, para não esgotar a memória.`,
    fix: `Um lote TISS tem no máximo 100 guias: confira se o arquivo é mesmo uma mensagem TISS. Se for, confira-o com mais memória (--max-memory ${mb(peak * 1.1)}) ou divida o lote.`,
    data: { ...shape, estimatedPeak: peak, budget },
  });
  return false;
}
