import { get, text } from '../../xml/query.js';
import { dateBR } from '../../locale/pt-br.js';
import { defineRule } from '../types.js';
import { TISS_4 } from '../versions.js';
import { isoDate, itemCode, serviceDates } from './util.js';

/**
 * The senha's validity before the service: SP/SADT dadosAutorizacao/dataValidadeSenha × dataExecucao
 * of procedures and outras despesas; GTO validadeSenha × dataRealizacao; resumo de internação
 * dadosAutorizacao/dataValidadeSenha × dataInicioFaturamento, only for faturamento total (4), where the
 * billed period starts at the admission (a parcial, final or complementar may start after a valid
 * admission). One finding per guia, at the validity date.
 */
export const senhaVencida = defineRule({
  meta: {
    id: 'TISS-R-SENHA-VENCIDA',
    title: 'Senha vencida na data do atendimento',
    severity: 'error',
    appliesTo: ['guiaSP-SADT', 'guiaResumoInternacao', 'guiaOdonto'],
    scope: [
      'loteGuias/guiaSP-SADT: dadosAutorizacao/dataValidadeSenha × dataExecucao dos procedimentos executados e das outras despesas',
      'loteGuias/guiaResumoInternacao com tipoFaturamento 4 (total): dadosAutorizacao/dataValidadeSenha × dadosInternacao/dataInicioFaturamento',
      'loteGuias/guiaOdonto (GTO): validadeSenha × procedimentosExecutados/dataRealizacao',
    ],
    versions: TISS_4,
    description:
      'A senha de autorização vale até a data de validade informada pela operadora; o atendimento feito depois dela é glosado. Na SP/SADT, compara-se a validade com a data de execução de cada procedimento e item de outras despesas; na GTO, com a data de realização de cada procedimento; no resumo de internação, com o início do faturamento, só quando o faturamento é total (tipoFaturamento 4), em que o período começa na internação (uma cobrança parcial, final ou complementar pode começar depois de uma internação feita dentro da validade). O atendimento na própria data de validade é aceito. Um achado por guia, na data de validade, com o primeiro atendimento posterior a ela. Sem data de validade, a regra se cala.',
    source: {
      text: '1405 DATA DE VALIDADE DA SENHA É ANTERIOR A DATA DO ATENDIMENTO. 1414 DATA DE VALIDADE DA SENHA EXPIRADA.',
      origin: 'CHECK',
      reference: 'ANS, Tabela 38 (dm_tipoGlosa, 4.00.00 a 4.03.00): glosas 1405 e 1414; legendas SADT-05 e RI-02 (dataValidadeSenha)',
    },
    glosa: ['1405', '1414'],
    examples: {
      pass: 'samples/valid/lote-sp-sadt.xml',
      fail: 'samples/rules/senha-vencida.xml',
      failAt: { xpath: '/mensagemTISS/prestadorParaOperadora/loteGuias/guiasTISS/guiaSP-SADT[3]/dadosAutorizacao/dataValidadeSenha' },
    },
    messages: {
      item: 'A senha venceu em {{validade}}, antes do atendimento: o item {{codigo}} foi realizado em {{atendimento}} (linha {{linha}}).',
      itens: 'A senha venceu em {{validade}}, antes do atendimento: {{quantidade}} itens foram realizados depois dela, o primeiro ({{codigo}}) em {{atendimento}} (linha {{linha}}).',
      internacao: 'A senha venceu em {{validade}}, antes do início da internação faturada ({{inicio}}).',
    },
    fixes: {
      item: 'Confira a data de validade da senha e as datas de execução; se a senha venceu, peça à operadora uma nova autorização (ou a prorrogação da senha) antes de cobrar.',
      itens: 'Confira a data de validade da senha e as datas de execução; se a senha venceu, peça à operadora uma nova autorização (ou a prorrogação da senha) antes de cobrar.',
      internacao: 'Confira a data de validade da senha e a data de início do faturamento; se a internação começou depois da validade, peça à operadora uma nova senha.',
    },
  },
  check(ctx) {
    for (const guia of [...ctx.all('guiaSP-SADT'), ...ctx.all('guiaOdonto')]) {
      const node = guia.local === 'guiaOdonto' ? get(guia, 'validadeSenha') : get(guia, 'dadosAutorizacao', 'dataValidadeSenha');
      const validade = isoDate(node);
      if (!node || !validade) continue;
      const after = serviceDates(guia).filter((d) => d.date > validade);
      if (after.length === 0) continue;
      const first = after.reduce((a, b) => (b.date < a.date ? b : a));
      const base = { validade: dateBR(validade), codigo: itemCode(first).codigo, atendimento: dateBR(first.date), linha: first.node.line };
      const data = { dataValidadeSenha: validade, primeiroAtendimento: first.date, itens: after.length };
      if (after.length === 1) ctx.report(node, 'item', { args: base, data });
      else ctx.report(node, 'itens', { args: { ...base, quantidade: after.length }, data });
    }
    for (const guia of ctx.all('guiaResumoInternacao')) {
      if (text(guia, 'dadosInternacao', 'tipoFaturamento') !== '4') continue;
      const node = get(guia, 'dadosAutorizacao', 'dataValidadeSenha');
      const validade = isoDate(node);
      const inicio = isoDate(guia, 'dadosInternacao', 'dataInicioFaturamento');
      if (!node || !validade || !inicio || inicio <= validade) continue;
      ctx.report(node, 'internacao', { args: { validade: dateBR(validade), inicio: dateBR(inicio) }, data: { dataValidadeSenha: validade, dataInicioFaturamento: inicio } });
    }
  },
});
