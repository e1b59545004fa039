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
 * What one file costs, fitted (least squares, then rounded up so that every measured peak is below its
 * estimate) on 14 shapes from 5 to 52 MB: tiny elements, `<x/>` runs, attribute runs, long texts, real
 * SP/SADT lotes with a wrong hash (the costliest path: the hash diagnosis copies the file). Measured peak
 * RSS of a fresh process, schema compilation included; `npm run bench` prints the peaks beside these
 * estimates, so a change of the pipeline that costs more shows there. Recalibrate with it. Findings are
 * not in the model (they come after parsing): a file with 10,000 or more findings peaks up to ~40%
 * above its estimate (bench: 352 MB against 254 MB for 10,000 findings in 7.8 MB).
 */
export const COST = { base: 120 * 1024 * 1024, perByte: 10, perElement: 400, perText: 60, perAttribute: 130 } as const;

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
  // One element per byte at most: a file that fits even so needs no counting pass.
  if (COST.base + bytes.length * (COST.perByte + COST.perElement + COST.perText + COST.perAttribute) <= budget) return null;
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
