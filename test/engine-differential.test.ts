import { readdirSync, readFileSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../src/findings/finding.js';
import { validate, type ValidationResult } from '../src/validate/index.js';
import { rng, saveCrash } from './fuzz/mutate.js';
import { mutateForSchema } from './fuzz/mutate-schema.js';
import { asTissVersion, CORPUS, ROOT, SAMPLES, VALID, xmlFiles } from './helpers.js';

/**
 * The compiled XSD engine against the reference (libxml2, in-process) on the same bytes: every sample,
 * every corpus file, and seeded mutants of the valid samples of every version (ENGINE_MUTANTS, default
 * 3,000 in `npm test`; `npm run fuzz` runs 20,000). A difference in verdict, or in the place and code of
 * any XSD finding, fails and saves the input to fuzz-crashes/. Messages may differ only where the
 * compiled engine knows more: the full list of expected elements (libxml2 lists none under a counted
 * content model, and at most 10), and the namespace of an element in the wrong one.
 * xmllint itself is compared in xmllint-agreement.test.ts and fuzz.test.ts.
 */
const MUTANTS = Number(process.env.ENGINE_MUTANTS ?? 3000);
const SEED = Number(process.env.ENGINE_SEED ?? 20261204);
const TODAY = '2026-12-04';

function walk(dir: string): string[] {
  return xmlFiles(dir).map((f) => join(dir, f));
}

/** Every .xml under the corpus, at any depth (the corpus keeps each source's files in its own folder). */
function walkDeep(dir: string): string[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) => (e.isDirectory() ? walkDeep(join(dir, e.name)) : e.name.endsWith('.xml') ? [join(dir, e.name)] : [])).sort();
}

const corpus = walkDeep(CORPUS);

const samples = walkDeep(SAMPLES);

const xsd = (r: ValidationResult): Finding[] => r.findings.filter((f) => f.source === 'xsd');
const place = (f: Finding): string => `${f.line}:${f.column} ${f.xpath} ${f.code}`;

interface Comparison {
  /** Both readers refused the file as not well-formed (compared, and agreeing). */
  malformed?: boolean;
  compared: boolean;
  deferred: boolean;
  version: string | null;
  problem: string | null;
}

function compare(name: string, bytes: Uint8Array): Comparison {
  const compiled = validate(bytes, { file: name, today: TODAY, engine: 'compiled' });
  const reference = validate(bytes, { file: name, today: TODAY, engine: 'libxml2' });
  // Well-formedness: the compiled engine's strict scanner against libxml2's parser.
  const wf = (r: ValidationResult): boolean => !r.findings.some((f) => f.source === 'xml' && f.severity === 'error');
  if (wf(compiled) !== wf(reference)) {
    const said = (r: ValidationResult): string => r.findings.filter((f) => f.source === 'xml').map((f) => `${f.line}:${f.column} ${f.code} ${f.message}`).join('\n') || 'bem formado';
    return { compared: false, deferred: false, version: null, problem: `bem-formado difere\ncompilado: ${said(compiled)}\nlibxml2: ${said(reference)}` };
  }
  if (!reference.schema) return { malformed: !wf(reference), compared: false, deferred: false, version: null, problem: compiled.schema ? 'só o motor compilado rodou o XSD' : null };
  const version = reference.schema.version;
  if (!compiled.schema) return { compared: true, deferred: false, version, problem: 'só o libxml2 rodou o XSD' };
  if (compiled.schema?.engine !== 'compiled') return { compared: true, deferred: true, version, problem: null };
  const a = xsd(compiled);
  const b = xsd(reference);
  if ((a.length === 0) !== (b.length === 0)) return { compared: true, deferred: false, version, problem: `veredito: compilado ${a.length === 0 ? 'válido' : 'inválido'}, libxml2 ${b.length === 0 ? 'válido' : 'inválido'}\n${b.map((f) => f.detail).join('\n')}` };
  const pa = a.map(place).join('\n');
  const pb = b.map(place).join('\n');
  if (pa !== pb) return { compared: true, deferred: false, version, problem: `achados diferentes\ncompilado:\n${pa}\nlibxml2:\n${pb}` };
  const lines = new Set(a.map((f) => f.line));
  const missing = b.filter((f) => !lines.has(f.line));
  if (missing.length) return { compared: true, deferred: false, version, problem: `linhas do libxml2 sem achado: ${missing.map((f) => f.line).join(', ')}` };
  return { compared: true, deferred: false, version, problem: null };
}

const save = (name: string, bytes: Uint8Array): string => saveCrash(ROOT, name, bytes);

