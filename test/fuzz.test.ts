import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadManifest } from '../src/schemas/manifest.js';
import type { ValidationResult } from '../src/validate/index.js';
import { validate } from '../src/validate/index.js';
import { mutate, rng, saveCrash } from './fuzz/mutate.js';
import { HAS_XMLLINT, ROOT, SAMPLES, VALID, structural, xmlFiles, xmllint, xsdForXmllint, tempDir } from './helpers.js';

/**
 * Seeded mutation fuzzer over the valid samples. `npm test` runs a short pass; `npm run fuzz` a long one
 * (FUZZ_ITERATIONS, FUZZ_SEED). Any exception, a run over 5 s, or two runs of the same input that
 * disagree is a failure, and the input is saved to fuzz-crashes/. Well-formed mutants that reach the XSD
 * are also checked against xmllint (same verdict, every xmllint line has a finding).
 */
const ITERATIONS = Number(process.env.FUZZ_ITERATIONS ?? 300);
const SEED = Number(process.env.FUZZ_SEED ?? 20261122);
const DIFFERENTIAL = Number(process.env.FUZZ_DIFFERENTIAL ?? 120);
const TODAY = '2026-11-22';

const sources = [
  ...xmlFiles(VALID).filter((f) => !f.includes('soap')).map((f) => join(VALID, f)),
  ...xmlFiles(join(SAMPLES, 'rules', 'passa')).map((f) => join(SAMPLES, 'rules', 'passa', f)),
].map((path) => ({ path, bytes: readFileSync(path) }));

const comparable = (r: ValidationResult): string => JSON.stringify({ ...r, elapsedMs: 0 });

const save = (name: string, bytes: Uint8Array): string => saveCrash(ROOT, name, bytes);

describe('fuzzing', () => {
  it(`${ITERATIONS} mutants (seed ${SEED}): no exception, no hang, deterministic; XSD verdict equal to xmllint's`, () => {
    const tmp = tempDir('tiss-fuzz-');
    const failures: string[] = [];
    let compared = 0;
    const kinds = new Map<string, number>();
    for (let i = 0; i < ITERATIONS; i++) {
      const source = sources[i % sources.length]!;
      const random = rng(SEED + i);
      const mutant = mutate(source.bytes, random);
      kinds.set(mutant.kind, (kinds.get(mutant.kind) ?? 0) + 1);
      const name = `${SEED + i}-${mutant.kind}-${source.path.split('/').pop()}`;
      let first: ValidationResult;
      try {
        const started = performance.now();
        first = validate(mutant.bytes, { file: name, today: TODAY });
        const ms = performance.now() - started;
        if (ms > 5000) failures.push(`lento (${Math.round(ms)} ms): ${save(name, mutant.bytes)}`);
        const second = validate(mutant.bytes, { file: name, today: TODAY });
        if (comparable(first) !== comparable(second)) failures.push(`não determinístico: ${save(name, mutant.bytes)}`);
      } catch (e) {
        failures.push(`exceção ${(e as Error).message}: ${save(name, mutant.bytes)}`);
        continue;
      }
      if (first.findings.some((f) => f.code === 'TISS-INTERNAL')) failures.push(`TISS-INTERNAL: ${save(name, mutant.bytes)}`);

      if (HAS_XMLLINT && first.schema && compared < DIFFERENTIAL) {
        compared++;
        const version = loadManifest().versions.find((v) => v.id === first.schema!.version)!;
        const file = join(tmp, `${i}.xml`);
        writeFileSync(file, mutant.bytes);
        const ref = xmllint(xsdForXmllint(version.id, first.schema.entry), file);
        const ours = structural(first);
        if ((ours.length === 0) !== ref.valid) failures.push(`veredito difere do xmllint (tiss ${ours.length === 0 ? 'válido' : 'inválido'}): ${save(name, mutant.bytes)}\n${ref.output}`);
        const lines = new Set(ours.map((f) => f.line));
        const missing = ref.lines.filter((l) => !lines.has(l));
        if (missing.length) failures.push(`linhas do xmllint sem achado (${missing.join(', ')}): ${save(name, mutant.bytes)}`);
      }
    }
    expect(failures, failures.slice(0, 10).join('\n')).toEqual([]);
    expect(kinds.size).toBeGreaterThanOrEqual(6);
    if (HAS_XMLLINT) expect(compared).toBeGreaterThan(Math.min(DIFFERENTIAL, ITERATIONS) / 4);
  }, 600_000);
});
