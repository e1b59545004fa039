import { filled, text } from '../../xml/query.js';
import { defineRule } from '../types.js';
import { isValidCnpj, isValidCpf } from '../util/documentos.js';
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
 * with valid check digits (pessoa jurídica) or a valid CPF (pessoa física). Any other value is the
 * contratado's code at the operadora: the nature cannot be decided from the message, and when the
 * professional is missing the rule says so in an info finding rather than staying silent (issue 14).
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
      'Na GTO e na solicitação odontológica, quando o contratado executante é pessoa jurídica (o código do contratado executante, <codigoProfExec>, é um CNPJ válido), o profissional que executou deve ser identificado: nome (<nomeProfExec2>), número no CRO (<croExec2>) e UF do CRO (<ufExec2>). Quando o código é um CPF válido, o contratado é pessoa física e nada é exigido. Quando é o código do contratado na operadora (nem CNPJ nem CPF válido), a mensagem não diz se ele é pessoa jurídica: se os dados do profissional faltam, a regra informa (achado de severidade info) que não pôde decidir, em vez de se calar.',
    source: {
      text: 'Condicionado. Deve ser preenchido quando o prestador contratado referido no campo Código do Contratado Executante for pessoa jurídica.',
      origin: 'PRIMARY',
      reference: 'ANS, TISS 4.00.00 — mudanças: Profissional Executante (Lote de Guias GTO e Solicitação odontologia)',
    },
    examples: {
      pass: 'samples/rules/passa/odonto-prof-exec-codigo-operadora.xml',
      fail: 'samples/rules/odonto-prof-exec-pj.xml',
      failAt: { xpath: '/mensagemTISS/prestadorParaOperadora/loteGuias/guiasTISS/guiaOdonto[1]/dadosProfissionaisResponsaveis' },
    },
    messages: {
      faltaProfissional: 'O contratado executante é pessoa jurídica (<codigoProfExec> = CNPJ {{cnpj}}), mas faltam dados do profissional executante: {{ausentes}}.',
      naturezaIndecidivel: 'O contratado executante é identificado pelo código na operadora (<codigoProfExec> = {{codigo}}), por isso não é possível saber se é pessoa jurídica; se for, faltam dados do profissional executante: {{ausentes}}.',
    },
    fixes: {
      faltaProfissional: 'Identifique o dentista que executou o tratamento em <nomeProfExec2>, <croExec2> e <ufExec2> (depois de <cnesExec>, antes de <cbosExec2>).',
      naturezaIndecidivel: 'Se o contratado for pessoa jurídica (clínica), identifique o dentista que executou o tratamento em <nomeProfExec2>, <croExec2> e <ufExec2>; se for pessoa física, nada falta.',
    },
  },
  check(ctx) {
    for (const codigo of ctx.all('codigoProfExec')) {
      const holder = codigo.parent;
      const value = text(codigo) ?? '';
      if (!holder || value === '' || isValidCpf(value)) continue;
      const missing = FIELDS.filter(([name]) => !filled(holder, name));
      if (missing.length === 0) continue;
      const ausentes = missing.map(([name, label]) => `${label} (<${name}>)`).join(', ');
      if (isValidCnpj(value)) {
        ctx.report(holder, 'faltaProfissional', {
          args: { cnpj: value, ausentes },
          data: { codigoProfExec: value, ausentes: missing.map(([name]) => name) },
        });
      } else {
        ctx.report(holder, 'naturezaIndecidivel', {
          args: { codigo: value, ausentes },
          data: { codigoProfExec: value, pessoaJuridica: null, ausentes: missing.map(([name]) => name) },
          severity: 'info',
          // Not a violation found, so no glosa (3111 is for a condicionado field known to be missing).
          glosa: [],
        });
      }
    }
  },
});
