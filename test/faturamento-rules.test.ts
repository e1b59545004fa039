import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../src/findings/finding.js';
import { validate } from '../src/validate/index.js';
import { ROOT } from './helpers.js';

const TODAY = '2026-11-22';

/** A sample with text replacements (each must match), validated; the findings of one rule. */
function findings(file: string, code: string, edits: [string | RegExp, string | ((match: string) => string)][] = []): Finding[] {
  let text = readFileSync(join(ROOT, file), 'latin1');
  for (const [from, to] of edits) {
    const next = typeof to === 'string' ? text.replace(from, to) : text.replace(from, to);
    expect(next, `${file}: ${String(from)}`).not.toBe(text);
    text = next;
  }
  return validate(Buffer.from(text, 'latin1'), { today: TODAY }).findings.filter((f) => f.code === code);
}

const SADT = 'samples/valid/lote-sp-sadt.xml';
const RI = 'samples/valid/lote-resumo-internacao.xml';
const GTO = 'samples/valid/lote-odontologia.xml';

describe('TISS-R-AUTORIZACAO-POSTERIOR', () => {
  const ID = 'TISS-R-AUTORIZACAO-POSTERIOR';
  const AUT = '<ans:dataAutorizacao>2026-08-24</ans:dataAutorizacao>';

  it('SP/SADT eletiva: a warning at dataAutorizacao naming the first item done before it, with the ambulatory glosas', () => {
    const [f, ...rest] = findings(SADT, ID, [[AUT, '<ans:dataAutorizacao>2026-09-04</ans:dataAutorizacao>']]);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ severity: 'warning', line: 177, guia: '200045311' });
    expect(f!.message).toBe('A data da autorização (04/09/2026) é posterior à do atendimento: 5 itens foram realizados antes dela, o primeiro (30101468) em 03/09/2026 (linha 217).');
    expect({ ...f!.data, glosa: f!.glosa }).toEqual({ dataAutorizacao: '2026-09-04', primeiroAtendimento: '2026-09-03', itens: 5, urgencia: false, glosa: ['1825', '2717'] });
  });

  it('urgência (caráter 2) is info', () => {
    const text = readFileSync(join(ROOT, SADT), 'latin1');
    // caraterAtendimento of the 2nd guia only (the 1st and 3rd stay eletiva).
    const second = text.indexOf('200045311');
    const at = text.indexOf('<ans:caraterAtendimento>1<', second);
    const edited = text.slice(0, at) + '<ans:caraterAtendimento>2<' + text.slice(at + '<ans:caraterAtendimento>1<'.length);
    const r = validate(Buffer.from(edited.replace(AUT, '<ans:dataAutorizacao>2026-09-04</ans:dataAutorizacao>'), 'latin1'), { today: TODAY });
    const mine = r.findings.filter((f) => f.code === ID);
    expect(mine.map((f) => [f.severity, f.message])).toEqual([['info', expect.stringContaining('posterior à do atendimento de urgência')]]);
    // A profile's setting still wins over the rule's own info.
    const strict = validate(Buffer.from(edited.replace(AUT, '<ans:dataAutorizacao>2026-09-04</ans:dataAutorizacao>'), 'latin1'), { today: TODAY, rules: { [ID]: 'error' } });
    expect(strict.findings.filter((f) => f.code === ID).map((f) => f.severity)).toEqual(['error']);
  });

  it('the same day as the service, or no dataAutorizacao, is silent', () => {
    expect(findings(SADT, ID, [[AUT, '<ans:dataAutorizacao>2026-09-03</ans:dataAutorizacao>']])).toEqual([]);
    expect(findings(GTO, ID, [['<ans:dataAutorizacao>2026-09-14</ans:dataAutorizacao>', '']])).toEqual([]);
  });

  it('one item before the authorization is named alone', () => {
    // GTO: the 3rd procedure was done on 21/09, the others on 14/09.
    const [f] = findings(GTO, ID, [['<ans:dataAutorizacao>2026-09-14</ans:dataAutorizacao>', '<ans:dataAutorizacao>2026-09-15</ans:dataAutorizacao>']]);
    expect(f!.message).toMatch(/^A data da autorização \(15\/09\/2026\) é posterior à do atendimento: 2 itens/);
    expect({ ...f!.data, glosa: f!.glosa }).toMatchObject({ glosa: ['3014'], itens: 2 });
    const [one] = findings(GTO, ID, [['<ans:dataRealizacao>2026-09-14</ans:dataRealizacao>', '<ans:dataRealizacao>2026-09-15</ans:dataRealizacao>'], ['<ans:dataAutorizacao>2026-09-14</ans:dataAutorizacao>', '<ans:dataAutorizacao>2026-09-15</ans:dataAutorizacao>']]);
    expect(one!.message).toMatch(/: o item \d+ foi realizado em 14\/09\/2026 \(linha 72\)\.$/);
  });

  it('GTO de urgência (tipoAtendimento 4) is info', () => {
    const [f] = findings(GTO, ID, [['<ans:dataAutorizacao>2026-09-14</ans:dataAutorizacao>', '<ans:dataAutorizacao>2026-09-15</ans:dataAutorizacao>'], ['<ans:tipoAtendimento>1</ans:tipoAtendimento>', '<ans:tipoAtendimento>4</ans:tipoAtendimento>']]);
    expect(f!.severity).toBe('info');
  });

  it('resumo de internação: authorization after dataInicioFaturamento (warning; info in urgência)', () => {
    const late: [string, string] = ['<ans:dataAutorizacao>2026-08-18</ans:dataAutorizacao>', '<ans:dataAutorizacao>2026-08-21</ans:dataAutorizacao>'];
    const [f, ...rest] = findings(RI, ID, [late]);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ severity: 'warning', line: 32, message: 'A data da autorização (21/08/2026) é posterior ao início da internação faturada (20/08/2026).' });
    expect({ ...f!.data, glosa: f!.glosa }).toMatchObject({ glosa: ['1814', '2706'] });
    const [u] = findings(RI, ID, [late, ['<ans:caraterAtendimento>1</ans:caraterAtendimento>', '<ans:caraterAtendimento>2</ans:caraterAtendimento>']]);
    expect(u!.severity).toBe('info');
    expect(findings(RI, ID, [['<ans:dataAutorizacao>2026-08-18</ans:dataAutorizacao>', '<ans:dataAutorizacao>2026-08-20</ans:dataAutorizacao>']])).toEqual([]);
  });
});

