import { get, getAll, text } from '../../xml/query.js';
import { defineRule } from '../types.js';
import { guiasMonitoramento, TIPO_GUIA } from './util.js';
import { MONITORAMENTO_FROM_1_04 } from '../versions.js';

/** diagnosticosCID10 only in internação, without repeated codes. */
export const monCidInternacao = defineRule({
  meta: {
    id: 'TISS-R-MON-CID-INTERNACAO',
    title: 'CID-10 só em internação e sem repetição',
    severity: 'warning',
    appliesTo: ['guiaMonitoramento'],
    scope: ['mensagemEnvioANS/Mensagem/operadoraParaANS/guiaMonitoramento (Envio de Dados 1.02.00)'],
    versions: MONITORAMENTO_FROM_1_04,
    description:
      'No Envio de Dados, os diagnósticos CID-10 (diagnosticosCID10/diagnosticoCID) só podem ser informados em guias de internação (tipoEventoAtencao = 3), e o mesmo CID não pode se repetir entre o principal e os demais.',
    source: {
      text: 'Informar o CID Principal constante no CID 10. Não pode ser igual ao informado nos demais campos de CID.Somente pode ser informado em guia tipo 3.',
      origin: 'SECONDARY',
      reference: 'regras-condicionais MON-17 (crítica ANS do Envio de Dados, campos 041-044, erro 1509/5067; transcrição de terceiros)',
    },
    examples: {
      pass: 'samples/rules/passa/mon-campos-internacao-1.06.xml',
      fail: 'samples/rules/mon-cid-internacao.xml',
      failAt: { xpath: '/mensagemEnvioANS/Mensagem/operadoraParaANS/guiaMonitoramento[1]/diagnosticosCID10/diagnosticoCID[2]' },
    },
    messages: {
      foraDaInternacao: 'Diagnósticos CID-10 foram informados numa guia tipo {{tipo}}; só as guias de internação (tipo 3) levam CID no Envio de Dados.',
      repetido: 'O CID {{cid}} foi informado mais de uma vez nos diagnósticos da guia.',
    },
    fixes: {
      foraDaInternacao: 'Retire <diagnosticosCID10> desta guia.',
      repetido: 'Informe cada CID uma só vez: o principal e, se houver, outros diagnósticos diferentes.',
    },
  },
  check(ctx) {
    for (const g of guiasMonitoramento(ctx)) {
      const block = get(g.node, 'diagnosticosCID10');
      if (!block) continue;
      if (g.tipo !== '3') {
        ctx.report(block, 'foraDaInternacao', {
          args: { tipo: TIPO_GUIA[g.tipo] ?? g.tipo },
          data: { tipo: g.tipo },
        });
        continue;
      }
      const seen = new Set<string>();
      for (const cid of getAll(block, 'diagnosticoCID')) {
        const code = (text(cid) ?? '').toUpperCase();
        if (code === '') continue;
        if (seen.has(code)) {
          ctx.report(cid, 'repetido', {
            args: { cid: code },
            data: { value: code },
            glosa: ['5067'], // DIAGNÓSTICO EM DUPLICIDADE (Monitoramento 1.06.00)
          });
        }
        seen.add(code);
      }
    }
  },
});
