import { filled, text } from '../../xml/query.js';
import { defineRule } from '../types.js';
import { descreve, guiasMonitoramento, prestadorEventual } from './util.js';
import { MONITORAMENTO } from '../versions.js';

/** motivoSaida codes (tabela 39) that require a declaração de óbito, per the ANS critic. */
const OBITO = new Set(['41', '63', '65', '67']);

export const monDeclaracaoObito = defineRule({
  meta: {
    id: 'TISS-R-MON-DECLARACAO-OBITO',
    title: 'Declaração de óbito na internação encerrada por óbito',
    severity: 'warning',
    appliesTo: ['guiaMonitoramento'],
    scope: ['mensagemEnvioANS/Mensagem/operadoraParaANS/guiaMonitoramento (Envio de Dados 1.02.00)'],
    versions: MONITORAMENTO,
    description:
      'No Envio de Dados, numa guia de internação (tipoEventoAtencao = 3) cujo motivo de encerramento (motivoSaida) é 41 (óbito com declaração fornecida pelo médico assistente), 63 (óbito do recém-nascido), 65 (óbito da gestante e do concepto) ou 67 (óbito da mãe), ao menos um número de declaração de óbito (declaracaoObito) deve ser informado. Prestador eventual (origem 5) está dispensado (a operadora preenche se tiver a informação).',
    source: {
      text: 'Número da Declaração de Óbito. Preencher quando o Motivo de Encerramento for 41 ou 63 ou 65 ou 67, e quando o tipo de guia for igua a 3 (Resumo de Internação).',
      origin: 'SECONDARY',
      reference: 'regras-condicionais MON-23 (crítica ANS do Envio de Dados, campo 063, erro 5029/5034; transcrição de terceiros)',
    },
    examples: {
      pass: 'samples/rules/passa/mon-campos-internacao.xml',
      fail: 'samples/rules/mon-declaracao-obito.xml',
      failAt: { xpath: '/mensagemEnvioANS/Mensagem/operadoraParaANS/guiaMonitoramento[1]' },
    },
    messages: {
      ausente: 'Na {{guia}}, encerrada por óbito (motivoSaida = {{motivo}}), o número da declaração de óbito (<declaracaoObito>) não foi informado.',
    },
    fixes: {
      ausente: 'Informe <declaracaoObito> com o número da Declaração de Óbito, depois de <declaracaoNascido> (ou de <valoresGuia>).',
    },
  },
  check(ctx) {
    for (const g of guiasMonitoramento(ctx)) {
      if (g.tipo !== '3' || prestadorEventual(g)) continue;
      const motivo = text(g.node, 'motivoSaida');
      if (motivo === undefined || !OBITO.has(motivo) || filled(g.node, 'declaracaoObito')) continue;
      ctx.report(g.node, 'ausente', {
        args: { guia: descreve(g), motivo },
        data: { motivoSaida: motivo },
      });
    }
  },
});
