import { get, text } from '../../xml/query.js';
import { defineRule } from '../types.js';
import { guiasMonitoramento, TIPO_GUIA } from './util.js';
import { MONITORAMENTO } from '../versions.js';

/** saudeOcupacional (tabela 77) only in consulta and SP/SADT, and only for guias of TISS 4.00.00 (versão 023). */
export const monSaudeOcupacional = defineRule({
  meta: {
    id: 'TISS-R-MON-SAUDE-OCUPACIONAL',
    title: 'Saúde ocupacional só em consulta e SP/SADT da versão 4.00.00',
    severity: 'error',
    appliesTo: ['guiaMonitoramento'],
    scope: ['mensagemEnvioANS/Mensagem/operadoraParaANS/guiaMonitoramento (Envio de Dados 1.02.00)'],
    versions: MONITORAMENTO,
    description:
      'No Envio de Dados, o código de saúde ocupacional (saudeOcupacional, tabela 77) só existe nas guias de consulta e SP/SADT: não pode ser informado em guias de internação (3), tratamento odontológico (4) ou honorários (5), nem quando a guia foi enviada pelo prestador numa versão TISS anterior à 4.00.00 (versaoTISSPrestador menor que 023). Se o atendimento foi ou não de saúde ocupacional não é conferível pela mensagem.',
    source: {
      text: 'Código da saúde ocupacional vigente na versão de envio da guia TISS para guias de Consulta e SP/SADT de atendimentos de saúde ocupacional do beneficiário. Guias de reembolso e de usuário eventual, preenchimento se a operadora possuir a informação.',
      origin: 'PRIMARY',
      reference: 'ANS, TISS 4.00.00 — mudanças: 03 Saúde Ocupacional (Envio de Dados 1.02.00); crítica ANS campo 124, erro 5029 (MON-36)',
    },
    examples: {
      pass: 'samples/rules/passa/mon-guia-solic-internacao.xml',
      fail: 'samples/rules/mon-saude-ocupacional.xml',
      failAt: { xpath: '/mensagemEnvioANS/Mensagem/operadoraParaANS/guiaMonitoramento[1]/saudeOcupacional' },
    },
    messages: {
      naoSeAplica: 'A saúde ocupacional ({{valor}}) foi informada numa guia tipo {{tipo}}; o campo só se aplica a guias de consulta e SP/SADT.',
      versaoAnterior: 'A saúde ocupacional ({{valor}}) foi informada numa guia enviada pelo prestador na versão TISS de código {{versao}}, anterior à 4.00.00 (023), que não tinha esse campo.',
    },
    fixes: {
      naoSeAplica: 'Retire <saudeOcupacional> desta guia.',
      versaoAnterior: 'Retire <saudeOcupacional>, ou corrija <versaoTISSPrestador> se a guia foi recebida na versão 4.00.00 (023).',
    },
  },
  check(ctx) {
    for (const g of guiasMonitoramento(ctx)) {
      const node = get(g.node, 'saudeOcupacional');
      if (!node) continue;
      const value = text(node) ?? '';
      if (g.tipo === '3' || g.tipo === '4' || g.tipo === '5') {
        ctx.report(node, 'naoSeAplica', {
          args: { valor: value, tipo: TIPO_GUIA[g.tipo]! },
          data: { tipo: g.tipo, value },
        });
        continue;
      }
      const versao = text(g.node, 'versaoTISSPrestador');
      if (versao !== undefined && /^\d{3}$/.test(versao) && versao < '023') {
        ctx.report(node, 'versaoAnterior', {
          args: { valor: value, versao },
          data: { versaoTISSPrestador: versao, value },
        });
      }
    }
  },
});
