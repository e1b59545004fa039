import { ownText, type XNode } from '../../xml/tree.js';
import { defineRule } from '../types.js';
import { EVERY_VERSION } from '../versions.js';
import { dateBR } from '../../locale/pt-br.js';

/** Dates that may legitimately lie ahead (validity of a senha or of a card). */
const FUTURE_ALLOWED = /^dataValidade|^dataPrevista|^dataProvavel|Validade$/;

/**
 * In a demonstrativo de pagamento (and in the request for one) `dataPagamento` is the date the
 * operadora will pay, scheduled ahead (issue 14); in Envio de Dados it is a payment made, and stays checked.
 */
function scheduledPayment(node: XNode): boolean {
  if (node.local !== 'dataPagamento') return false;
  for (let cur = node.parent; cur; cur = cur.parent) if (/demonstrativo/i.test(cur.local)) return true;
  return false;
}

/** Date elements of TISS 4.00.00 and Envio de Dados 1.02.00 (st_data/st_dataPadrao) that record past events. */
const DATE_ELEMENTS = [
  'dataRegistroTransacao', 'dataAtendimento', 'dataSolicitacao', 'dataAutorizacao', 'dataExecucao', 'dataEmissaoGuia',
  'dataInicioFaturamento', 'dataFinalFaturamento', 'dataFimFaturamento', 'dataEmissao', 'dataRealizacao', 'dataNascimento',
  'dataEmissao_SolicitacaoAnexo', 'dataProcessamentoGuia', 'dataProcessamento', 'dataPagamento', 'dataProtocolo', 'dataRecebimento',
  'dataFornecimento', 'dataInternacao', 'dataAlta', 'dataObito', 'dataEnvioLote', 'dataDiagnostico', 'dataRecurso', 'dataCirurgia',
  'dataTransacao', 'dataEmissaoDocumento',
];

export const dataFutura = defineRule({
  meta: {
    id: 'TISS-R-DATA-FUTURA',
    title: 'Data no futuro',
    severity: 'error',
    appliesTo: DATE_ELEMENTS,
    scope: ['todas as mensagens: campos de data (exceto validade de senha/carteira e data de pagamento de demonstrativo)'],
    versions: EVERY_VERSION,
    description:
      'Datas de atendimento, solicitação, execução, emissão, autorização, nascimento e registro da transação não podem ser posteriores à data de hoje. Não valem para a validade de senha ou carteira nem para a data de pagamento (<dataPagamento>) de um demonstrativo de pagamento ou da solicitação de um demonstrativo, que é uma data agendada; no Envio de Dados a data de pagamento é de um pagamento feito e continua conferida.',
    source: {
      text: '1323 DATA PREENCHIDA INCORRETAMENTE',
      origin: 'CHECK',
      reference: 'ANS, Tabela 38 (glosa 1323); datas de eventos já ocorridos não podem estar no futuro',
    },
    examples: {
      pass: 'samples/rules/passa/demonstrativo-pagamento-agendado.xml',
      fail: 'samples/rules/data-futura.xml',
      failAt: { xpath: '/mensagemTISS/prestadorParaOperadora/loteGuias/guiasTISS/guiaConsulta[2]/dadosAtendimento/dataAtendimento' },
    },
    messages: {
      futura: 'A data {{data}} em <{{elemento}}> está no futuro (hoje é {{hoje}}).',
    },
    fixes: {
      futura: 'Confira o ano e o mês; datas de eventos já ocorridos não podem ser futuras.',
    },
  },
  check(ctx) {
    for (const node of ctx.nodes()) {
      if (FUTURE_ALLOWED.test(node.local) || node.hasChildren || scheduledPayment(node)) continue;
      const value = ownText(node).trim();
      if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || value <= ctx.today) continue;
      ctx.report(node, 'futura', {
        args: { data: dateBR(value), elemento: node.local, hoje: dateBR(ctx.today) },
        data: { value, today: ctx.today },
      });
    }
  },
});
