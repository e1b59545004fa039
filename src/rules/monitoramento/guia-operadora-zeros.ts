import { get, text } from '../../xml/query.js';
import { defineRule } from '../types.js';
import { descreve, guiasMonitoramento, ZEROS20 } from './util.js';
import { MONITORAMENTO } from '../versions.js';

/**
 * numeroGuia_operadora: 20 zeros for reembolso (4) only. The Envio de Dados 1.02.00 text (TISS 4.00.00
 * mudanças, 03 Prestador Eventual) makes both guia numbers mandatory for the prestador eventual (5) and
 * puts the 20 zeros only on numeroGuia_prestador ("O inverso se aplica ao campo Número da guia no
 * prestador"): for origem 5 the operadora's own number is right (issue 14). 1.06.00 changed nothing
 * here (same element, no ANS text of its own); the only source for zeros on origem 5 is a third-party
 * quote (S13), too weak to overrule the ANS text, so the rule holds the same on both versions.
 */
export const monGuiaOperadoraZeros = defineRule({
  meta: {
    id: 'TISS-R-MON-GUIA-OPERADORA-ZEROS',
    title: 'Número da guia na operadora com 20 zeros em reembolso',
    severity: 'warning',
    appliesTo: ['guiaMonitoramento'],
    scope: ['mensagemEnvioANS/Mensagem/operadoraParaANS/guiaMonitoramento (Envio de Dados 1.02.00)'],
    versions: MONITORAMENTO,
    description:
      'No Envio de Dados, quando a origem da guia (origemEventoAtencao) é 4 (reembolso ao beneficiário), o número da guia atribuído pela operadora (numeroGuia_operadora) deve ser 00000000000000000000 (20 zeros). Não vale para a origem 5 (prestador eventual): o texto da ANS para o Envio de Dados 1.02.00 torna obrigatórios os dois números da guia nesse caso e põe os 20 zeros só no número da guia no prestador; a 1.06.00 não mudou isso. Aviso: para a origem 4 a regra vem da crítica da ANS transcrita por terceiros.',
    source: {
      text: 'Número guia do Operadora.Preencher até 20 caracter. Quando a origem da guia for igual a 4-Reembolso ao beneficiário ou 5-Prestador eventual, o campo deve ser preenchido com (20 zeros)',
      origin: 'SECONDARY',
      reference: 'regras-condicionais MON-02 (crítica ANS do Envio de Dados, campo 024, erro 5029/1307; transcrição de terceiros), restrita à origem 4 por ANS, TISS 4.00.00 — mudanças: 03 Prestador Eventual (Envio de Dados 1.02.00)',
    },
    examples: {
      pass: 'samples/rules/passa/mon-guia-operadora-eventual.xml',
      fail: 'samples/rules/mon-guia-operadora-zeros.xml',
      failAt: { xpath: '/mensagemEnvioANS/Mensagem/operadoraParaANS/guiaMonitoramento[2]/numeroGuia_operadora' },
    },
    messages: {
      naoZerosReembolso: 'Na {{guia}}, o número da guia na operadora deveria ser 20 zeros, mas foi informado "{{valor}}".',
    },
    fixes: {
      naoZerosReembolso: 'Informe <numeroGuia_operadora>00000000000000000000</numeroGuia_operadora>; o identificador do reembolso vai em <identificacaoReembolso>.',
    },
  },
  check(ctx) {
    for (const g of guiasMonitoramento(ctx)) {
      if (g.origem !== '4') continue;
      const node = get(g.node, 'numeroGuia_operadora');
      const value = text(node);
      if (!node || value === undefined || value === ZEROS20) continue;
      ctx.report(node, 'naoZerosReembolso', {
        args: { guia: descreve(g), valor: value },
        data: { origem: g.origem, value },
      });
    }
  },
});
