import { filled, get } from '../../xml/query.js';
import { defineRule } from '../types.js';
import { TISS_4 } from '../versions.js';

/**
 * tipoIdent (tabela 72) conditioned on identificadorBeneficiario. The pair sits in ct_beneficiarioDados
 * (dadosBeneficiario of the guias, solicitações, anexos, autorizações, comunicação de internação) and
 * inline in the prorrogação, the odontologia solicitação/autorização, the elegibilidade messages and
 * ct_guiaDadosOdonto: every parent of an identificadorBeneficiario has tipoIdent as a sibling option.
 */
export const tipoIdentBiometria = defineRule({
  meta: {
    id: 'TISS-R-TIPO-IDENT-BIOMETRIA',
    title: 'Identificador do beneficiário sem o tipo de identificação',
    severity: 'error',
    appliesTo: ['identificadorBeneficiario'],
    scope: [
      'dadosBeneficiario (ct_beneficiarioDados) de guias, solicitações, anexos, autorizações e comunicação de internação',
      'solicitacaoProrrogacao/dadosBeneficiario, solicitacaoOdontologia, autorizacaoServicoOdonto, verificaElegibilidade, reciboElegibilidade, situação do protocolo odonto',
    ],
    versions: TISS_4,
    description:
      'Quando o identificador do beneficiário (<identificadorBeneficiario>, por exemplo o dado biométrico ou o conteúdo lido do cartão) é informado, o tipo de tecnologia usada na identificação (<tipoIdent>, tabela 72) também deve ser informado, no mesmo bloco.',
    source: {
      text: 'Condicionado. Deve ser preenchido se o campo Identificador biométrico do beneficiário for informado.',
      origin: 'PRIMARY',
      reference: 'ANS, TISS 4.00.00 — mudanças: Tipo de Identificação (também regras-condicionais SADT-35)',
    },
    examples: {
      pass: 'samples/rules/passa/tipo-ident-biometria.xml',
      fail: 'samples/rules/tipo-ident-biometria.xml',
      failAt: { xpath: '/mensagemTISS/prestadorParaOperadora/solicitacaoProcedimento/solicitacaoSP-SADT/dadosBeneficiario' },
    },
    messages: {
      semTipoIdent: 'O identificador do beneficiário (<identificadorBeneficiario>) foi informado em <{{elemento}}>, mas o tipo de identificação (<tipoIdent>) não.',
    },
    fixes: {
      semTipoIdent: 'Informe <tipoIdent> (tabela 72: 01 tarja magnética, 02 código de barras, 03 cartão de identificação, 04 QR code, 05 impressão digital, 06 leitura facial, 07 leitura de íris, 08 geometria da mão) logo antes de <identificadorBeneficiario>.',
    },
  },
  check(ctx) {
    for (const id of ctx.all('identificadorBeneficiario')) {
      const holder = id.parent;
      if (!holder || !filled(id) || get(holder, 'tipoIdent')) continue;
      ctx.report(holder, 'semTipoIdent', {
        args: { elemento: holder.local },
      });
    }
  },
});
