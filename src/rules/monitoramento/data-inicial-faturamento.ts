import { filled, get, text } from '../../xml/query.js';
import { defineRule } from '../types.js';
import { dataRegistroTransacao, descreve, guiasMonitoramento, isoDate } from './util.js';
import { dateBR } from '../../locale/pt-br.js';
import { MONITORAMENTO } from '../versions.js';

/** dataInicialFaturamento: required for parcial billing; before today and not after dataRegistroTransacao. */
export const monDataInicialFaturamento = defineRule({
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
    messages: {
      ausenteEmCobrancaParcial: 'Na {{guia}}, a cobrança é parcial (tipoFaturamento = {{tipoFaturamento}}), mas a data de início do faturamento (<dataInicialFaturamento>) não foi informada.',
      posteriorAoRegistro: 'A data de início do faturamento ({{data}}) é posterior à data de registro da transação ({{registro}}).',
      naoAnteriorAHoje: 'A data de início do faturamento ({{data}}) deve ser anterior à data atual ({{hoje}}).',
    },
    fixes: {
      ausenteEmCobrancaParcial: 'Informe <dataInicialFaturamento> (AAAA-MM-DD), depois de <dataRealizacao>, com a data de início do período cobrado.',
      posteriorAoRegistro: 'Confira <dataInicialFaturamento>: deve ser menor ou igual à <dataRegistroTransacao> do cabeçalho.',
      naoAnteriorAHoje: 'Confira <dataInicialFaturamento>: deve ser anterior a hoje.',
    },
  },
  check(ctx) {
    for (const g of guiasMonitoramento(ctx)) {
      const node = get(g.node, 'dataInicialFaturamento');
      if (!node) {
        const tipoFaturamento = text(g.node, 'tipoFaturamento');
        if ((tipoFaturamento === '1' || tipoFaturamento === 'P') && !filled(g.node, 'dataInicialFaturamento')) {
          ctx.report(g.node, 'ausenteEmCobrancaParcial', {
            args: { guia: descreve(g), tipoFaturamento },
            data: { tipoFaturamento },
          });
        }
        continue;
      }
      const date = isoDate(node);
      if (!date) continue;
      const registro = dataRegistroTransacao(g.node);
      if (registro && date > registro.date) {
        ctx.report(node, 'posteriorAoRegistro', {
          args: { data: dateBR(date), registro: dateBR(registro.date) },
          data: { value: date, dataRegistroTransacao: registro.date },
        });
      } else if (date >= ctx.today) {
        ctx.report(node, 'naoAnteriorAHoje', {
          args: { data: dateBR(date), hoje: dateBR(ctx.today) },
          data: { value: date, today: ctx.today },
        });
      }
    }
  },
});