describe('TISS-R-SENHA-VENCIDA', () => {
  const ID = 'TISS-R-SENHA-VENCIDA';
  const VAL = '<ans:dataValidadeSenha>2026-09-26</ans:dataValidadeSenha>';

  it('SP/SADT: one error at dataValidadeSenha naming the first service after it', () => {
    const [f, ...rest] = findings(SADT, ID, [[VAL, '<ans:dataValidadeSenha>2026-09-02</ans:dataValidadeSenha>']]);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ severity: 'error', line: 339, guia: '200045312', message: 'A senha venceu em 02/09/2026, antes do atendimento: 5 itens foram realizados depois dela, o primeiro (40202038) em 04/09/2026 (linha 377).' });
    expect(f!.data).toEqual({ dataValidadeSenha: '2026-09-02', primeiroAtendimento: '2026-09-04', itens: 5 });
  });

  it('a service on the validity date itself is accepted; no validity date, no finding', () => {
    expect(findings(SADT, ID, [[VAL, '<ans:dataValidadeSenha>2026-09-04</ans:dataValidadeSenha>']])).toEqual([]);
    expect(findings(SADT, ID, [[VAL, '']])).toEqual([]);
  });

  it('GTO: validadeSenha against each dataRealizacao; one procedure after it is named alone', () => {
    const [f] = findings(GTO, ID, [['<ans:validadeSenha>2026-10-14</ans:validadeSenha>', '<ans:validadeSenha>2026-09-20</ans:validadeSenha>']]);
    expect(f).toMatchObject({ line: 29, message: expect.stringMatching(/^A senha venceu em 20\/09\/2026, antes do atendimento: o item \d+ foi realizado em 21\/09\/2026 \(linha 88\)\.$/) });
  });

  it('resumo de internação: only a faturamento total (4) is compared with the start of the period', () => {
    const expired: [string, string] = ['<ans:dataValidadeSenha>2026-09-17</ans:dataValidadeSenha>', '<ans:dataValidadeSenha>2026-08-19</ans:dataValidadeSenha>'];
    const [f] = findings(RI, ID, [expired]);
    expect(f).toMatchObject({ line: 34, message: 'A senha venceu em 19/08/2026, antes do início da internação faturada (20/08/2026).' });
    // A parcial (1) may be a later period of an admission made while the senha was valid.
    expect(findings(RI, ID, [expired, ['<ans:tipoFaturamento>4</ans:tipoFaturamento>', '<ans:tipoFaturamento>1</ans:tipoFaturamento>']])).toEqual([]);
    expect(findings(RI, ID, [['<ans:dataValidadeSenha>2026-09-17</ans:dataValidadeSenha>', '<ans:dataValidadeSenha>2026-08-20</ans:dataValidadeSenha>']])).toEqual([]);
  });
});

