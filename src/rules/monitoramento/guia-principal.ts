import { get, text } from '../../xml/query.js';
import { defineRule } from '../types.js';
import { guiasMonitoramento, TIPO_GUIA, ZEROS20 } from './util.js';
import { MONITORAMENTO } from '../versions.js';

/** numeroGuiaSPSADTPrincipal: only SP/SADT and odonto; 20 zeros in reembolso. */
export const monGuiaPrincipal = defineRule({
  meta: {
    id: 'TISS-R-MON-GUIA-PRINCIPAL',
    title: 'Número da guia principal só em SP/SADT e odontologia',
    severity: 'warning',
    appliesTo: ['guiaMonitoramento'],
    scope: ['mensagemEnvioANS/Mensagem/operadoraParaANS/guiaMonitoramento (Envio de Dados 1.02.00)'],
    versions: MONITORAMENTO,
    description:
      'No Envio de Dados, o número da guia principal (numeroGuiaSPSADTPrincipal) não pode ser informado em guias de consulta (tipoEventoAtencao = 1), internação (3) ou honorários (5); em guias de reembolso (origem 4), quando informado, deve ser 00000000000000000000 (20 zeros). Se a guia está ou não vinculada a uma guia principal não é conferível pela mensagem.',
    source: {
      text: 'Número da guia principal de 2- SP/SADT ou de 4 (Odonto). Deve ser preenchido quando estiver vinculada a outra Guia de SP/SADT (principal) ou a guia vinculada a outra Guia de Tratamento Odontológico (principal). Quando for reembolso o número deverá ser preenchido com 20 zeros. Não pode ser informado em guia 1 (consulta), 3 (internação) ou 5 (honorários).',
      origin: 'SECONDARY',
      reference: 'regras-condicionais MON-05 (crítica ANS do Envio de Dados, campo 083, erro 1307; transcrição de terceiros)',
    },
    examples: {
      pass: 'samples/rules/passa/mon-dente-face-odonto.xml',
      fail: 'samples/rules/mon-guia-principal.xml',
      failAt: { xpath: '/mensagemEnvioANS/Mensagem/operadoraParaANS/guiaMonitoramento[1]/numeroGuiaSPSADTPrincipal' },
    },
    messages: {
      naoSeAplica: 'O número da guia principal ("{{valor}}") não pode ser informado numa guia tipo {{tipo}}; só guias de SP/SADT e de tratamento odontológico têm guia principal.',
      reembolsoNaoZeros: 'Numa guia de reembolso (origem 4), o número da guia principal deve ser 20 zeros, mas foi informado "{{valor}}".',
    },
    fixes: {
      naoSeAplica: 'Retire <numeroGuiaSPSADTPrincipal> desta guia.',
      reembolsoNaoZeros: 'Informe <numeroGuiaSPSADTPrincipal>00000000000000000000</numeroGuiaSPSADTPrincipal>, ou retire o campo.',
    },
  },
  check(ctx) {
    for (const g of guiasMonitoramento(ctx)) {
      const node = get(g.node, 'numeroGuiaSPSADTPrincipal');
      if (!node) continue;
      const value = text(node) ?? '';
      if (g.tipo === '1' || g.tipo === '3' || g.tipo === '5') {
        ctx.report(node, 'naoSeAplica', {
          args: { valor: value, tipo: TIPO_GUIA[g.tipo]! },
          data: { tipo: g.tipo, value },
        });
      } else if (g.origem === '4' && value !== ZEROS20) {
        ctx.report(node, 'reembolsoNaoZeros', {
          args: { valor: value },
          data: { origem: g.origem, value },
        });
      }
    }
  },
});
