import { getAll, text } from '../../xml/query.js';
import { defineRule } from '../types.js';
import { guiasMonitoramento } from './util.js';
import { MONITORAMENTO } from '../versions.js';

/** Pacotes (tabela 90 pacote odontológico, 98 tabela própria de pacotes) are itemized in detalhePacote; other items have none. */
export const monDetalhePacote = defineRule({
  meta: {
    id: 'TISS-R-MON-DETALHE-PACOTE',
    title: 'Detalhe do pacote para itens das tabelas 90 e 98',
    severity: 'warning',
    appliesTo: ['guiaMonitoramento'],
    scope: ['mensagemEnvioANS/Mensagem/operadoraParaANS/guiaMonitoramento/procedimentos (Envio de Dados 1.02.00)'],
    versions: MONITORAMENTO,
    description:
      'No Envio de Dados, um item de pacote — codigoTabela 90 (tabela própria de pacote odontológico) ou 98 (tabela própria de pacotes) — deve trazer ao menos um detalhePacote com os procedimentos/itens que compõem o pacote; itens de outras tabelas não levam detalhePacote.',
    source: {
      text: 'Tabela de referência do procedimento ou item assistencial que compõe o pacote. Quando informado a tabela do procedimento ou item assistencial realizado for igual a 90 ou 98.',
      origin: 'SECONDARY',
      reference: 'regras-condicionais MON-29 (crítica ANS do Envio de Dados, campo 077, erro 5053; transcrição de terceiros)',
    },
    examples: {
      pass: 'samples/rules/passa/mon-dente-face-odonto.xml',
      fail: 'samples/rules/mon-detalhe-pacote.xml',
      failAt: { xpath: '/mensagemEnvioANS/Mensagem/operadoraParaANS/guiaMonitoramento[1]/procedimentos[3]' },
    },
    messages: {
      pacoteSemDetalhe: 'O item {{codigo}} é um pacote (tabela {{tabela}}), mas não traz a composição do pacote (<detalhePacote>).',
      detalheForaDePacote: 'O item {{codigo}} é da tabela {{tabela}}, que não é de pacote, mas traz composição de pacote (<detalhePacote>).',
    },
    fixes: {
      pacoteSemDetalhe: 'Informe um <detalhePacote> (codigoTabela 18, 19, 20 ou 22, codigoProcedimento e quantidade) para cada item que compõe o pacote, no fim de <procedimentos>.',
      detalheForaDePacote: 'Retire <detalhePacote>, ou informe o item com a tabela de pacote (90 odontológico, 98 pacotes) se for um pacote.',
    },
  },
  check(ctx) {
    for (const g of guiasMonitoramento(ctx)) {
      for (const proc of getAll(g.node, 'procedimentos')) {
        const tabela = text(proc, 'identProcedimento', 'codigoTabela');
        if (tabela === undefined) continue;
        const detalhes = getAll(proc, 'detalhePacote');
        const pacote = tabela === '90' || tabela === '98';
        const codigo = text(proc, 'identProcedimento', 'Procedimento', 'codigoProcedimento') ?? text(proc, 'identProcedimento', 'Procedimento', 'grupoProcedimento') ?? '';
        if (pacote && detalhes.length === 0) {
          ctx.report(proc, 'pacoteSemDetalhe', {
            args: { codigo, tabela },
            data: { codigoTabela: tabela, codigo },
          });
        } else if (!pacote && detalhes.length > 0) {
          ctx.report(detalhes[0]!, 'detalheForaDePacote', {
            args: { codigo, tabela },
            data: { codigoTabela: tabela, codigo },
          });
        }
      }
    }
  },
});