describe('TISS-R-QUANTIDADE-ZERO-VALOR-NEGATIVO', () => {
  const ID = 'TISS-R-QUANTIDADE-ZERO-VALOR-NEGATIVO';
  // The data of each finding with the glosa the engine gave it.
  const rows = (fs: Finding[]) => fs.map((f) => [f.line, f.message, { ...f.data, glosa: f.glosa }]);

  it('procedure quantity zero or negative: 1806 (SP/SADT, honorários); negative unit value: 5040', () => {
    expect(rows(findings(SADT, ID, [['<ans:quantidadeExecutada>1</ans:quantidadeExecutada>', '<ans:quantidadeExecutada>-1</ans:quantidadeExecutada>'], ['<ans:valorUnitario>5.13</ans:valorUnitario>', '<ans:valorUnitario>-5.13</ans:valorUnitario>']]))).toEqual([
      [71, 'A quantidade -1 em <quantidadeExecutada> do item 40304361 deve ser maior que zero.', { value: '-1', glosa: ['1806'] }],
      [86, 'O valor -R$ 5,13 em <valorUnitario> do item 40302040 é negativo.', { value: '-5.13', glosa: ['5040'] }],
    ]);
    expect(rows(findings('samples/valid/lote-honorarios.xml', ID, [['<ans:quantidadeExecutada>1</ans:quantidadeExecutada>', '<ans:quantidadeExecutada>0</ans:quantidadeExecutada>']]))).toEqual([[62, expect.stringContaining('A quantidade 0 em <quantidadeExecutada>'), { value: '0', glosa: ['1806'] }]]);
  });

  it('outras despesas: the glosa follows codigoDespesa (03 materiais → 2005; 07 taxas has no own code)', () => {
    expect(findings(SADT, ID, [[/(<ans:codigoDespesa>03<\/ans:codigoDespesa>[\s\S]*?<ans:quantidadeExecutada>)[^<]*</, '$10.0000<']]).map((f) => ({ ...f.data, glosa: f.glosa }))).toEqual([{ value: '0.0000', glosa: ['2005'] }]);
    expect(findings(SADT, ID, [[/(<ans:codigoDespesa>07<\/ans:codigoDespesa>[\s\S]*?<ans:quantidadeExecutada>)[^<]*</, '$10<']]).map((f) => ({ ...f.data, glosa: f.glosa }))).toEqual([{ value: '0', glosa: [] }]);
    expect(findings(RI, ID, [[/(<ans:codigoDespesa>05<\/ans:codigoDespesa>[\s\S]*?<ans:quantidadeExecutada>)[^<]*</, '$10.0000<']]).map((f) => ({ ...f.data, glosa: f.glosa }))).toEqual([{ value: '0.0000', glosa: ['1905'] }]);
  });

  it('a unit value of zero is accepted (the ANS legends ask for zero when the contract does not fix the value)', () => {
    expect(findings(SADT, ID, [['<ans:valorUnitario>5.13</ans:valorUnitario>', '<ans:valorUnitario>0.00</ans:valorUnitario>']])).toEqual([]);
    expect(findings('samples/valid/lote-consulta.xml', ID, [['<ans:valorProcedimento>150.00</ans:valorProcedimento>', '<ans:valorProcedimento>0.00</ans:valorProcedimento>']])).toEqual([]);
  });

  it('GTO and consulta values: negative valorProc, valorFranquia, qtdUS and valorProcedimento', () => {
    expect(rows(findings(GTO, ID, [['<ans:valorProc>80.00</ans:valorProc>', '<ans:qtdUS>-2.00</ans:qtdUS><ans:valorProc>-80.00</ans:valorProc><ans:valorFranquia>-1.00</ans:valorFranquia>']])).map((r) => r[1])).toEqual([
      'A quantidade de US -2.00 em <qtdUS> do item 81000065 é negativa.',
      'O valor -R$ 80,00 em <valorProc> do item 81000065 é negativo.',
      'O valor -R$ 1,00 em <valorFranquia> do item 81000065 é negativo.',
    ]);
    expect(findings('samples/valid/lote-consulta.xml', ID, [['<ans:valorProcedimento>150.00</ans:valorProcedimento>', '<ans:valorProcedimento>-150.00</ans:valorProcedimento>']]).map((f) => f.message)).toEqual([expect.stringMatching(/^O valor -R\$ 150,00 em <valorProcedimento> do item \d+ é negativo\.$/)]);
  });
});

