import { get, getAll, text } from '../../xml/query.js';
import { defineRule } from '../types.js';
import { guiasMonitoramento, TIPO_GUIA } from './util.js';
import { MONITORAMENTO } from '../versions.js';

/** procedimentos/denteFace only in guias de tratamento odontológico. */
export const monDenteFaceOdonto = defineRule({
  meta: {
    id: 'TISS-R-MON-DENTE-FACE-ODONTO',
    title: 'Face do dente só em guia odontológica',
    severity: 'warning',
    appliesTo: ['guiaMonitoramento'],
    scope: ['mensagemEnvioANS/Mensagem/operadoraParaANS/guiaMonitoramento/procedimentos (Envio de Dados 1.02.00)'],
    versions: MONITORAMENTO,
    description:
      'No Envio de Dados, a face do dente (procedimentos/denteFace, tabela 32) só pode ser informada em guias de tratamento odontológico (tipoEventoAtencao = 4).',
    source: {
      text: 'Identificação da face do dente. Preencher opções do Componente de Representação de Conceitos em Saúde - TUSS Demais Terminologias - Tabela 32. Não pode ser informado em guia diferente de 4 (Odonto).',
      origin: 'SECONDARY',
      reference: 'regras-condicionais MON-30 (crítica ANS do Envio de Dados, campo 069, erro 5039; transcrição de terceiros)',
    },
    examples: {
      pass: 'samples/rules/passa/mon-dente-face-odonto.xml',
      fail: 'samples/rules/mon-dente-face-odonto.xml',
      failAt: { xpath: '/mensagemEnvioANS/Mensagem/operadoraParaANS/guiaMonitoramento[1]/procedimentos[1]/denteFace' },
    },
    messages: {
      foraDaOdontologia: 'A face do dente ({{valor}}) foi informada num item de guia tipo {{tipo}}; só guias de tratamento odontológico (tipo 4) levam face do dente.',
    },
    fixes: {
      foraDaOdontologia: 'Retire <denteFace> deste item, ou confira <tipoEventoAtencao> se a guia é odontológica.',
    },
  },
  check(ctx) {
    for (const g of guiasMonitoramento(ctx)) {
      if (g.tipo === '4') continue;
      for (const proc of getAll(g.node, 'procedimentos')) {
        const face = get(proc, 'denteFace');
        if (!face) continue;
        const value = text(face) ?? '';
        ctx.report(face, 'foraDaOdontologia', {
          args: { valor: value, tipo: TIPO_GUIA[g.tipo] ?? g.tipo },
          data: { tipo: g.tipo, value },
        });
      }
    }
  },
});