describe('compiled XSD engine = libxml2', () => {
  it('every sample and corpus file: same verdict, same findings (line, column, XPath, code)', () => {
    const failures: string[] = [];
    let compared = 0;
    for (const path of [...samples, ...corpus]) {
      const c = compare(path, readFileSync(path));
      if (c.compared) compared++;
      if (c.problem) failures.push(`${path}: ${c.problem}`);
    }
    console.log(`motor compilado × libxml2: ${samples.length + corpus.length} arquivos de samples/ e do corpus, ${compared} chegaram ao XSD, ${failures.length} divergências`);
    expect(failures, failures.slice(0, 5).join('\n\n')).toEqual([]);
    expect(compared).toBeGreaterThan(100);
  });

  it(`${MUTANTS} mutants of every version's samples (seed ${SEED}): no disagreement`, () => {
    const own = [...walk(VALID), ...walk(join(SAMPLES, 'rules', 'passa'))].map((path) => ({ path, bytes: readFileSync(path) }));
    // 4.00.01 has no samples of its own: the 4.00.00 ones as 4.00.01 carries them.
    const as40001 = own
      .filter((s) => s.bytes.includes('<ans:Padrao>4.00.00</ans:Padrao>'))
      .map((s) => ({ path: s.path.replace(/\.xml$/, '-4.00.01.xml'), bytes: Buffer.from(asTissVersion(s.bytes.toString('latin1'), '4.00.01'), 'latin1') }));
    // Round robin over versions, then over each version's files: every version gets its share of mutants.
    const byVersion = new Map<string, { path: string; bytes: Buffer }[]>();
    for (const s of [...own, ...as40001]) {
      const v = /<(?:\w+:)?(?:Padrao|versaoPadrao)>([^<]+)</.exec(s.bytes.toString('latin1'))?.[1] ?? '?';
      byVersion.set(v, [...(byVersion.get(v) ?? []), s]);
    }
    const buckets = [...byVersion.values()];
    const failures: string[] = [];
    const perVersion = new Map<string, { compared: number; deferred: number }>();
    const kinds = new Map<string, number>();
    let malformed = 0;
    for (let i = 0; i < MUTANTS; i++) {
      const bucket = buckets[i % buckets.length]!;
      const source = bucket[Math.floor(i / buckets.length) % bucket.length]!;
      const mutant = mutateForSchema(source.bytes, rng(SEED + i));
      kinds.set(mutant.kind, (kinds.get(mutant.kind) ?? 0) + 1);
      const name = `${SEED + i}-${mutant.kind}-${source.path.split('/').pop()}`;
      const c = compare(name, mutant.bytes);
      if (c.malformed) malformed++;
      if (c.version) {
        const v = perVersion.get(c.version) ?? { compared: 0, deferred: 0 };
        v.compared++;
        if (c.deferred) v.deferred++;
        perVersion.set(c.version, v);
      }
      if (c.problem) failures.push(`${save(name, mutant.bytes)}: ${c.problem}`);
    }
    const figures = [...perVersion].sort().map(([v, n]) => `${v}: ${n.compared} comparados (${n.deferred} com ds:Signature/xsi:type/xsi:nil, conferidos pelo libxml2)`);
    console.log(`motor compilado × libxml2, ${MUTANTS} mutantes (semente ${SEED}), ${failures.length} divergências; bem-formado: o mesmo veredito nos ${MUTANTS}, ${malformed} recusados pelos dois\n${figures.join('\n')}\n${[...kinds].map(([k, n]) => `${k}: ${n}`).join(', ')}`);
    expect(failures, failures.slice(0, 5).join('\n\n')).toEqual([]);
    // Every installed version is reached by its own samples.
    expect([...perVersion.keys()].sort()).toEqual(expect.arrayContaining(['4.00.00', '4.00.01', '4.01.00', '4.03.00', 'monitoramento-1.02.00', 'monitoramento-1.06.00']));
  }, 1_800_000);

  it('text in element-only content counts only up to the first unexpected child, where libxml2 stops reading (npm run fuzz, 60,000 mutants: the compiled engine reported text after it)', () => {
    const base = readFileSync(join(VALID, 'cancela-guia.xml'), 'latin1');
    const at = '<ans:tipoGuia>2</ans:tipoGuia>';
    expect(base).toContain(at);
    const codesOf = (text: string): string[] => xsd(validate(Buffer.from(text, 'latin1'), { engine: 'compiled' })).map((f) => f.code);
    // Text after the unexpected child: libxml2 never reads it.
    const after = base.replace(at, `<ans:lixo>1</ans:lixo>x${at}`);
    expect(compare('texto-depois.xml', Buffer.from(after, 'latin1')).problem).toBeNull();
    expect(codesOf(after)).toEqual(['TISS-XSD-UNEXPECTED-ELEMENT']);
    // Text before it: reported by both.
    const before = base.replace(at, `x<ans:lixo>1</ans:lixo>${at}`);
    expect(compare('texto-antes.xml', Buffer.from(before, 'latin1')).problem).toBeNull();
    expect(codesOf(before)).toEqual(['TISS-XSD-TEXT-NOT-ALLOWED', 'TISS-XSD-UNEXPECTED-ELEMENT']);
  });

  it('what it does not model goes to libxml2, with the same verdict: ds:Signature, xsi:type', () => {
    const base = readFileSync(join(VALID, 'lote-consulta.xml'), 'latin1');
    const signed = base.replace(/(<\/(?:\w+:)?epilogo>)/, '$1<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignedInfo/></ds:Signature>');
    expect(signed).not.toBe(base);
    const r = validate(Buffer.from(signed, 'latin1'), { engine: 'compiled' });
    expect(r.schema?.engine).toBe('libxml2');
    expect(xsd(r).length).toBeGreaterThan(0); // an empty SignedInfo is invalid xmldsig
    const typed = base.replace(/<((?:\w+:)?cabecalho)>/, '<$1 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="ans:cabecalhoTransacao">');
    expect(typed).not.toBe(base);
    const t = validate(Buffer.from(typed, 'latin1'), { engine: 'compiled' });
    expect(t.schema?.engine).toBe('libxml2');
    expect(t.valid).toBe(validate(Buffer.from(typed, 'latin1'), { engine: 'libxml2' }).valid);
  });

  it('names the namespace of an element in the wrong one (libxml2 alone cannot: it lists nothing under a counted model)', () => {
    const base = readFileSync(join(VALID, 'lote-sp-sadt.xml'), 'latin1');
    const i = base.indexOf('<ans:guiaSP-SADT>', base.indexOf('<ans:guiaSP-SADT>') + 1);
    const wrong = `${base.slice(0, i)}<ans:guiaSP-SADT xmlns:ans="urn:outro">${base.slice(i + '<ans:guiaSP-SADT>'.length)}`;
    const r = validate(Buffer.from(wrong, 'latin1'), { engine: 'compiled' });
    const f = xsd(r)[0]!;
    expect(f.code).toBe('TISS-XSD-UNEXPECTED-ELEMENT');
    expect(f.message).toContain('namespace "urn:outro"');
    expect(f.message).toContain('http://www.ans.gov.br/padroes/tiss/schemas');
  });
});

