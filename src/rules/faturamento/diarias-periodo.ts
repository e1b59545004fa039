import type { XNode } from '../../xml/tree.js';
import { decimal, get, getAll, text } from '../../xml/query.js';
import { dateBR } from '../../locale/pt-br.js';
import { defineRule } from '../types.js';
import { TISS_4 } from '../versions.js';
import { daysBetween, isoDate } from './util.js';

const DIARIAS = '05';
const HORA = /^\d{2}:\d{2}(:\d{2})?$/;

/** A companion's diária is billed alongside the patient's, so it is counted apart (by its description). */
function deAcompanhante(servico: XNode): boolean {
  return /acompanhante/i.test((text(servico, 'descricaoProcedimento') ?? '').normalize('NFD').replace(/\p{M}/gu, ''));
}

/**
 * Diárias (outrasDespesas/despesa with codigoDespesa 05, their quantidadeExecutada summed) beyond the
 * billed period of a resumo de internação: the days from dataInicioFaturamento to dataFinalFaturamento
 * (the day of alta is not a diária), plus one when horaFinalFaturamento is later than
 * horaInicioFaturamento (a 24-hour period begun), and at least one. A companion's diárias are summed
 * apart and held to the same count.
 */
export const diariasPeriodo = defineRule({
  meta: {
    id: 'TISS-R-DIARIAS-PERIODO',
    title: 'Diárias além do período de internação',
    severity: 'warning',
    appliesTo: ['guiaResumoInternacao'],
    scope: ['loteGuias/guiaResumoInternacao: soma das quantidades de outrasDespesas/despesa com codigoDespesa 05 (diárias) × dadosInternacao (dataInicioFaturamento a dataFinalFaturamento)'],
    versions: TISS_4,
    description:
      'A quantidade de diárias cobradas (soma de quantidadeExecutada das outras despesas com código de despesa 05) não pode passar do número de diárias do período faturado. Conta-se uma diária por dia do início ao fim do faturamento, sem contar o dia da alta (internação de 20 a 22 = 2 diárias), mais uma quando a hora final é posterior à hora inicial (um novo período de 24 horas, contado da hora de início, começou: há contratos que o cobram), e no mínimo uma (internação no mesmo dia). As diárias de acompanhante (descrição com "acompanhante") correm junto com as do paciente: são somadas à parte e conferidas com o mesmo limite. Um achado por soma excedente, no item de diária em que a soma passa do limite. A diária em acomodações diferentes no mesmo dia (glosa 1910) e a prorrogação (1917) dependem de informação que a mensagem não tem.',
    source: {
      text: '1914 COBRANÇA DE DIÁRIA EM QUANTIDADE INCOMPATÍVEL COM A PERMANÊNCIA HOSPITALAR. 3089 QUANTIDADE DE ITENS INCOMPATÍVEL COM O PERÍODO DE INTERNAÇÃO',
      origin: 'CHECK',
      reference: 'ANS, Tabela 38 (dm_tipoGlosa, 4.00.00 a 4.03.00): glosas 1914 e 3089',
    },
    glosa: ['1914', '3089'],
    examples: {
      pass: 'samples/valid/lote-resumo-internacao.xml',
      fail: 'samples/rules/diarias-periodo.xml',
      failAt: { xpath: '/mensagemTISS/prestadorParaOperadora/loteGuias/guiasTISS/guiaResumoInternacao[1]/outrasDespesas/despesa[1]/servicosExecutados/quantidadeExecutada' },
    },
    messages: {
      alem: 'Foram cobradas {{cobradas}} diárias, mas o período faturado ({{inicio}} {{horaInicio}} a {{fim}} {{horaFim}}) comporta no máximo {{maximo}}.',
      alemAcompanhante: 'Foram cobradas {{cobradas}} diárias de acompanhante, mas o período faturado ({{inicio}} {{horaInicio}} a {{fim}} {{horaFim}}) comporta no máximo {{maximo}}.',
    },
    fixes: {
      alem: 'Confira a quantidade de diárias e as datas e horas de início e fim do faturamento; o dia da alta não é uma diária.',
      alemAcompanhante: 'Confira a quantidade de diárias de acompanhante e as datas e horas de início e fim do faturamento; o dia da alta não é uma diária.',
    },
  },
  check(ctx) {
    for (const guia of ctx.all('guiaResumoInternacao')) {
      const dados = get(guia, 'dadosInternacao');
      const inicio = isoDate(dados, 'dataInicioFaturamento');
      const fim = isoDate(dados, 'dataFinalFaturamento');
      if (!inicio || !fim || fim < inicio) continue;
      const horaInicio = text(dados, 'horaInicioFaturamento') ?? '';
      const horaFim = text(dados, 'horaFinalFaturamento') ?? '';
      const comecado = HORA.test(horaInicio) && HORA.test(horaFim) && horaFim > horaInicio ? 1 : 0;
      const maximo = Math.max(1, daysBetween(inicio, fim) + comecado);
      const soma = { paciente: 0, acompanhante: 0 };
      for (const despesa of getAll(guia, 'outrasDespesas', 'despesa')) {
        if (text(despesa, 'codigoDespesa') !== DIARIAS) continue;
        const servico = get(despesa, 'servicosExecutados');
        const qtdNode = get(servico, 'quantidadeExecutada');
        const qtd = decimal(qtdNode);
        if (!servico || !qtdNode || qtd === undefined || qtd <= 0) continue;
        const quem = deAcompanhante(servico) ? 'acompanhante' : 'paciente';
        const antes = soma[quem];
        soma[quem] += qtd;
        // Reported once per sum, at the item that takes it past the limit.
        if (antes > maximo || soma[quem] <= maximo) continue;
        const cobradas = getAll(guia, 'outrasDespesas', 'despesa')
          .filter((d) => text(d, 'codigoDespesa') === DIARIAS && get(d, 'servicosExecutados') && deAcompanhante(get(d, 'servicosExecutados')!) === (quem === 'acompanhante'))
          .reduce((s, d) => s + Math.max(0, decimal(d, 'servicosExecutados', 'quantidadeExecutada') ?? 0), 0);
        const args = { cobradas: Number(cobradas.toFixed(4)), inicio: dateBR(inicio), horaInicio: horaInicio.slice(0, 5), fim: dateBR(fim), horaFim: horaFim.slice(0, 5), maximo };
        ctx.report(qtdNode, quem === 'acompanhante' ? 'alemAcompanhante' : 'alem', {
          args,
          data: { diarias: cobradas, maximo, dataInicioFaturamento: inicio, dataFinalFaturamento: fim, acompanhante: quem === 'acompanhante' },
        });
      }
    }
  },
});
