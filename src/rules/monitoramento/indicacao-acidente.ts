import { get, text } from '../../xml/query.js';
import { defineRule } from '../types.js';
import { guiasMonitoramento, TIPO_GUIA } from './util.js';
import { MONITORAMENTO } from '../versions.js';

/** indicacaoAcidente never in odonto and honorários. */
export const monIndicacaoAcidente = defineRule({
  meta: {
    id: 'TISS-R-MON-INDICACAO-ACIDENTE',
    title: 'Indicação de acidente em guia de odontologia ou honorários',
    severity: 'warning',
    appliesTo: ['guiaMonitoramento'],
    scope: ['mensagemEnvioANS/Mensagem/operadoraParaANS/guiaMonitoramento (Envio de Dados 1.02.00)'],
    versions: MONITORAMENTO,
    description:
      'No Envio de Dados, a indicação de acidente (indicacaoAcidente, tabela 36) não deve ser informada em guias de tratamento odontológico (tipoEventoAtencao = 4) nem de honorários (5).',
    source: {
      text: 'Indicação de Acidente. Preencher opções do Componente de Representação de Conceitos em Saúde - TUSS Demais Terminologias - Tabela 36. Não deve ser preenchido quando os tipos de guia forem iguais a 4 - Tratamento Odontológico ou 5 - Honorários',
      origin: 'SECONDARY',
      reference: 'regras-condicionais MON-13 (crítica ANS do Envio de Dados, campo 037, erro 5029; transcrição de terceiros)',
    },
    examples: {
      pass: 'samples/rules/passa/mon-guia-solic-internacao.xml',
      fail: 'samples/rules/mon-indicacao-acidente.xml',
      failAt: { xpath: '/mensagemEnvioANS/Mensagem/operadoraParaANS/guiaMonitoramento[1]/indicacaoAcidente' },
    },
    messages: {
      naoSeAplica: 'A indicação de acidente ({{valor}}) não deve ser informada numa guia tipo {{tipo}}.',
    },
    fixes: {
      naoSeAplica: 'Retire <indicacaoAcidente> desta guia.',
    },
  },
  check(ctx) {
    for (const g of guiasMonitoramento(ctx)) {
      if (g.tipo !== '4' && g.tipo !== '5') continue;
      const node = get(g.node, 'indicacaoAcidente');
      if (!node) continue;
      const value = text(node) ?? '';
      ctx.report(node, 'naoSeAplica', {
        args: { valor: value, tipo: TIPO_GUIA[g.tipo]! },
        data: { tipo: g.tipo, value },
      });
    }
  },
});
