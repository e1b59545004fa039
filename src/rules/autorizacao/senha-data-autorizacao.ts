import type { XNode } from '../../xml/tree.js';
import { filled, get, text } from '../../xml/query.js';
import { defineRule } from '../types.js';
import { TISS_4 } from '../versions.js';

/**
 * A senha is only issued with an authorization: senha ⇒ dataAutorizacao where both are optional —
 * ct_anexoCabecalho (cabecalhoAnexo of the OPME/quimio/radio anexos), ct_autorizacaoDados
 * (dadosAutorizacao of the operadora's answers) and cto_guiaOdontologia (senhaAutorizacao).
 * ct_autorizacaoSADT and ct_autorizacaoInternacao already require dataAutorizacao in the XSD. An answer
 * with statusSolicitacao 1/7 is left to TISS-R-DATA-AUTORIZACAO (same missing field, one finding).
 */
export const senhaDataAutorizacao = defineRule({
  meta: {
    id: 'TISS-R-SENHA-DATA-AUTORIZACAO',
    title: 'Senha de autorização sem data de autorização',
    severity: 'warning',
    appliesTo: ['senha', 'senhaAutorizacao'],
    scope: [
      'cabecalhoAnexo dos anexos de OPME, quimioterapia e radioterapia (loteAnexos e anexoClinico das solicitações e da prorrogação)',
      'dadosAutorizacao (ct_autorizacaoDados) das respostas de autorização',
      'guiaOdonto (senhaAutorizacao)',
    ],
    versions: TISS_4,
    description:
      'Quando a senha de autorização da operadora é informada, a data da autorização também deve ser: a senha só existe quando há autorização. Vale para o cabeçalho dos anexos clínicos, os dados de autorização das respostas da operadora e a GTO (<senhaAutorizacao> → <dataAutorizacao>).',
    source: {
      text: 'Data em que a autorização para realização do atendimento/procedimento foi concedida pela operadora.Condicionado. Deve ser preenchido quando a autorização da operadora for com emissão de senha com prazo de validade.',
      origin: 'SECONDARY',
      reference: 'regras-condicionais ANX-03 (legenda ANS, transcrição de terceiros)',
    },
    examples: {
      pass: 'samples/valid/lote-odontologia.xml',
      fail: 'samples/rules/senha-data-autorizacao.xml',
      failAt: { xpath: '/mensagemTISS/prestadorParaOperadora/loteGuias/guiasTISS/guiaOdonto[1]' },
    },
    messages: {
      semData: 'A senha de autorização "{{senha}}" (<{{campo}}>) foi informada em <{{elemento}}>, mas a data da autorização (<dataAutorizacao>) não.',
    },
    fixes: {
      semData: 'Informe <dataAutorizacao> (AAAA-MM-DD), a data em que a operadora autorizou e emitiu a senha; se não houve autorização, retire <{{campo}}>.',
    },
  },
  check(ctx) {
    const check = (holder: XNode, senhaName: string): void => {
      if (!filled(holder, senhaName) || filled(holder, 'dataAutorizacao')) return;
      const senha = text(holder, senhaName)!;
      ctx.report(holder, 'semData', {
        args: { senha, campo: senhaName, elemento: holder.local },
        data: { senha },
      });
    };
    for (const senha of ctx.all('senha')) {
      const holder = senha.parent;
      if (!holder) continue;
      if (holder.local === 'cabecalhoAnexo') check(holder, 'senha');
      else if (holder.local === 'dadosAutorizacao' && get(holder.parent, 'statusSolicitacao')) {
        // ct_autorizacaoDados: the answers with statusSolicitacao 1/7 are TISS-R-DATA-AUTORIZACAO's.
        const status = text(holder.parent, 'statusSolicitacao');
        if (status !== '1' && status !== '7') check(holder, 'senha');
      }
    }
    for (const senha of ctx.all('senhaAutorizacao')) {
      if (senha.parent?.local === 'guiaOdonto') check(senha.parent, 'senhaAutorizacao');
    }
  },
});
