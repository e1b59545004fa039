import { filled, get, text } from '../../xml/query.js';
import { defineRule } from '../types.js';
import { TISS_4 } from '../versions.js';

const AUTORIZADO: Record<string, string> = { '1': 'Autorizado', '7': 'Autorizado parcialmente' };

/**
 * dataAutorizacao (ct_autorizacaoDados, 0..1) in the operadora's answers. Each answer type holds
 * dadosAutorizacao and its own statusSolicitacao as siblings: ctm_autorizacaoServico (also inside
 * autorizacaoInternacao/autorizacaoProrrogacao), ctm_autorizacaoQuimio/Radio (nested or as anexoQuimio/
 * anexoRadio), ctm_autorizacaoOPME and cto_autorizacaoServico.
 */
export const dataAutorizacao = defineRule({
  meta: {
    id: 'TISS-R-DATA-AUTORIZACAO',
    title: 'Solicitação autorizada sem data de autorização',
    severity: 'error',
    appliesTo: ['statusSolicitacao'],
    scope: [
      'operadoraParaPrestador/autorizacaoServicos e situacaoAutorizacao: autorizacaoServico, autorizacaoInternacao, autorizacaoProrrogacao (autorizacaoDosServicos), autorizacaoQuimio, autorizacaoRadio, autorizacaoServicoOdonto',
      'recebimentoAnexo/protocoloRecebimentoAnexo e situação do protocolo de anexo: anexoOPME, anexoQuimio, anexoRadio',
    ],
    versions: TISS_4,
    description:
      'Na resposta da operadora, quando a solicitação foi autorizada (statusSolicitacao 1 — Autorizado ou 7 — Autorizado parcialmente), a data da autorização (<dadosAutorizacao>/<dataAutorizacao>) deve ser informada. Cada anexo de quimioterapia ou radioterapia é julgado pelo seu próprio statusSolicitacao.',
    source: {
      text: 'Condicionado. Deve ser preenchido em caso de autorização pela operadora.',
      origin: 'PRIMARY',
      reference: 'ANS, TISS 4.00.00 — mudanças: Data de Autorização',
    },
    examples: {
      pass: 'samples/rules/passa/data-autorizacao.xml',
      fail: 'samples/rules/data-autorizacao.xml',
      failAt: { xpath: '/mensagemTISS/operadoraParaPrestador/autorizacaoServicos/autorizacaoServico/dadosAutorizacao' },
    },
    messages: {
      semData: 'A operadora respondeu <statusSolicitacao> = {{status}} ({{significado}}), mas não informou a data da autorização (<dataAutorizacao>) em <dadosAutorizacao>.',
      semDataDaGuia: 'A operadora respondeu <statusSolicitacao> = {{status}} ({{significado}}) para a guia {{guia}}, mas não informou a data da autorização (<dataAutorizacao>) em <dadosAutorizacao>.',
    },
    fixes: {
      semData: 'Informe <dataAutorizacao> (AAAA-MM-DD) em <dadosAutorizacao>, depois de <codValidacao> e antes de <senha>.',
      semDataDaGuia: 'Informe <dataAutorizacao> (AAAA-MM-DD) em <dadosAutorizacao>, depois de <codValidacao> e antes de <senha>.',
    },
  },
  check(ctx) {
    for (const status of ctx.all('statusSolicitacao')) {
      const value = text(status) ?? '';
      const label = AUTORIZADO[value];
      if (!label) continue;
      const dados = get(status.parent, 'dadosAutorizacao');
      if (!dados || filled(dados, 'dataAutorizacao')) continue;
      const guia = text(dados, 'numeroGuiaPrestador');
      ctx.report(dados, guia ? 'semDataDaGuia' : 'semData', {
        args: guia ? { status: value, significado: label, guia } : { status: value, significado: label },
        data: { statusSolicitacao: value, numeroGuiaPrestador: guia ?? null },
      });
    }
  },
});