describe('TISS-R-GUIA-REPETIDA-LOTE', () => {
  const ID = 'TISS-R-GUIA-REPETIDA-LOTE';

  it('each repetition points at the first guia with that number', () => {
    const fs = findings('samples/valid/lote-consulta.xml', ID, [
      ['<ans:numeroGuiaPrestador>100087102</ans:numeroGuiaPrestador>', '<ans:numeroGuiaPrestador>100087101</ans:numeroGuiaPrestador>'],
      ['<ans:numeroGuiaPrestador>100087103</ans:numeroGuiaPrestador>', '<ans:numeroGuiaPrestador> 100087101 </ans:numeroGuiaPrestador>'],
    ]);
    expect(fs.map((f) => [f.line, f.message])).toEqual([
      [62, 'A guia 100087101 já foi apresentada neste lote (linha 27).'],
      [98, 'A guia 100087101 já foi apresentada neste lote (linha 27).'],
    ]);
  });

  it('SP/SADT (cabecalhoGuia) and GTO (on the guia itself)', () => {
    expect(findings(SADT, ID, [['<ans:numeroGuiaPrestador>200045312</ans:numeroGuiaPrestador>', '<ans:numeroGuiaPrestador>200045310</ans:numeroGuiaPrestador>']]).map((f) => f.line)).toEqual([333]);
    expect(findings(GTO, ID, [['<ans:numeroGuiaPrestador>500003319</ans:numeroGuiaPrestador>', '<ans:numeroGuiaPrestador>500003318</ans:numeroGuiaPrestador>']]).map((f) => f.line)).toEqual([98]);
  });

  it('the number of another element (a guia principal, the solicitação de internação) is not a repetition', () => {
    expect(findings('samples/valid/lote-honorarios.xml', ID)).toEqual([]);
    expect(findings(RI, ID)).toEqual([]);
  });
});

describe('TISS-R-PROCEDIMENTO-REPETIDO', () => {
  const ID = 'TISS-R-PROCEDIMENTO-REPETIDO';
  // The exérese of the 2nd SP/SADT guia (14:00, via 1, surgeon 00 and assistant 01), repeated right after itself with `edit` applied to the copy.
  const EXERESE = /(<ans:procedimentoExecutado>\s*<ans:sequencialItem>1<\/ans:sequencialItem>\s*<ans:dataExecucao>2026-09-03[\s\S]*?<\/ans:procedimentoExecutado>)/;
  const repeated = (edit: (copy: string) => string = (c) => c) => findings(SADT, ID, [[EXERESE, (m) => m + edit(m)]]);

  it('the same procedure, date and hour twice: a warning at the second item naming the first', () => {
    const fs = repeated();
    // The copy starts on the line where the first item ends.
    expect(fs.map((f) => [f.severity, f.line, f.message])).toEqual([['warning', 253, 'O procedimento 30101468 (tabela 22) se repete na guia com a mesma data (03/09/2026) e hora inicial (14:00:00) do item da linha 215.']]);
    expect(fs[0]!.data).toEqual({ codigoTabela: '22', codigoProcedimento: '30101468', dataExecucao: '2026-09-03', horaInicial: '14:00:00', primeiraLinha: 215 });
  });

  it('allowed: another hour, via de acesso 3 (diferentes vias), another team; the same team without hours is not', () => {
    expect(repeated((c) => c.replace('<ans:horaInicial>14:00:00<', '<ans:horaInicial>15:00:00<'))).toEqual([]);
    expect(repeated((c) => c.replace('<ans:viaAcesso>1<', '<ans:viaAcesso>3<'))).toEqual([]);
    expect(repeated((c) => c.replace(/<ans:equipeSadt>[\s\S]*?<\/ans:equipeSadt>\s*/, ''))).toEqual([]);
    // Hours on one item only: another realization.
    expect(repeated((c) => c.replace(/<ans:horaInicial>.*?<\/ans:horaFinal>/s, ''))).toEqual([]);
    const ambos = findings(SADT, ID, [[EXERESE, (m) => { const c = m.replace(/<ans:horaInicial>.*?<\/ans:horaFinal>/s, ''); return c + c; }]]);
    expect(ambos.map((f) => f.message)).toEqual(['O procedimento 30101468 (tabela 22) se repete na guia com a mesma data (03/09/2026), sem hora inicial, como o item da linha 215.']);
  });

  it('honorários: the same procedure for another grau de participação is not a repetition; for the same one it is', () => {
    const HON = 'samples/valid/lote-honorarios.xml';
    const FIRST = /(<ans:procedimentoRealizado>[\s\S]*?<\/ans:procedimentoRealizado>)/;
    expect(findings(HON, ID, [[FIRST, (m) => m + m.replace('<ans:grauParticipacao>06<', '<ans:grauParticipacao>07<')]])).toEqual([]);
    expect(findings(HON, ID, [[FIRST, (m) => m + m]]).map((f) => f.xpath)).toEqual(['/mensagemTISS/prestadorParaOperadora/loteGuias/guiasTISS/guiaHonorarios[1]/procedimentosRealizados/procedimentoRealizado[2]']);
    expect(findings(HON, ID)).toEqual([]);
    expect(findings(RI, ID)).toEqual([]);
  });
});