describe('the strict scanner = libxml2, on well-formedness', () => {
  const head = '<?xml version="1.0" encoding="ISO-8859-1"?>';
  const wf = (r: ValidationResult): boolean => !r.findings.some((f) => f.source === 'xml' && f.severity === 'error');
  const both = (xml: string): [boolean, boolean] => {
    const bytes = Buffer.from(xml, 'latin1');
    return [wf(validate(bytes, { engine: 'compiled' })), wf(validate(bytes, { engine: 'libxml2' }))];
  };

  it('the same verdict at libxml2 limits: depth 256, a text of 10,000,000 characters (after references), a name of 50,000', () => {
    const cases: [string, string][] = [
      ['profundidade 256', `${head}${'<a>'.repeat(256)}${'</a>'.repeat(256)}`],
      ['profundidade 257', `${head}${'<a>'.repeat(257)}${'</a>'.repeat(257)}`],
      ['texto de 10.000.000', `${head}<a>${'x'.repeat(10_000_000)}</a>`],
      ['texto de 10.000.001', `${head}<a>${'x'.repeat(10_000_001)}</a>`],
      ['texto de 12.000.000 com referências (4.000.000 lidos)', `${head}<a>${'x&amp;'.repeat(2_000_000)}</a>`],
      ['nome de 50.000', `${head}<a${'x'.repeat(49_999)}/>`],
      ['nome de 50.001', `${head}<a${'x'.repeat(50_000)}/>`],
    ];
    for (const [name, xml] of cases) {
      const [compiled, reference] = both(xml);
      expect(compiled, name).toBe(reference);
    }
  });

  it('a start tag of 9,800,000 characters is read by both', () => {
    const [compiled, reference] = both(`${head}<a${Array.from({ length: 816_666 }, (_, i) => ` b${String(i).padStart(6, '0')}="x"`).join('')}/>`);
    expect([compiled, reference]).toEqual([true, true]);
  });

  it('past 9,900,000 characters an attribute, CDATA, comment, PI or start tag is refused (libxml2 refuses between 9,999,913 and 10,000,000, depending on its buffer)', () => {
    for (const [name, xml] of [
      ['atributo', `${head}<a b="${'x'.repeat(10_000_000)}"/>`],
      ['CDATA', `${head}<a><![CDATA[${'x'.repeat(10_000_000)}]]></a>`],
      // A start tag of 10,000,000 chars made of 833,333 attributes (libxml2 refused it; the scanner accepted it).
      ['tag de abertura', `${head}<a${Array.from({ length: 833_333 }, (_, i) => ` b${String(i).padStart(6, '0')}="x"`).join('')}/>`],
    ] as const) {
      const [compiled, reference] = both(xml);
      expect(reference, name).toBe(false);
      expect(compiled, name).toBe(false);
    }
  });

  it('namespace names are URI references (RFC 3986), as libxml2 checks them', () => {
    for (const uri of ['http://a b', 'urn:a{b}', 'urn:aéb', 'urn:a%zz', 'http://a:b:c', 'urn:a#b#c', 'urn:a%41', '#frag', 'relative/path', 'http://www.ans.gov.br/padroes/tiss/schemas']) {
      const [compiled, reference] = both(`${head}<r xmlns:p="${uri}"/>`);
      expect(compiled, uri).toBe(reference);
    }
  });
});
