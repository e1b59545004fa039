import { get } from '../../xml/query.js';
import { defineRule } from '../types.js';
import { guiasMonitoramento, isoDate } from './util.js';
import { dateBR } from '../../locale/pt-br.js';
import { MONITORAMENTO } from '../versions.js';

/** dataPagamento: not before dataProtocoloCobranca and before today (a future date is TISS-R-DATA-FUTURA's). */
export const monDataPagamento = defineRule({
  meta: {
    id: 'TISS-R-MON-DATA-PAGAMENTO',
    title: 'Data do pagamento anterior ao protocolo da cobrança',
    severity: 'warning',
    appliesTo: ['guiaMonitoramento'],
    scope: ['mensagemEnvioANS/Mensagem/operadoraParaANS/guiaMonitoramento (Envio de Dados 1.02.00)'],
    versions: MONITORAMENTO,
    description:
      'No Envio de Dados, a data do pagamento (dataPagamento), quando informada, deve ser maior ou igual à data do protocolo da cobrança (dataProtocoloCobranca) e anterior à data atual (o pagamento com data de hoje também é apontado; datas futuras são apontadas por TISS-R-DATA-FUTURA).',
    source: {
      text: 'Data do pagamento. Esta data deve ser anterior à data atual e maior ou igual à data do protocolo da cobrança.',
      origin: 'SECONDARY',
      reference: 'regras-condicionais MON-09 (crítica ANS do Envio de Dados, campo 033, erro 1323; transcrição de terceiros)',
    },
    examples: {
      pass: 'samples/valid/monitoramento-guias.xml',
      fail: 'samples/rules/mon-data-pagamento.xml',
      failAt: { xpath: '/mensagemEnvioANS/Mensagem/operadoraParaANS/guiaMonitoramento[1]/dataPagamento' },
    },
    messages: {
      anteriorAoProtocolo: 'A data do pagamento ({{data}}) é anterior à data do protocolo da cobrança ({{protocolo}}).',
      naoAnteriorAHoje: 'A data do pagamento ({{data}}) deve ser anterior à data atual.',
    },
    fixes: {
      anteriorAoProtocolo: 'Confira <dataPagamento> e <dataProtocoloCobranca>: o pagamento não pode ser anterior ao protocolo da cobrança.',
      naoAnteriorAHoje: 'Envie a guia com a data de pagamento já ocorrida (anterior a hoje), ou confira <dataPagamento>.',
    },
  },
  check(ctx) {
    for (const g of guiasMonitoramento(ctx)) {
      const node = get(g.node, 'dataPagamento');
      const date = isoDate(node);
      if (!node || !date) continue;
      const protocolo = isoDate(get(g.node, 'dataProtocoloCobranca'));
      if (protocolo && date < protocolo) {
        ctx.report(node, 'anteriorAoProtocolo', {
          args: { data: dateBR(date), protocolo: dateBR(protocolo) },
          data: { value: date, dataProtocoloCobranca: protocolo },
        });
      } else if (date === ctx.today) {
        ctx.report(node, 'naoAnteriorAHoje', {
          args: { data: dateBR(date) },
          data: { value: date, today: ctx.today },
        });
      }
    }
  },
});
