import { get, text } from '../../xml/query.js';
import { defineRule } from '../types.js';
import { descreve, guiasMonitoramento, ORIGEM, ZEROS20 } from './util.js';
import { MONITORAMENTO } from '../versions.js';

/** numeroGuia_prestador: 20 zeros for reembolso (4) and prestador eventual (5); a real number otherwise. */
export const monGuiaPrestadorZeros = defineRule({
  meta: {
    id: 'TISS-R-MON-GUIA-PRESTADOR-ZEROS',
    title: 'Número da guia no prestador com 20 zeros só em reembolso e prestador eventual',
    severity: 'error',
    appliesTo: ['guiaMonitoramento'],
    scope: ['mensagemEnvioANS/Mensagem/operadoraParaANS/guiaMonitoramento (Envio de Dados 1.02.00)'],
    versions: MONITORAMENTO,
    description:
      'No Envio de Dados, quando a origem da guia (origemEventoAtencao) é 4 (reembolso ao beneficiário) ou 5 (prestador eventual), o número da guia no prestador (numeroGuia_prestador) deve ser 00000000000000000000 (20 zeros). Nas origens 1, 2 e 3 (rede) deve ser o número real da guia, nunca 20 zeros.',
    source: {
      text: 'O inverso se aplica ao campo Número da guia no prestador: se a origem for 4 ou 5, este campo que deve possuir 20 zeros.',
      origin: 'PRIMARY',
      reference: 'ANS, TISS 4.00.00 — mudanças: 03 Prestador Eventual (Envio de Dados 1.02.00); crítica ANS campo 023 (MON-01)',
    },
    examples: {
      pass: 'samples/valid/monitoramento-guias.xml',
      fail: 'samples/rules/mon-guia-prestador-zeros.xml',
      failAt: { xpath: '/mensagemEnvioANS/Mensagem/operadoraParaANS/guiaMonitoramento[3]/numeroGuia_prestador' },
    },
    messages: {
      naoZerosReembolso: 'Na {{guia}}, o número da guia no prestador deve ser 20 zeros, mas foi informado "{{valor}}".',
      naoZerosPrestadorEventual: 'Na {{guia}}, o número da guia no prestador deve ser 20 zeros, mas foi informado "{{valor}}".',
      zerosNaRede: 'Na guia de origem {{origem}}, o número da guia no prestador não pode ser 20 zeros (isso é reservado a reembolso e prestador eventual).',
    },
    fixes: {
      naoZerosReembolso: 'Em guias de reembolso, informe <numeroGuia_prestador>00000000000000000000</numeroGuia_prestador>; o identificador do reembolso vai em <identificacaoReembolso>.',
      naoZerosPrestadorEventual: 'Em guias de prestador eventual, informe <numeroGuia_prestador>00000000000000000000</numeroGuia_prestador>; o identificador do pagamento vai em <identificacaoReembolso>.',
      zerosNaRede: 'Informe em <numeroGuia_prestador> o número que identifica a guia no prestador.',
    },
  },
  check(ctx) {
    for (const g of guiasMonitoramento(ctx)) {
      const node = get(g.node, 'numeroGuia_prestador');
      const value = text(node);
      if (!node || value === undefined) continue;
      if ((g.origem === '4' || g.origem === '5') && value !== ZEROS20) {
        ctx.report(node, g.origem === '4' ? 'naoZerosReembolso' : 'naoZerosPrestadorEventual', {
          args: { guia: descreve(g), valor: value },
          data: { origem: g.origem, value },
        });
      } else if ((g.origem === '1' || g.origem === '2' || g.origem === '3') && value === ZEROS20) {
        ctx.report(node, 'zerosNaRede', {
          args: { origem: ORIGEM[g.origem]! },
          data: { origem: g.origem, value },
        });
      }
    }
  },
});
