import { get, text } from '../../xml/query.js';
import { defineRule } from '../types.js';
import { descreve, guiasMonitoramento } from './util.js';
import { MONITORAMENTO } from '../versions.js';

/** The executante of a guia de internação is identified by CNPJ. */
export const monExecutanteCnpjInternacao = defineRule({
  meta: {
    id: 'TISS-R-MON-EXECUTANTE-CNPJ-INTERNACAO',
    title: 'Executante da internação identificado por CNPJ',
    severity: 'warning',
    appliesTo: ['guiaMonitoramento'],
    scope: ['mensagemEnvioANS/Mensagem/operadoraParaANS/guiaMonitoramento (Envio de Dados 1.02.00)'],
    versions: MONITORAMENTO,
    description:
      'No Envio de Dados, nas guias de internação (tipoEventoAtencao = 3) o prestador executante deve ser identificado por CNPJ: dadosContratadoExecutante/identificadorExecutante = 1.',
    source: {
      text: 'Tipo da identificação prestador executante, 1- CNPJ ou 2-CPF. Para guias tipo 3 - deverá ser preenchido com 1-CNPJ',
      origin: 'SECONDARY',
      reference: 'regras-condicionais MON-24 (crítica ANS do Envio de Dados, campo 013, erro 5029; transcrição de terceiros)',
    },
    examples: {
      pass: 'samples/rules/passa/mon-campos-internacao.xml',
      fail: 'samples/rules/mon-executante-cnpj-internacao.xml',
      failAt: { xpath: '/mensagemEnvioANS/Mensagem/operadoraParaANS/guiaMonitoramento[1]/dadosContratadoExecutante/identificadorExecutante' },
    },
    messages: {
      executanteCpf: 'Na {{guia}}, o executante está identificado por CPF (identificadorExecutante = 2); na internação o executante é o estabelecimento, identificado por CNPJ (1).',
      executanteOutro: 'Na {{guia}}, o executante está identificado por "{{valor}}" (identificadorExecutante = {{valor}}); na internação o executante é o estabelecimento, identificado por CNPJ (1).',
    },
    fixes: {
      executanteCpf: 'Informe identificadorExecutante = 1 e, em <codigoCNPJ_CPF>, o CNPJ do hospital executante.',
      executanteOutro: 'Informe identificadorExecutante = 1 e, em <codigoCNPJ_CPF>, o CNPJ do hospital executante.',
    },
  },
  check(ctx) {
    for (const g of guiasMonitoramento(ctx)) {
      if (g.tipo !== '3') continue;
      const node = get(g.node, 'dadosContratadoExecutante', 'identificadorExecutante');
      const value = text(node);
      if (!node || value === undefined || value === '1') continue;
      ctx.report(node, value === '2' ? 'executanteCpf' : 'executanteOutro', {
        args: value === '2' ? { guia: descreve(g) } : { guia: descreve(g), valor: value },
        data: { value },
      });
    }
  },
});
