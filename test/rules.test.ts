import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CODES } from '../src/findings/catalog.js';
import { FindingCollector } from '../src/findings/collector.js';
import { identifyMessage } from '../src/message/kind.js';
import { RULES } from '../src/rules/catalog.js';
import { runRules } from '../src/rules/engine.js';
import type { Rule } from '../src/rules/types.js';
import { buildTree } from '../src/xml/scan.js';
import { xpathOf } from '../src/xml/xpath.js';
import { resolveLibxml2Path } from '../src/xml/libxml2-path.js';
import { validate } from '../src/validate/index.js';
import { asMonitoramento106, asTissVersion, ROOT, SAMPLES, tiss, xmlFiles, tempDir } from './helpers.js';
import { fixHash } from '../src/hash/api.js';
import { SHARED_TUSS22 } from '../src/docs.js';
import { installTabelas } from '../src/terminology/store.js';

const TODAY = '2026-11-22';

/**
 * Where the element at `xpath` starts in a sample: the line numbers of a sample live in the sample,
 * not in the rule's meta (it names the XPath only).
 */
function startOf(file: string, xpath: string): { line: number; column: number } {
  const tree = buildTree(readFileSync(join(ROOT, file), 'latin1'))!;
  const node = resolveLibxml2Path(tree.root, xpath)!;
  expect(xpathOf(node), `${file}: ${xpath}`).toBe(xpath);
  return { line: node.line, column: node.column };
}
/**
 * Every rule runs with the public Tabela 22 (202511) installed in a temporary store, so the TUSS rule
 * (meta.requires 'tabela22') fails on its sample and every other sample's procedure codes are checked too.
 */
const TABELAS = tempDir('tiss-rules-tabelas-');
installTabelas(SHARED_TUSS22, { storeDir: TABELAS });

const run = (file: string, rules?: Record<string, 'off' | 'error' | 'warning' | 'info'>) =>
  validate(readFileSync(join(ROOT, file)), { file, today: TODAY, tabelas: TABELAS, ...(rules ? { rules } : {}) });

describe.each(RULES.map((r) => [r.meta.id, r] as const))('%s', (_id, rule) => {
  const { pass, fail, failAt } = rule.meta.examples;

  it('reports on its failing sample, at the documented XPath (on the line and column where that element starts), and nothing else', () => {
    const r = run(fail);
    const mine = r.findings.filter((f) => f.code === rule.meta.id);
    expect(mine.length, JSON.stringify(r.findings.map((f) => f.code))).toBeGreaterThan(0);
    expect(mine[0]).toMatchObject({ ...startOf(fail, failAt.xpath), xpath: failAt.xpath, source: 'rule', severity: rule.meta.severity });
    expect(mine[0]!.reference).toContain(rule.meta.source.text.slice(0, 30));
    expect(mine[0]!.message.length).toBeGreaterThan(20);
    expect(r.findings.filter((f) => f.code !== rule.meta.id)).toEqual([]);
  });

  it('is silent on its passing sample', () => {
    const r = run(pass);
    expect(r.findings.filter((f) => f.code === rule.meta.id)).toEqual([]);
  });

  it('can be turned off or have its severity changed', () => {
    expect(run(fail, { [rule.meta.id]: 'off' }).findings.filter((f) => f.code === rule.meta.id)).toEqual([]);
    const warned = run(fail, { [rule.meta.id]: 'warning' });
    expect(warned.findings.filter((f) => f.code === rule.meta.id).every((f) => f.severity === 'warning')).toBe(true);
  });

  it('has complete metadata', () => {
    expect(rule.meta.id).toMatch(/^TISS-R-[A-Z0-9-]+$/);
    expect(rule.meta.title.length).toBeGreaterThan(5);
    expect(rule.meta.description.length).toBeGreaterThan(20);
    expect(rule.meta.appliesTo.length).toBeGreaterThan(0);
    // Element local names (what ctx.nodes() and ctx.all use), not prose: prose goes in meta.scope.
    for (const name of rule.meta.appliesTo) expect(name).toMatch(/^[A-Za-z_][\w.-]*$/);
    expect(rule.meta.source.text.length).toBeGreaterThan(5);
  });
});

