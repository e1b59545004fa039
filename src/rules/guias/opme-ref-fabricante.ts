import { filled, get, getAll, text } from '../../xml/query.js';
import { defineRule } from '../types.js';
import { guiasComDespesas, itemNomeado, numero } from './util.js';
import { TISS_4 } from '../versions.js';

/** OPME (codigoDespesa 08) in outras despesas carries the fabricante's reference code. */
export const opmeRefFabricante = defineRule({
  meta: {
    id: 'TISS-R-OPME-REF-FABRICANTE',
    title: 'Referência do fabricante ausente em OPME',
    severity: 'warning',
    appliesTo: ['guiaSP-SADT', 'guiaResumoInternacao'],
    scope: ['loteGuias/guiaSP-SADT e guiaResumoInternacao (outrasDespesas/despesa com codigoDespesa 08)'],
    versions: TISS_4,
    description:
      'Em outras despesas, toda OPME (órtese, prótese ou material especial, codigoDespesa = 08) deve informar o código de referência do material no fabricante (codigoRefFabricante).',
    source: {
      text: 'Código de referência do material no fabricante. Condicionado. Deve ser preenchido quando se tratar de órteses, próteses e materiais especiais.',
      origin: 'SECONDARY',
      reference: 'regras-condicionais SADT-32 (legenda ANS, transcrição de terceiros)',
    },
    examples: {
      pass: 'samples/rules/passa/opme-anvisa-sem-tuss.xml',
      fail: 'samples/rules/opme-ref-fabricante.xml',
      failAt: { xpath: '/mensagemTISS/prestadorParaOperadora/loteGuias/guiasTISS/guiaResumoInternacao/outrasDespesas/despesa[2]/servicosExecutados' },
    },
    messages: {
      semRefFabricante: '{{opme}} não informa o código de referência do fabricante (<codigoRefFabricante>).',
    },
    fixes: {
      semRefFabricante: 'Informe <codigoRefFabricante> em <servicosExecutados>, após <descricaoProcedimento> e <registroANVISA> (código do material no catálogo do fabricante, como na nota fiscal).',
    },
  },
  check(ctx) {
    for (const guia of guiasComDespesas(ctx)) {
      for (const d of getAll(guia, 'outrasDespesas', 'despesa')) {
        if (text(d, 'codigoDespesa') !== '08') continue;
        const serv = get(d, 'servicosExecutados');
        if (!serv || filled(serv, 'codigoRefFabricante')) continue;
        const codigo = text(serv, 'codigoProcedimento');
        const seq = numero(d, 'sequencialItem');
        ctx.report(get(serv, 'codigoRefFabricante') ?? serv, 'semRefFabricante', {
          args: { opme: itemNomeado('A OPME', seq, codigo) },
          data: { sequencialItem: seq ?? null, codigoProcedimento: codigo ?? null },
        });
      }
    }
  },
});
