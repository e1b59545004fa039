import { get, getAll, text } from '../../xml/query.js';
import { dateBR } from '../../locale/pt-br.js';
import { defineRule } from '../types.js';
import { TISS_4 } from '../versions.js';
import { isoDate, itemCode, serviceDates } from './util.js';

/**
 * dataAutorizacao after the service it authorizes. SP/SADT: dadosAutorizacao (ct_autorizacaoSADT) ×
 * the dataExecucao of procedures and outras despesas; GTO: dataAutorizacao × dataRealizacao; resumo de
 * internação: dadosAutorizacao (ct_autorizacaoInternacao) × dataInicioFaturamento. Honorários and
 * consulta carry no dataAutorizacao. One finding per guia, at dataAutorizacao; urgência (caráter 2, GTO
 * tipoAtendimento 4) lowers it to info, since an urgent service is authorized after the fact.
 */
export const autorizacaoPosterior = defineRule({
  meta: {
    id: 'TISS-R-AUTORIZACAO-POSTERIOR',
    title: 'Autorização posterior ao atendimento',
    severity: 'warning',
    appliesTo: ['guiaSP-SADT', 'guiaResumoInternacao', 'guiaOdonto'],
    scope: [
      'loteGuias/guiaSP-SADT: dadosAutorizacao/dataAutorizacao × dataExecucao dos procedimentos executados e das outras despesas',
      'loteGuias/guiaResumoInternacao: dadosAutorizacao/dataAutorizacao × dadosInternacao/dataInicioFaturamento',
      'loteGuias/guiaOdonto (GTO): dataAutorizacao × procedimentosExecutados/dataRealizacao',
    ],
    versions: TISS_4,
    description:
      'A data da autorização não pode ser posterior à do atendimento que ela autoriza: na SP/SADT, à data de execução de um procedimento ou item de outras despesas; na GTO, à data de realização de um procedimento; no resumo de internação, ao início do período faturado (dataInicioFaturamento; numa cobrança parcial, o início daquela parcela, que já é posterior à internação). Um achado por guia, na data da autorização, com o primeiro item realizado antes dela. Aviso em atendimento eletivo; informação em urgência/emergência (caráter de atendimento 2; na GTO, tipo de atendimento 4), em que a autorização costuma vir depois do atendimento. Datas iguais não são achado. Glosas: 1825/2717 (procedimento ou exame ambulatorial) e 2822 (pacote, tabela 98) na SP/SADT; 1814/2706 e 2811 na internação; 3014 na GTO. O código exato entre procedimento e exame depende da tabela da operadora: o campo `glosa` de cada achado traz os candidatos daquele caso.',
    source: {
      text: '1814 COBRANÇA DE PROCEDIMENTO COM DATA DE AUTORIZAÇÃO POSTERIOR À DO ATENDIMENTO. 1825 COBRANÇA DE PROCEDIMENTO AMBULATORIAL COM DATA DE AUTORIZAÇÃO POSTERIOR À DO ATENDIMENTO. 2706 COBRANÇA DE PROCEDIMENTO/EXAME COM DATA DE AUTORIZAÇÃO POSTERIOR À DO ATENDIMENTO. 2717 COBRANÇA DE EXAME AMBULATORIAL COM DATA DE AUTORIZAÇÃO POSTERIOR À DO ATENDIMENTO. 2811 COBRANÇA DE PACOTE COM DATA DE AUTORIZAÇÃO POSTERIOR À DO ATENDIMENTO. 2822 COBRANÇA DE PACOTE AMBULATORIAL COM DATA DE AUTORIZAÇÃO POSTERIOR À DO ATENDIMENTO. 3014 COBRANÇA DE PROCEDIMENTO ODONTOLÓGICO COM DATA DE AUTORIZAÇÃO POSTERIOR À DO ATENDIMENTO.',
      origin: 'CHECK',
      reference: 'ANS, Tabela 38 (dm_tipoGlosa, 4.00.00 a 4.03.00): glosas 1814, 1825, 2706, 2717, 2811, 2822 e 3014',
    },
    glosa: ['1814', '1825', '2706', '2717', '2811', '2822', '3014'],
    examples: {
      pass: 'samples/valid/lote-sp-sadt.xml',
      fail: 'samples/rules/autorizacao-posterior.xml',
      failAt: { xpath: '/mensagemTISS/prestadorParaOperadora/loteGuias/guiasTISS/guiaSP-SADT[2]/dadosAutorizacao/dataAutorizacao' },
    },
    messages: {
      item: 'A data da autorização ({{autorizacao}}) é posterior à do atendimento: o item {{codigo}} foi realizado em {{atendimento}} (linha {{linha}}).',
      itens: 'A data da autorização ({{autorizacao}}) é posterior à do atendimento: {{quantidade}} itens foram realizados antes dela, o primeiro ({{codigo}}) em {{atendimento}} (linha {{linha}}).',
      itemUrgencia: 'A data da autorização ({{autorizacao}}) é posterior à do atendimento de urgência: o item {{codigo}} foi realizado em {{atendimento}} (linha {{linha}}).',
      itensUrgencia: 'A data da autorização ({{autorizacao}}) é posterior à do atendimento de urgência: {{quantidade}} itens foram realizados antes dela, o primeiro ({{codigo}}) em {{atendimento}} (linha {{linha}}).',
      internacao: 'A data da autorização ({{autorizacao}}) é posterior ao início da internação faturada ({{inicio}}).',
      internacaoUrgencia: 'A data da autorização ({{autorizacao}}) é posterior ao início da internação de urgência faturada ({{inicio}}).',
    },
    fixes: {
      item: 'Confira a data da autorização e as datas de execução; se o atendimento eletivo foi feito antes de autorizado, a operadora pode glosá-lo.',
      itens: 'Confira a data da autorização e as datas de execução; se o atendimento eletivo foi feito antes de autorizado, a operadora pode glosá-lo.',
      itemUrgencia: 'Em urgência/emergência a autorização pode ser posterior; confira se foi pedida no prazo que o contrato com a operadora prevê.',
      itensUrgencia: 'Em urgência/emergência a autorização pode ser posterior; confira se foi pedida no prazo que o contrato com a operadora prevê.',
      internacao: 'Confira a data da autorização e a data de início do faturamento; uma internação eletiva deve ser autorizada antes de começar.',
      internacaoUrgencia: 'Em internação de urgência/emergência a autorização pode ser posterior; confira se foi pedida no prazo que o contrato com a operadora prevê.',
    },
  },
  check(ctx) {
    for (const guia of [...ctx.all('guiaSP-SADT'), ...ctx.all('guiaOdonto')]) {
      const odonto = guia.local === 'guiaOdonto';
      const autNode = odonto ? get(guia, 'dataAutorizacao') : get(guia, 'dadosAutorizacao', 'dataAutorizacao');
      const autorizacao = isoDate(autNode);
      if (!autNode || !autorizacao) continue;
      const before = serviceDates(guia).filter((d) => d.date < autorizacao);
      if (before.length === 0) continue;
      const first = before.reduce((a, b) => (b.date < a.date ? b : a));
      const urgencia = odonto ? text(guia, 'tipoAtendimento') === '4' : text(guia, 'dadosSolicitacao', 'caraterAtendimento') === '2';
      const { codigo } = itemCode(first);
      const pacote = before.some((d) => itemCode(d).tabela === '98');
      const glosa = odonto ? ['3014'] : ['1825', '2717', ...(pacote ? ['2822'] : [])];
      const base = { autorizacao: dateBR(autorizacao), codigo, atendimento: dateBR(first.date), linha: first.node.line };
      const data = { dataAutorizacao: autorizacao, primeiroAtendimento: first.date, itens: before.length, urgencia };
      const severity = urgencia ? { severity: 'info' as const } : {};
      if (before.length === 1) ctx.report(autNode, urgencia ? 'itemUrgencia' : 'item', { args: base, data, glosa, ...severity });
      else ctx.report(autNode, urgencia ? 'itensUrgencia' : 'itens', { args: { ...base, quantidade: before.length }, data, glosa, ...severity });
    }
    for (const guia of ctx.all('guiaResumoInternacao')) {
      const autNode = get(guia, 'dadosAutorizacao', 'dataAutorizacao');
      const autorizacao = isoDate(autNode);
      const inicio = isoDate(guia, 'dadosInternacao', 'dataInicioFaturamento');
      if (!autNode || !autorizacao || !inicio || inicio >= autorizacao) continue;
      const urgencia = text(guia, 'dadosInternacao', 'caraterAtendimento') === '2';
      const pacote = getAll(guia, 'procedimentosExecutados', 'procedimentoExecutado', 'procedimento').some((p) => text(p, 'codigoTabela') === '98');
      const glosa = ['1814', '2706', ...(pacote ? ['2811'] : [])];
      ctx.report(autNode, urgencia ? 'internacaoUrgencia' : 'internacao', {
        args: { autorizacao: dateBR(autorizacao), inicio: dateBR(inicio) },
        data: { dataAutorizacao: autorizacao, dataInicioFaturamento: inicio, urgencia },
        glosa,
        ...(urgencia ? { severity: 'info' as const } : {}),
      });
    }
  },
});
