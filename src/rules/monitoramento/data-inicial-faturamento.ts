import { filled, get, text } from '../../xml/query.js';
import type { Rule } from '../types.js';
import { dataRegistroTransacao, descreve, guiasMonitoramento, isoDate } from './util.js';
import { dateBR } from '../../locale/pt-br.js';
import { MONITORAMENTO } from '../versions.js';

/** dataInicialFaturamento: required for parcial billing; before today and not after dataRegistroTransacao. */
export const monDataInicialFaturamento: Rule = {
  meta: {
    id: 'TISS-R-MON-DATA-INICIAL-FATURAMENTO',
    title: 'Data inicial do faturamento em cobrança parcial',
    severity: 'warning',
    appliesTo: ['guiaMonitoramento'],
    scope: ['mensagemEnvioANS/Mensagem/operadoraParaANS/guiaMonitoramento (Envio de Dados 1.02.00)'],
    versions: MONITORAMENTO,
    description:
      'No Envio de Dados, a data de início do faturamento (dataInicialFaturamento) deve ser informada nas cobranças parciais (tipoFaturamento = 1, ou P nas versões antigas). Quando informada, deve ser anterior à data atual e menor ou igual à data de registro da transação (cabecalho/identificacaoTransacao/dataRegistroTransacao).',
    source: {
      text: 'Data início do faturamento. Deve ser preenchido para as cobranças parciais. Deve ser anterior a data atual, menor ou igual a data de registro da transação.',
      origin: 'SECONDARY',
      reference: 'regras-condicionais MON-07 (crítica ANS do Envio de Dados, campo 030, erro 1323; transcrição de terceiros)',
    },
    examples: {
      pass: 'samples/rules/passa/mon-campos-internacao.xml',
      fail: 'samples/rules/mon-data-inicial-faturamento.xml',
      failAt: { xpath: '/mensagemEnvioANS/Mensagem/operadoraParaANS/guiaMonitoramento[3]' },
    },
  },
  check(ctx) {
    for (const g of guiasMonitoramento(ctx)) {
      const node = get(g.node, 'dataInicialFaturamento');
      if (!node) {
        const tipoFaturamento = text(g.node, 'tipoFaturamento');
        if ((tipoFaturamento === '1' || tipoFaturamento === 'P') && !filled(g.node, 'dataInicialFaturamento')) {
          ctx.report(g.node, `Na ${descreve(g)}, a cobrança é parcial (tipoFaturamento = ${tipoFaturamento}), mas a data de início do faturamento (<dataInicialFaturamento>) não foi informada.`, {
            fix: 'Informe <dataInicialFaturamento> (AAAA-MM-DD), depois de <dataRealizacao>, com a data de início do período cobrado.',
            data: { tipoFaturamento },
          });
        }
        continue;
      }
      const date = isoDate(node);
      if (!date) continue;
      const registro = dataRegistroTransacao(g.node);
      if (registro && date > registro.date) {
        ctx.report(node, `A data de início do faturamento (${dateBR(date)}) é posterior à data de registro da transação (${dateBR(registro.date)}).`, {
          fix: 'Confira <dataInicialFaturamento>: deve ser menor ou igual à <dataRegistroTransacao> do cabeçalho.',
          data: { value: date, dataRegistroTransacao: registro.date },
        });
      } else if (date >= ctx.today) {
        ctx.report(node, `A data de início do faturamento (${dateBR(date)}) deve ser anterior à data atual (${dateBR(ctx.today)}).`, {
          fix: 'Confira <dataInicialFaturamento>: deve ser anterior a hoje.',
          data: { value: date, today: ctx.today },
        });
      }
    }
  },
};