describe('the rule catalogue', () => {
  it('has unique ids that never collide with the engine codes', () => {
    const ids = RULES.map((r) => r.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(CODES).not.toHaveProperty(id);
  });

  it('every file in samples/rules is the failing example of a rule', () => {
    const used = new Set(RULES.map((r) => r.meta.examples.fail));
    for (const f of xmlFiles(join(SAMPLES, 'rules'))) expect(used.has(`samples/rules/${f}`), f).toBe(true);
  });

  it('every file in samples/rules/passa is a passing example, with no finding at all', () => {
    const used = new Set(RULES.map((r) => r.meta.examples.pass));
    for (const f of xmlFiles(join(SAMPLES, 'rules', 'passa'))) {
      expect(used.has(`samples/rules/passa/${f}`), f).toBe(true);
      expect(run(`samples/rules/passa/${f}`).findings, f).toEqual([]);
    }
  });

  it('README lists every rule id', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    for (const r of RULES) expect(readme).toContain(`\`${r.meta.id}\``);
  });

  it('rules still run when the XSD reported errors elsewhere', () => {
    const text = readFileSync(join(ROOT, 'samples/rules/cnes-solicitacao-spsadt.xml'), 'latin1').replace('<ans:caraterAtendimento>1<', '<ans:caraterAtendimento>7<');
    const codes = validate(Buffer.from(text, 'latin1'), { today: TODAY }).findings.map((f) => f.code);
    expect(codes).toContain('TISS-XSD-ENUMERATION');
    expect(codes).toContain('TISS-R-CNES-SOLIC-SPSADT');
  });

  it('a rule that throws becomes a TISS-INTERNAL finding naming it; the others still run', () => {
    const broken: Rule = { meta: { ...RULES[0]!.meta, id: 'TISS-R-QUEBRADA' }, check: () => { throw new Error('bug'); } };
    const tree = buildTree(readFileSync(join(ROOT, 'samples/rules/cpf-dv.xml'), 'latin1'))!;
    const out = new FindingCollector('x.xml');
    const message = identifyMessage(tree.root, out)!;
    runRules(message, out, { today: TODAY }, [broken, ...RULES]);
    expect(out.findings.map((f) => f.code)).toContain('TISS-INTERNAL');
    expect(out.findings.find((f) => f.code === 'TISS-INTERNAL')!.message).toContain('TISS-R-QUEBRADA');
    expect(out.findings.map((f) => f.code)).toContain('TISS-R-CPF-DV');
  });

  it('a rule that asks for an element outside its meta.appliesTo fails as TISS-INTERNAL (the list is what the rule reads)', () => {
    const peek: Rule = { meta: { ...RULES[0]!.meta, id: 'TISS-R-ESPIA', appliesTo: ['CPF'] }, check: (ctx) => void ctx.all('CNPJ') };
    const tree = buildTree(readFileSync(join(ROOT, 'samples/rules/cpf-dv.xml'), 'latin1'))!;
    const out = new FindingCollector('x.xml');
    runRules(identifyMessage(tree.root, out)!, out, { today: TODAY }, [peek]);
    expect(out.findings.map((f) => [f.code, f.message])).toEqual([['TISS-INTERNAL', expect.stringContaining('TISS-R-ESPIA falhou ao conferir esta mensagem (<CNPJ> não está em meta.appliesTo)')]]);
  });

  it('every rule declares the versions it holds for, and tiss rules shows them', () => {
    for (const rule of RULES) expect(rule.meta.versions.length, rule.meta.id).toBeGreaterThan(0);
    const shown = tiss(['rules', 'TISS-R-MON-FORMA-REMUNERACAO']);
    expect(shown.stdout).toContain('Versões: Monitoramento 1.05.00, 1.06.00');
    expect(tiss(['rules']).stdout).toMatch(/TISS-R-CNPJ-DV[\s\S]*?versões: 4\.00\.00–4\.03\.00; Monitoramento 1\.02\.00, 1\.05\.00, 1\.06\.00/);
  });

  it('a rule whose crítica arrives in Monitoramento 1.04.01 does not fire on 1.02.00 (5067, 5081)', () => {
    for (const [file, id] of [['samples/rules/mon-forma-remuneracao.xml', 'TISS-R-MON-FORMA-REMUNERACAO'], ['samples/rules/mon-cid-internacao.xml', 'TISS-R-MON-CID-INTERNACAO']] as const) {
      const as102 = readFileSync(join(ROOT, file), 'latin1').replace('<ans:versaoPadrao>1.06.00<', '<ans:versaoPadrao>1.02.00<');
      const r = validate(Buffer.from(as102, 'latin1'), { today: TODAY });
      expect(r.schema?.version).toBe('monitoramento-1.02.00');
      expect(r.findings.map((f) => f.code)).not.toContain(id);
      expect(run(file).findings.map((f) => f.code)).toContain(id);
    }
  });

  it('CNPJ: the alphanumeric algorithm from 4.03.00 / Monitoramento 1.06.00; a letter before them is an error', () => {
    const mon = readFileSync(join(ROOT, 'samples/valid/monitoramento-guias.xml'), 'latin1').replace('<ans:codigoCNPJ_CPF>27865757000102<', '<ans:codigoCNPJ_CPF>12ABC345T0AM75<');
    // 1.02.00: codigoCNPJ_CPF is st_texto14 there, so the XSD lets the letters through and the rule says why.
    const old = validate(Buffer.from(mon, 'latin1'), { today: TODAY }).findings.find((f) => f.code === 'TISS-R-CNPJ-DV');
    expect(old?.message).toMatch(/alfanumérico só é aceito a partir da versão 4\.03\.00.*1\.02\.00/);
    // 1.06.00 and 4.03.00: a right alphanumeric CNPJ is valid, a wrong check digit is not.
    const now = mon.replace('<ans:versaoPadrao>1.02.00<', '<ans:versaoPadrao>1.06.00<');
    expect(validate(Buffer.from(now, 'latin1'), { today: TODAY }).findings.map((f) => f.code)).not.toContain('TISS-R-CNPJ-DV');
    expect(run('samples/valid/lote-sp-sadt-4.03-cnpj-alfanumerico.xml').findings).toEqual([]);
    expect(run('samples/invalid/versao-4.03-cnpj-alfanumerico-dv.xml').findings.map((f) => f.code)).toEqual(['TISS-R-CNPJ-DV']);
  });

  it('each rule still reports on its failing sample carried into every later version it lists (the audit by sample)', () => {
    const missed: string[] = [];
    let checked = 0;
    for (const rule of RULES) {
      const { fail, failAt } = rule.meta.examples;
      const text = readFileSync(join(ROOT, fail), 'latin1');
      const declared = /<ans:(?:Padrao|versaoPadrao)>([^<]*)</.exec(text)?.[1];
      for (const version of rule.meta.versions) {
        if (version === declared) continue;
        let carried: string | null = null;
        if (declared === '4.00.00' && version.startsWith('4.') && version !== '4.02.00') carried = asTissVersion(text, version);
        else if (declared === '1.02.00' && version === '1.06.00') carried = asMonitoramento106(text);
        if (carried === null) continue;
        checked++;
        const bytes = fixHash(Buffer.from(carried, 'latin1')).fixed!;
        const r = validate(Buffer.from(bytes), { today: TODAY, tabelas: TABELAS });
        const mine = r.findings.filter((f) => f.code === rule.meta.id);
        if (!mine.some((f) => f.xpath === failAt.xpath)) missed.push(`${rule.meta.id} em ${version}: ${JSON.stringify(r.findings.map((f) => f.code))}`);
      }
    }
    expect(missed).toEqual([]);
    // 4.00.01, 4.01.00, 4.03.00 for the TISS rules; 1.06.00 for the Monitoramento ones.
    expect(checked).toBeGreaterThan(100);
  });

  it('rules do not run on a version no schema accepts', () => {
    const text = readFileSync(join(ROOT, 'samples/rules/cpf-dv.xml'), 'latin1').replace('<ans:Padrao>4.00.00<', '<ans:Padrao>3.05.00<');
    const codes = validate(Buffer.from(text, 'latin1'), { today: TODAY }).findings.map((f) => f.code);
    expect(codes).not.toContain('TISS-R-CPF-DV');
  });
});

describe('tiss rules (CLI)', () => {
  it('lists every rule', () => {
    const r = tiss(['rules']);
    expect(r.status).toBe(0);
    for (const rule of RULES) expect(r.stdout).toContain(rule.meta.id);
  });

  it('explains one rule with a failing and a passing example', () => {
    const rule = RULES[0]!;
    const r = tiss(['rules', rule.meta.id]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(rule.meta.source.text);
    expect(r.stdout).toContain('Exemplo que falha');
    expect(r.stdout).toContain('Exemplo que passa');
    const { fail, failAt } = rule.meta.examples;
    expect(r.stdout).toContain(`> ${String(startOf(fail, failAt.xpath).line).padStart(1)}`.trim());
    expect(tiss(['rules', 'TISS-R-NAO-EXISTE']).status).toBe(2);
  });
});
