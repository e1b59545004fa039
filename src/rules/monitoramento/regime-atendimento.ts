import { filled, text } from '../../xml/query.js';
import { defineRule } from '../types.js';
import { descreve, guiasMonitoramento } from './util.js';
import { MONITORAMENTO } from '../versions.js';

/** regimeAtendimento (tabela 76) in guias de consulta and SP/SADT of the rede sent by the prestador in TISS 4.00.00. */
export const monRegimeAtendimento = defineRule({
  meta: {
    id: 'TISS-R-MON-REGIME-ATENDIMENTO',
    title: 'Regime de atendimento em consulta e SP/SADT no Envio de Dados',
    severity: 'error',
    appliesTo: ['guiaMonitoramento'],
    scope: ['mensagemEnvioANS/Mensagem/operadoraParaANS/guiaMonitoramento (Envio de Dados 1.02.00)'],
    versions: MONITORAMENTO,
    description:
      'No Envio de Dados, as guias de consulta (tipoEventoAtencao = 1) e de SP/SADT (2) da rede (origem 1, 2 ou 3) recebidas na versão TISS 4.00.00 (versaoTISSPrestador = 023) devem trazer o regime de atendimento (regimeAtendimento, tabela 76). Reembolso (4) e prestador eventual (5) estão dispensados (preenchimento se a operadora possuir a informação); guias de versões anteriores não tinham o campo e não são conferidas.',
    source: {
      text: 'Código do regime de atendimento vigente na versão de envio da guia TISS para guias de Consulta e SP/SADT. Guias de reembolso e de usuário eventual, preenchimento se a operadora possuir a informação.',
      origin: 'PRIMARY',
      reference: 'ANS, TISS 4.00.00 — mudanças: 03 Regime Atendimento (Envio de Dados 1.02.00); crítica ANS campo 123, erro 5074 (MON-35)',
    },
    examples: {
      pass: 'samples/valid/monitoramento-guias.xml',
      fail: 'samples/rules/mon-regime-atendimento.xml',
      failAt: { xpath: '/mensagemEnvioANS/Mensagem/operadoraParaANS/guiaMonitoramento[1]' },
    },
    messages: {
      ausente: 'Na {{guia}}, enviada pelo prestador na versão TISS 4.00.00 (versaoTISSPrestador = {{versao}}), o regime de atendimento (<regimeAtendimento>) não foi informado.',
    },
    fixes: {
      ausente: 'Informe <regimeAtendimento> (tabela 76: 01 Ambulatorial, 02 Domiciliar, 03 Internação, 04 Pronto-socorro, 05 Telessaúde), depois de <tipoAtendimento>, conforme a guia recebida do prestador.',
    },
  },
  check(ctx) {
    for (const g of guiasMonitoramento(ctx)) {
      if (g.tipo !== '1' && g.tipo !== '2') continue;
      if (g.origem !== '1' && g.origem !== '2' && g.origem !== '3') continue;
      const versao = text(g.node, 'versaoTISSPrestador');
      if (versao === undefined || !/^\d{3}$/.test(versao) || versao < '023') continue;
      if (filled(g.node, 'regimeAtendimento')) continue;
      ctx.report(g.node, 'ausente', {
        args: { guia: descreve(g), versao },
        data: { tipo: g.tipo, origem: g.origem, versaoTISSPrestador: versao },
      });
    }
  },
});
