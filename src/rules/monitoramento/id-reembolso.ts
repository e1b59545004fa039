import { get, text } from '../../xml/query.js';
import { defineRule } from '../types.js';
import { descreve, guiasMonitoramento, onlyZeros, ZEROS20 } from './util.js';
import { MONITORAMENTO } from '../versions.js';

/** identificacaoReembolso: 20 zeros for the rede (origem 1-3); a real identifier for reembolso (4) and prestador eventual (5). */
export const monIdReembolso = defineRule({
  meta: {
    id: 'TISS-R-MON-ID-REEMBOLSO',
    title: 'Identificação do reembolso conforme a origem da guia',
    severity: 'error',
    appliesTo: ['guiaMonitoramento'],
    scope: ['mensagemEnvioANS/Mensagem/operadoraParaANS/guiaMonitoramento (Envio de Dados 1.02.00)'],
    versions: MONITORAMENTO,
    description:
      'No Envio de Dados, a identificação do reembolso na operadora (identificacaoReembolso) deve ser 00000000000000000000 (20 zeros) nas guias de origem 1, 2 e 3 (rede), e deve ser o número que identifica o reembolso (origem 4) ou o pagamento ao prestador eventual (origem 5) nas demais — nunca uma sequência de zeros.',
    source: {
      text: 'No campo Identificação do reembolso na operadora, quando a origem da guia for 5 (prestador eventual), o campo deve ser preenchido com o número que identifica o pagamento a prestador não pertencente à rede da operadora e deve ser diferente de uma sequência de 20 números 0. Origens 1, 2 e 3, deve ser preenchido com 20 zeros.',
      origin: 'PRIMARY',
      reference: 'ANS, TISS 4.00.00 — mudanças: 03 Prestador Eventual (Envio de Dados 1.02.00); origem 4: crítica ANS campo 025 (MON-03)',
    },
    examples: {
      pass: 'samples/valid/monitoramento-guias.xml',
      fail: 'samples/rules/mon-id-reembolso.xml',
      failAt: { xpath: '/mensagemEnvioANS/Mensagem/operadoraParaANS/guiaMonitoramento[3]/identificacaoReembolso' },
    },
    messages: {
      redeNaoZeros: 'Na {{guia}}, a identificação do reembolso deve ser 20 zeros, mas foi informado "{{valor}}".',
      reembolsoSemNumero: 'Na {{guia}}, a identificação do reembolso deve ser o número atribuído pela operadora ao reembolso, mas foi informado "{{valor}}".',
      prestadorEventualSemNumero: 'Na {{guia}}, a identificação do reembolso deve ser o número atribuído pela operadora ao pagamento ao prestador eventual, mas foi informado "{{valor}}".',
    },
    fixes: {
      redeNaoZeros: 'Guias da rede não têm reembolso: informe <identificacaoReembolso>00000000000000000000</identificacaoReembolso>.',
      reembolsoSemNumero: 'Informe em <identificacaoReembolso> o número com que a operadora identifica o reembolso ao beneficiário (diferente de 20 zeros).',
      prestadorEventualSemNumero: 'Informe em <identificacaoReembolso> o número com que a operadora identifica o pagamento ao prestador não pertencente à rede (diferente de 20 zeros).',
    },
  },
  check(ctx) {
    for (const g of guiasMonitoramento(ctx)) {
      const node = get(g.node, 'identificacaoReembolso');
      const value = text(node);
      if (!node || value === undefined) continue;
      if ((g.origem === '1' || g.origem === '2' || g.origem === '3') && value !== ZEROS20) {
        ctx.report(node, 'redeNaoZeros', {
          args: { guia: descreve(g), valor: value },
          data: { origem: g.origem, value },
        });
      } else if ((g.origem === '4' || g.origem === '5') && (value === '' || onlyZeros(value))) {
        ctx.report(node, g.origem === '4' ? 'reembolsoSemNumero' : 'prestadorEventualSemNumero', {
          args: { guia: descreve(g), valor: value },
          data: { origem: g.origem, value },
        });
      }
    }
  },
});