describe('TISS-R-DIARIAS-PERIODO', () => {
  const ID = 'TISS-R-DIARIAS-PERIODO';
  const FIM = '<ans:dataFinalFaturamento>2026-08-22</ans:dataFinalFaturamento>';
  const HORA_FIM = '<ans:horaFinalFaturamento>10:30:00</ans:horaFinalFaturamento>';
  const QTD = '<ans:quantidadeExecutada>2.0000</ans:quantidadeExecutada>';
  const qtd = (n: string): [string, string] => [QTD, `<ans:quantidadeExecutada>${n}</ans:quantidadeExecutada>`];

  it('20/08 07:00 to 22/08 10:30: 2 days (the day of alta is not a diária) and one 24-hour period begun: 3 pass, 4 do not', () => {
    expect(findings(RI, ID, [qtd('3.0000')])).toEqual([]);
    const [f, ...rest] = findings(RI, ID, [qtd('4.0000')]);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ severity: 'warning', line: 148, message: 'Foram cobradas 4 diárias, mas o período faturado (20/08/2026 07:00 a 22/08/2026 10:30) comporta no máximo 3.' });
    expect(f!.data).toEqual({ diarias: 4, maximo: 3, dataInicioFaturamento: '2026-08-20', dataFinalFaturamento: '2026-08-22', acompanhante: false });
  });

  it('alta before the hour of admission: only the days count; the same day is one diária', () => {
    expect(findings(RI, ID, [qtd('3.0000'), [HORA_FIM, '<ans:horaFinalFaturamento>06:00:00</ans:horaFinalFaturamento>']]).map((f) => f.data)).toEqual([expect.objectContaining({ diarias: 3, maximo: 2 })]);
    expect(findings(RI, ID, [qtd('1.0000'), [FIM, '<ans:dataFinalFaturamento>2026-08-20</ans:dataFinalFaturamento>']])).toEqual([]);
    expect(findings(RI, ID, [[FIM, '<ans:dataFinalFaturamento>2026-08-20</ans:dataFinalFaturamento>']]).map((f) => f.data)).toEqual([expect.objectContaining({ diarias: 2, maximo: 1 })]);
  });

  it("diárias split over items are summed, reported once at the item that passes the limit; a companion's are counted apart", () => {
    const DIARIA = /(<ans:despesa>\s*<ans:sequencialItem>3<\/ans:sequencialItem>[\s\S]*?<\/ans:despesa>)/;
    const twice = findings(RI, ID, [[DIARIA, (m) => m + m.replace('<ans:sequencialItem>3<', '<ans:sequencialItem>30<')]]);
    expect(twice.map((f) => [f.line, f.message])).toEqual([[162, 'Foram cobradas 4 diárias, mas o período faturado (20/08/2026 07:00 a 22/08/2026 10:30) comporta no máximo 3.']]);
    const companion = (m: string) => m.replace('<ans:sequencialItem>3<', '<ans:sequencialItem>30<').replace('Diária de apartamento', 'Diária de acompanhante');
    expect(findings(RI, ID, [[DIARIA, (m) => m + companion(m)]])).toEqual([]);
    expect(findings(RI, ID, [[DIARIA, (m) => m + companion(m).replace(QTD, '<ans:quantidadeExecutada>4.0000</ans:quantidadeExecutada>')]]).map((f) => f.message)).toEqual([
      'Foram cobradas 4 diárias de acompanhante, mas o período faturado (20/08/2026 07:00 a 22/08/2026 10:30) comporta no máximo 3.',
    ]);
  });
});
