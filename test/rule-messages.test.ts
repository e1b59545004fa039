import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FindingCollector } from '../src/findings/collector.js';
import { identifyMessage } from '../src/message/kind.js';
import { RULES } from '../src/rules/catalog.js';
import { runRules } from '../src/rules/engine.js';
import { fillTemplate, placeholdersOf, renderReport, showPlaceholders } from '../src/rules/messages.js';
import { defineRule, type Rule } from '../src/rules/types.js';
import { buildTree } from '../src/xml/scan.js';
import { validate } from '../src/validate/index.js';
import { ROOT, SAMPLES, tiss } from './helpers.js';

const TODAY = '2026-11-22';
const RULES_DIR = join(ROOT, 'src', 'rules');

/** Every .ts file under src/rules, by path. */
function ruleSources(dir = RULES_DIR): Map<string, string> {
  const out = new Map<string, string>();
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) for (const [p, s] of ruleSources(path)) out.set(p, s);
    else if (entry.name.endsWith('.ts')) out.set(path, readFileSync(path, 'utf8'));
  }
  return out;
}
const SOURCES = ruleSources();

/** The file that declares the rule, and the code the rule runs: its check() and the local modules it imports (./util.js). */
function codeOf(id: string): { file: string; code: string } {
  const [file, source] = [...SOURCES].find(([, s]) => s.includes(`id: '${id}'`))!;
  const local = [...source.matchAll(/from '(\.\/[\w-]+)\.js'/g)].map((m) => SOURCES.get(join(dirname(file), `${m[1]}.ts`)) ?? '');
  return { file, code: [source.slice(source.indexOf('check(ctx')), ...local].join('\n') };
}

/** A rule that reports once on the message's root, the way `report` is given. */
function reporting(report: (ctx: Parameters<Rule['check']>[0]) => void): Rule {
  return { meta: { ...RULES[0]!.meta, id: 'TISS-R-TESTE', appliesTo: ['CPF'], messages: { valor: 'O valor {{valor}} não serve.' }, fixes: { valor: 'Troque {{valor}}.' } }, check: report };
}

function internal(rule: Rule): string[] {
  const tree = buildTree(readFileSync(join(ROOT, 'samples/rules/cpf-dv.xml'), 'latin1'))!;
  const out = new FindingCollector('x.xml');
  runRules(identifyMessage(tree.root, out)!, out, { today: TODAY }, [rule]);
  return out.findings.map((f) => `${f.code}: ${f.message}`);
}

describe('message templates', () => {
  it('fills {{name}} from args, once (an argument is never read as a template, $& stays as is)', () => {
    expect(placeholdersOf('A {{a}} e {{ b }}, de novo {{a}}.')).toEqual(['a', 'b']);
    expect(fillTemplate('A {{a}} e {{ b }}, de novo {{a}}.', { a: '{{b}}', b: 'R$ 1,00 $&' })).toBe('A {{b}} e R$ 1,00 $&, de novo {{b}}.');
    expect(fillTemplate('Total: {{n}}', { n: 2.5 })).toBe('Total: 2.5');
    expect(showPlaceholders('O CPF {{valor}} em <{{elemento}}>')).toBe('O CPF «valor» em <«elemento»>');
  });

  it('renders the message and its fix; throws on an undeclared id, a missing argument and an unused one', () => {
    const messages = { dv: 'O CPF {{valor}} é inválido.', outro: 'Sem valores.' };
    const fixes = { dv: 'Confira {{valor}} e <{{elemento}}>.', outro: 'Nada.' };
    expect(renderReport(messages, fixes, 'dv', { valor: '123', elemento: 'CPF' })).toEqual({ message: 'O CPF 123 é inválido.', fix: 'Confira 123 e <CPF>.' });
    expect(renderReport(messages, fixes, 'outro')).toEqual({ message: 'Sem valores.', fix: 'Nada.' });
    expect(() => renderReport(messages, fixes, 'nenhum')).toThrow('mensagem "nenhum" não declarada em meta.messages');
    expect(() => renderReport(messages, fixes, 'toString')).toThrow('não declarada');
    expect(() => renderReport(messages, fixes, 'dv', { valor: '123' })).toThrow('mensagem "dv" sem valor para {{elemento}}');
    expect(() => renderReport(messages, fixes, 'dv', { valor: '123', elemento: 'CPF', sobra: 1 })).toThrow('mensagem "dv" recebeu valor para {{sobra}}, que ela não usa');
  });

  it('the engine turns an unknown message id, a missing argument or an unused one into TISS-INTERNAL naming the rule', () => {
    const root = (ctx: Parameters<Rule['check']>[0]) => ctx.message.element;
    expect(internal(reporting((ctx) => ctx.report(root(ctx), 'valor', { args: { valor: '7' } })))).toEqual(['TISS-R-TESTE: O valor 7 não serve.']);
    expect(internal(reporting((ctx) => ctx.report(root(ctx), 'nenhuma', { args: { valor: '7' } })))).toEqual([
      'TISS-INTERNAL: A regra TISS-R-TESTE falhou ao conferir esta mensagem (mensagem "nenhuma" não declarada em meta.messages); as demais regras foram aplicadas. Por favor, relate o problema.',
    ]);
    expect(internal(reporting((ctx) => ctx.report(root(ctx), 'valor')))).toEqual([expect.stringContaining('TISS-INTERNAL: A regra TISS-R-TESTE falhou ao conferir esta mensagem (mensagem "valor" sem valor para {{valor}})')]);
    expect(internal(reporting((ctx) => ctx.report(root(ctx), 'valor', { args: { valor: '7', extra: '8' } })))).toEqual([
      expect.stringContaining('(mensagem "valor" recebeu valor para {{extra}}, que ela não usa)'),
    ]);
  });

  it('defineRule types report(): an undeclared message id does not compile, nor a message without a fix', () => {
    const rule = defineRule({
      meta: { ...RULES[0]!.meta, messages: { certo: 'Certo.' }, fixes: { certo: 'Nada a fazer.' } },
      check(ctx) {
        ctx.report(ctx.message.element, 'certo');
        // @ts-expect-error -- 'errado' is not in meta.messages
        ctx.report(ctx.message.element, 'errado');
      },
    });
    expect(rule.meta.messages).toEqual({ certo: 'Certo.' });
    // @ts-expect-error -- every message needs its fix
    defineRule({ meta: { ...RULES[0]!.meta, messages: { a: 'A.', b: 'B.' }, fixes: { a: 'Fix A.' } }, check() {} });
  });
});

