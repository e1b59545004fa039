import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { generate } from '../src/generate/generate.js';
import { parse } from '../src/generate/parse.js';
import { validate } from '../src/validate/index.js';
import { HAS_XMLLINT, SHARED_SCHEMAS, tiss, xmllint, tempDir } from './helpers.js';
import { invalidInput, RUNS, SEED, validInput } from './generate-arbitraries.js';

/**
 * Property tests of the generator (fast-check): random valid inputs, built from the samples of
 * samples/generate by changes that keep them valid, give files with zero findings that xmllint
 * accepts; random invalid inputs (one breaking change) give findings and nothing to write.
 * Runs: TISS_PROPERTY_RUNS (default 40 valid / 150 invalid); seed: TISS_FC_SEED.
 */
const tmp = tempDir('tiss-property-');
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('generator properties', () => {
  it(`${RUNS} random valid inputs → zero findings, valid for tiss validate and xmllint, stable under parse → generate`, () => {
    let n = 0;
    fc.assert(
      fc.property(validInput, (input) => {
        const r = generate(input);
        expect(r.findings).toEqual([]);
        expect(r.xml).not.toBeNull();
        const checked = validate(r.xml!);
        expect(checked.findings).toEqual([]);
        expect(generate(parse(r.xml!)).xml!.equals(r.xml!)).toBe(true);
        if (HAS_XMLLINT) {
          const file = join(tmp, `valido-${n++}.xml`);
          writeFileSync(file, r.xml!);
          // The XSD of the version the input declares (the samples include a 4.03.00 one).
          const version = checked.schema!.version;
          const ref = xmllint(join(SHARED_SCHEMAS, version, `tissV${version.replace(/\./g, '_')}.xsd`), file);
          expect(ref.output).toMatch(/validates/);
          rmSync(file);
        }
      }),
      { numRuns: RUNS, seed: SEED },
    );
  }, Math.max(60_000, RUNS * 500));

  it(`${RUNS * 4} random invalid inputs → error findings on input paths, nothing to write`, () => {
    fc.assert(
      fc.property(invalidInput, ({ input, change }) => {
        const r = generate(input);
        expect(r.xml, change).toBeNull();
        expect(r.valid).toBe(false);
        const errs = r.findings.filter((f) => f.severity === 'error');
        expect(errs.length, change).toBeGreaterThan(0);
        for (const f of errs) {
          expect(f.message.length).toBeGreaterThan(10);
          expect(f.path, `${f.code}: ${f.message}`).toMatch(/^(tipo|tipoGuia|guias|cabecalho|[A-Za-z$][\w-]*)([.[]|$)/);
          // The XPath is the written message's, when the finding comes from its validation; never a JSON path.
          if (f.xpath !== null) expect(f.xpath).toMatch(/^\/mensagemTISS\//);
        }
      }),
      { numRuns: RUNS * 4, seed: SEED },
    );
  }, Math.max(60_000, RUNS * 100));

  it('random invalid inputs through the CLI: exit 1 and no file (nor temp file) written', () => {
    const samples = fc.sample(invalidInput, { numRuns: 6, seed: SEED });
    samples.forEach(({ input, change }, i) => {
      const file = join(tmp, `invalido-${i}.json`);
      const out = join(tmp, `invalido-${i}.xml`);
      writeFileSync(file, JSON.stringify(input));
      const r = tiss(['generate', file, '-o', out]);
      expect(r.status, `${change}\n${r.stderr}`).toBe(1);
      expect(r.stdout).toMatch(/Nada foi gravado/);
      expect(existsSync(out)).toBe(false);
    });
    expect(readdirSync(tmp).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
