import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixHash } from '../src/hash/api.js';
import { validate } from '../src/validate/index.js';
import { ROOT } from './helpers.js';

/**
 * Rules that fired on correct messages (issue 14). Each rule's passing sample (samples/rules/passa/)
 * holds the correct case and test/rules.test.ts checks the rule is silent there; these tests pin the
 * edges of each fix: what is still reported next to what no longer is.
 */
const TODAY = '2026-11-22';

/** Validates `file` after `edit` (latin1 text), with the hash recomputed so only the edit counts. */
function validateEdited(file: string, edit: (text: string) => string) {
  const text = edit(readFileSync(join(ROOT, file), 'latin1'));
  return validate(Buffer.from(fixHash(Buffer.from(text, 'latin1')).fixed!), { today: TODAY });
}

describe('TISS-R-SEQUENCIAL-ITEM-UNICO in a recurso de glosa', () => {
  const file = 'samples/rules/passa/recurso-item-duas-glosas.xml';

  it('allows the same item twice when each occurrence appeals a different glosa code', () => {
    expect(validateEdited(file, (t) => t).findings).toEqual([]);
  });

  it('still reports the same glosa of the same item appealed twice, on the second occurrence', () => {
    const r = validateEdited(file, (t) => t.replace('<ans:codGlosaItem>1709<', '<ans:codGlosaItem>1705<'));
    expect(r.findings.map((f) => [f.code, f.severity, f.line, f.message])).toEqual([
      ['TISS-R-SEQUENCIAL-ITEM-UNICO', 'error', 60, 'O recurso da glosa 1705 do item 5 se repete na mesma guia (já feito na linha 48).'],
    ]);
  });
});

describe('TISS-R-DATA-FUTURA and dataPagamento', () => {
  it('a demonstrativo de pagamento may schedule its payment after today', () => {
    const r = validateEdited('samples/rules/passa/demonstrativo-pagamento-agendado.xml', (t) => t);
    expect(r.findings).toEqual([]);
    expect(/<ans:dataPagamento>([^<]+)</.exec(readFileSync(join(ROOT, 'samples/rules/passa/demonstrativo-pagamento-agendado.xml'), 'latin1'))![1]! > TODAY).toBe(true);
  });

  it('other dates of the demonstrativo, and a payment date in Envio de Dados (a payment made), are still checked', () => {
    const emissao = validateEdited('samples/rules/passa/demonstrativo-pagamento-agendado.xml', (t) => t.replace('<ans:dataEmissao>2026-11-20<', '<ans:dataEmissao>2027-01-10<'));
    expect(emissao.findings.map((f) => [f.code, f.xpath])).toEqual([['TISS-R-DATA-FUTURA', '/mensagemTISS/operadoraParaPrestador/demonstrativosRetorno/demonstrativoPagamento/cabecalhoDemonstrativo/dataEmissao']]);
    const mon = validateEdited('samples/valid/monitoramento-guias.xml', (t) => t.replace(/<ans:dataPagamento>[^<]+</, '<ans:dataPagamento>2027-01-15<'));
    expect(mon.findings.filter((f) => f.code === 'TISS-R-DATA-FUTURA').map((f) => f.xpath)).toEqual(['/mensagemEnvioANS/Mensagem/operadoraParaANS/guiaMonitoramento[1]/dataPagamento']);
  });
});

describe('TISS-R-ODONTO-PROF-EXEC-PJ when the contratado is identified by its code at the operadora', () => {
  const file = 'samples/rules/passa/odonto-prof-exec-codigo-operadora.xml';
  const withoutProfessional = (t: string) => t.replace(/\s*<ans:nomeProfExec2>[^<]*<\/ans:nomeProfExec2>\s*<ans:croExec2>98321<\/ans:croExec2>\s*<ans:ufExec2>35<\/ans:ufExec2>/, '');

  it('is silent when the professional is identified (the nature does not matter then)', () => {
    expect(validateEdited(file, (t) => t).findings).toEqual([]);
  });

  it('says in an info finding that it could not decide, when the professional is missing', () => {
    const r = validateEdited(file, withoutProfessional);
    expect(r.findings.map((f) => [f.code, f.severity, f.xpath, f.message])).toEqual([
      [
        'TISS-R-ODONTO-PROF-EXEC-PJ',
        'info',
        '/mensagemTISS/prestadorParaOperadora/loteGuias/guiasTISS/guiaOdonto[1]/dadosProfissionaisResponsaveis',
        'O contratado executante é identificado pelo código na operadora (<codigoProfExec> = 000215734), por isso não é possível saber se é pessoa jurídica; se for, faltam dados do profissional executante: nome (<nomeProfExec2>), número no CRO (<croExec2>), UF do CRO (<ufExec2>).',
      ],
    ]);
    expect(r.findings[0]!.data).toMatchObject({ codigoProfExec: '000215734', pessoaJuridica: null });
    expect(r.findings[0]!.glosa).toEqual([]);
  });

  it('a profile setting for the rule wins over that info (ctx.report severity), and off silences it', () => {
    const text = withoutProfessional(readFileSync(join(ROOT, file), 'latin1'));
    const bytes = Buffer.from(fixHash(Buffer.from(text, 'latin1')).fixed!);
    const as = (setting: 'warning' | 'off') => validate(bytes, { today: TODAY, rules: { 'TISS-R-ODONTO-PROF-EXEC-PJ': setting } }).findings.map((f) => f.severity);
    expect(as('warning')).toEqual(['warning']);
    expect(as('off')).toEqual([]);
  });

  it('a CPF is a pessoa física: nothing is asked, nothing is said', () => {
    const r = validateEdited(file, (t) => withoutProfessional(t).replace('<ans:codigoProfExec>000215734<', '<ans:codigoProfExec>29174635891<'));
    expect(r.findings).toEqual([]);
  });
});