describe.each(RULES.map((r) => [r.meta.id, r] as const))('%s messages', (id, rule) => {
  const { messages, fixes } = rule.meta;

  it('declares at least one message, each with its fix, in well-formed templates', () => {
    expect(Object.keys(messages).length).toBeGreaterThan(0);
    expect(Object.keys(fixes).sort()).toEqual(Object.keys(messages).sort());
    for (const text of [...Object.values(messages), ...Object.values(fixes)]) {
      // Template syntax only: no leftover ${…}, no brace that is not a {{placeholder}}.
      expect(text).not.toContain('${');
      expect(text.replace(/\{\{\s*[A-Za-z_]\w*\s*\}\}/g, '')).not.toMatch(/[{}]/);
      expect(text.trim()).toBe(text);
    }
  });

  it('uses every message id it declares, and fills every placeholder from its code', () => {
    const { file, code } = codeOf(id);
    for (const messageId of Object.keys(messages)) expect(code, `${file}: '${messageId}'`).toContain(`'${messageId}'`);
    for (const [messageId, text] of Object.entries(messages)) {
      for (const name of placeholdersOf(`${text} ${fixes[messageId]}`)) expect(code, `${file}: ${messageId} {{${name}}}`).toMatch(new RegExp(`\\b${name}\\b`));
    }
  });
});

describe('rule findings', () => {
  it('over every sample, no rule fails and every message and fix is filled', () => {
    const dirs = ['valid', 'invalid', 'rules', 'rules/passa'];
    let seen = 0;
    for (const dir of dirs) {
      for (const f of readdirSync(join(SAMPLES, dir)).filter((n) => n.endsWith('.xml'))) {
        const r = validate(readFileSync(join(SAMPLES, dir, f)), { file: f, today: TODAY });
        expect(r.findings.filter((x) => x.code === 'TISS-INTERNAL'), f).toEqual([]);
        for (const x of r.findings.filter((x) => x.source === 'rule')) {
          seen++;
          expect(`${x.message} ${x.fix}`, f).not.toMatch(/\{\{|\}\}|«|»|undefined/);
        }
      }
    }
    expect(seen).toBeGreaterThan(64);
  });
});

describe('tiss rules shows the messages', () => {
  it('text: every message and fix, placeholders as «name»', () => {
    const r = tiss(['rules', 'TISS-R-CNPJ-DV']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Mensagens que a regra pode dar («…»: o que cada achado informa):\n  - O CNPJ «valor» em <«elemento»> é inválido: os dígitos verificadores não conferem.\n    Como corrigir: Confira o CNPJ no cadastro (14 caracteres, sem pontos, barra nem traço).\n');
    expect(r.stdout).toContain('esta mensagem é da versão «versao».');
  });

  it('json: meta with messages and fixes', () => {
    const meta = JSON.parse(tiss(['rules', 'TISS-R-CPF-DV', '-f', 'json']).stdout) as Rule['meta'];
    expect(meta.messages).toEqual({ dvInvalido: 'O CPF {{valor}} em <{{elemento}}> é inválido: os dígitos verificadores não conferem.' });
    expect(meta.fixes).toEqual({ dvInvalido: 'Confira o CPF no cadastro (11 dígitos, sem pontos nem traço).' });
    const all = JSON.parse(tiss(['rules', '-f', 'json']).stdout) as Rule['meta'][];
    expect(all.every((m) => Object.keys(m.messages).length > 0)).toBe(true);
  });
});
