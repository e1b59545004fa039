import { filled, get, text } from '../../xml/query.js';
import { defineRule } from '../types.js';
import { TISS_4 } from '../versions.js';

/**
 * ausenciaCodValidacao (tabela 74) justifies a missing codValidacao: both are optional siblings in every
 * structure that has them (solicitações SP/SADT, internação e odontologia, guia de consulta, dadosAutorizacao
 * of the SP/SADT and resumo de internação guias, ct_autorizacaoDados, GTO, elegibilidade, situação do
 * protocolo). Only the exclusivity is checked: whether the code is required depends on the contract.
 */
export const ausenciaCodValidacao = defineRule({
  meta: {
    id: 'TISS-R-AUSENCIA-CODVALIDACAO',
    title: 'Justificativa de ausência junto com o código de validação',
    severity: 'warning',
    appliesTo: ['ausenciaCodValidacao'],
    scope: [
      'solicitacaoSP-SADT, solicitacaoInternacao, solicitacaoOdontologia, guiaConsulta, guiaOdonto, guiaSP-SADT e guiaResumoInternacao (dadosAutorizacao)',
      'dadosAutorizacao das respostas de autorização, verificaElegibilidade, reciboElegibilidade, situação do protocolo',
    ],
    versions: TISS_4,
    description:
      'A justificativa de ausência do código de validação (<ausenciaCodValidacao>, tabela 74) só cabe quando o código não é enviado: as duas informações não podem vir juntas no mesmo bloco. (Se o código é exigido depende do contrato entre operadora e prestador e não é conferido.)',
    source: {
      text: 'Justificativa de ausência do código de validação, conforme tabela de domínio nº 74. Condicionado. Deve ser preenchido quando a operadora e o prestador usam código de validação, nos casos em que não é exigível ou possível o envio do código.',
      origin: 'SECONDARY',
      reference: 'regras-condicionais SOLS-04 e SOLI-02 (legenda ANS, transcrição de terceiros)',
    },
    examples: {
      pass: 'samples/valid/lote-consulta.xml',
      fail: 'samples/rules/ausencia-codvalidacao.xml',
      failAt: { xpath: '/mensagemTISS/prestadorParaOperadora/loteGuias/guiasTISS/guiaConsulta[2]/ausenciaCodValidacao' },
    },
    messages: {
      ambos: 'Foi informada a justificativa de ausência do código de validação (<ausenciaCodValidacao> = {{motivo}}), mas o código de validação também foi enviado (<codValidacao> = {{codigo}}).',
    },
    fixes: {
      ambos: 'Envie só um dos dois: o <codValidacao> quando o beneficiário apresentou o código, ou a <ausenciaCodValidacao> quando não foi possível obtê-lo.',
    },
  },
  check(ctx) {
    for (const ausencia of ctx.all('ausenciaCodValidacao')) {
      if (!filled(ausencia) || !filled(ausencia.parent, 'codValidacao')) continue;
      const motivo = text(ausencia)!;
      const codigo = text(get(ausencia.parent, 'codValidacao'))!;
      ctx.report(ausencia, 'ambos', {
        args: { motivo, codigo },
        data: { ausenciaCodValidacao: motivo, codValidacao: codigo },
      });
    }
  },
});
