import { filled, text } from '../../xml/query.js';
import { defineRule } from '../types.js';
import { isValidCnpj } from '../util/documentos.js';
import { TISS_4 } from '../versions.js';

const FIELDS: [name: string, label: string][] = [
  ['nomeProfExec2', 'nome'],
  ['croExec2', 'número no CRO'],
  ['ufExec2', 'UF do CRO'],
];

/**
 * GTO (cto_guiaOdontologia) and solicitação odontológica (cto_odontoSolicitacaoGuia): when the contratado
 * executante is a pessoa jurídica, the profissional executante (nomeProfExec2, croExec2, ufExec2) is
 * required. The message does not state the legal nature; it is inferred when codigoProfExec is a CNPJ
 * with valid check digits (other operadora codes and CPFs are not judged).
 */
export const odontoProfExecPj = defineRule({
  meta: {
    id: 'TISS-R-ODONTO-PROF-EXEC-PJ',
    title: 'Contratado executante PJ sem o profissional executante (odontologia)',
    severity: 'warning',
    appliesTo: ['codigoProfExec'],
    scope: ['loteGuias/guiasTISS/guiaOdonto (GTO)', 'solicitacaoProcedimento/solicitacaoOdontologia'],
    versions: TISS_4,
    description:
      'Na GTO e na solicitação odontológica, quando o contratado executante é pessoa jurídica (o código do contratado executante, <codigoProfExec>, é um CNPJ válido), o profissional que executou deve ser identificado: nome (<nomeProfExec2>), número no CRO (<croExec2>) e UF do CRO (<ufExec2>). Quando o código não é um CNPJ, a natureza do contratado não é conhecida e nada é conferido.',
    source: {
      text: 'Condicionado. Deve ser preenchido quando o prestador contratado referido no campo Código do Contratado Executante for pessoa jurídica.',
      origin: 'PRIMARY',
      reference: 'ANS, TISS 4.00.00 — mudanças: Profissional Executante (Lote de Guias GTO e Solicitação odontologia)',
    },
    examples: {
      pass: 'samples/valid/lote-odontologia.xml',
      fail: 'samples/rules/odonto-prof-exec-pj.xml',
      failAt: { xpath: '/mensagemTISS/prestadorParaOperadora/loteGuias/guiasTISS/guiaOdonto[1]/dadosProfissionaisResponsaveis' },
    },
    messages: {
      faltaProfissional: 'O contratado executante é pessoa jurídica (<codigoProfExec> = CNPJ {{cnpj}}), mas faltam dados do profissional executante: {{ausentes}}.',
    },
    fixes: {
      faltaProfissional: 'Identifique o dentista que executou o tratamento em <nomeProfExec2>, <croExec2> e <ufExec2> (depois de <cnesExec>, antes de <cbosExec2>).',
    },
  },
  check(ctx) {
    for (const codigo of ctx.all('codigoProfExec')) {
      const holder = codigo.parent;
      const cnpj = text(codigo) ?? '';
      if (!holder || !isValidCnpj(cnpj)) continue;
      const missing = FIELDS.filter(([name]) => !filled(holder, name));
      if (missing.length === 0) continue;
      ctx.report(holder, 'faltaProfissional', {
        args: { cnpj, ausentes: missing.map(([name, label]) => `${label} (<${name}>)`).join(', ') },
        data: { codigoProfExec: cnpj, ausentes: missing.map(([name]) => name) },
      });
    }
  },
});
