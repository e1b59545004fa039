import { filled } from '../../xml/query.js';
import { defineRule } from '../types.js';
import { descreve, guiasMonitoramento } from './util.js';
import { MONITORAMENTO } from '../versions.js';

/** tipoFaturamento (tabela 55) in internação and odonto. */
export const monTipoFaturamento = defineRule({
  meta: {
    id: 'TISS-R-MON-TIPO-FATURAMENTO',
    title: 'Tipo de faturamento em internação e odontologia',
    severity: 'warning',
    appliesTo: ['guiaMonitoramento'],
    scope: ['mensagemEnvioANS/Mensagem/operadoraParaANS/guiaMonitoramento (Envio de Dados 1.02.00)'],
    versions: MONITORAMENTO,
    description:
      'No Envio de Dados, as guias de internação (tipoEventoAtencao = 3) e de tratamento odontológico (4) devem trazer o tipo de faturamento (tipoFaturamento, tabela 55: 1 parcial, 2 final, 3 complementar, 4 total).',
    source: {
      text: 'Tipo de Faturamento. Preencher em tipo de guia 3 (internação) ou 4 (Odonto)opções do Componente de Representação de Conceitos em Saúde - TUSS Demais Terminologias - Tabela 55',
      origin: 'SECONDARY',
      reference: 'regras-condicionais MON-19 (crítica ANS do Envio de Dados, campo 046, erro 1713; transcrição de terceiros)',
    },
    examples: {
      pass: 'samples/rules/passa/mon-dente-face-odonto.xml',
      fail: 'samples/rules/mon-tipo-faturamento.xml',
      failAt: { xpath: '/mensagemEnvioANS/Mensagem/operadoraParaANS/guiaMonitoramento[1]' },
    },
    messages: {
      ausente: 'Na {{guia}}, o tipo de faturamento (<tipoFaturamento>) não foi informado.',
    },
    fixes: {
      ausente: 'Informe <tipoFaturamento> (1 parcial, 2 final, 3 complementar, 4 total), depois de <saudeOcupacional>/<regimeAtendimento>/<tipoAtendimento> e antes de <diariasAcompanhante>.',
    },
  },
  check(ctx) {
    for (const g of guiasMonitoramento(ctx)) {
      if (g.tipo !== '3' && g.tipo !== '4') continue;
      if (filled(g.node, 'tipoFaturamento')) continue;
      ctx.report(g.node, 'ausente', {
        args: { guia: descreve(g) },
        data: { tipo: g.tipo },
      });
    }
  },
});
