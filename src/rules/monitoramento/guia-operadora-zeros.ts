import { get, text } from '../../xml/query.js';
import { defineRule } from '../types.js';
import { descreve, guiasMonitoramento, ZEROS20 } from './util.js';
import { MONITORAMENTO } from '../versions.js';

/** numeroGuia_operadora: 20 zeros for reembolso (4) and prestador eventual (5). */
export const monGuiaOperadoraZeros = defineRule({
  meta: {
    id: 'TISS-R-MON-GUIA-OPERADORA-ZEROS',
    title: 'Número da guia na operadora com 20 zeros em reembolso e prestador eventual',
    severity: 'warning',
    appliesTo: ['guiaMonitoramento'],
    scope: ['mensagemEnvioANS/Mensagem/operadoraParaANS/guiaMonitoramento (Envio de Dados 1.02.00)'],
    versions: MONITORAMENTO,
    description:
      'No Envio de Dados, quando a origem da guia (origemEventoAtencao) é 4 (reembolso ao beneficiário) ou 5 (prestador eventual), o número da guia atribuído pela operadora (numeroGuia_operadora) deve ser 00000000000000000000 (20 zeros). Aviso: a regra vem da crítica da ANS transcrita por terceiros; as mudanças 4.00.00 só a afirmam para o número da guia no prestador.',
    source: {
      text: 'Número guia do Operadora.Preencher até 20 caracter. Quando a origem da guia for igual a 4-Reembolso ao beneficiário ou 5-Prestador eventual, o campo deve ser preenchido com (20 zeros)',
      origin: 'SECONDARY',
      reference: 'regras-condicionais MON-02 (crítica ANS do Envio de Dados, campo 024, erro 5029/1307; transcrição de terceiros)',
    },
    examples: {
      pass: 'samples/valid/monitoramento-guias.xml',
      fail: 'samples/rules/mon-guia-operadora-zeros.xml',
      failAt: { xpath: '/mensagemEnvioANS/Mensagem/operadoraParaANS/guiaMonitoramento[3]/numeroGuia_operadora' },
    },
    messages: {
      naoZerosReembolso: 'Na {{guia}}, o número da guia na operadora deveria ser 20 zeros, mas foi informado "{{valor}}".',
      naoZerosPagamento: 'Na {{guia}}, o número da guia na operadora deveria ser 20 zeros, mas foi informado "{{valor}}".',
    },
    fixes: {
      naoZerosReembolso: 'Informe <numeroGuia_operadora>00000000000000000000</numeroGuia_operadora>; o identificador do reembolso vai em <identificacaoReembolso>.',
      naoZerosPagamento: 'Informe <numeroGuia_operadora>00000000000000000000</numeroGuia_operadora>; o identificador do pagamento vai em <identificacaoReembolso>.',
    },
  },
  check(ctx) {
    for (const g of guiasMonitoramento(ctx)) {
      if (g.origem !== '4' && g.origem !== '5') continue;
      const node = get(g.node, 'numeroGuia_operadora');
      const value = text(node);
      if (!node || value === undefined || value === ZEROS20) continue;
      ctx.report(node, g.origem === '4' ? 'naoZerosReembolso' : 'naoZerosPagamento', {
        args: { guia: descreve(g), valor: value },
        data: { origem: g.origem, value },
      });
    }
  },
});
