import { filled, get, getAll } from '../../xml/query.js';
import { defineRule } from '../types.js';
import { guiasComDespesas, nomeGuia } from './util.js';
import { TISS_4 } from '../versions.js';

/** A guia with procedimentos cobrados informs valorTotal/valorProcedimentos (ct_guiaValorTotal). */
export const valorTotalProcedimentos = defineRule({
  meta: {
    id: 'TISS-R-VALORTOTAL-PROCEDIMENTOS',
    title: 'Valor total de procedimentos ausente',
    severity: 'error',
    appliesTo: ['guiaSP-SADT', 'guiaResumoInternacao'],
    scope: ['loteGuias/guiaResumoInternacao e guiaSP-SADT (valorTotal/valorProcedimentos)'],
    versions: TISS_4,
    description:
      'Na guia de resumo de internação e na de SP/SADT (mesmo tipo de valor total), quando há procedimentos cobrados (procedimentosExecutados/procedimentoExecutado), o valor total de procedimentos (valorTotal/valorProcedimentos) deve ser informado (pode ser 0.00). A conferência da soma é de TISS-R-TOTAIS-GUIA.',
    source: {
      text: 'Condicionado. Deve ser preenchido caso haja procedimentos cobrados.',
      origin: 'PRIMARY',
      reference: 'ANS, TISS 4.00.00 — mudanças: Valor Total de Procedimentos',
    },
    examples: {
      pass: 'samples/valid/lote-resumo-internacao.xml',
      fail: 'samples/rules/valortotal-procedimentos.xml',
      failAt: { xpath: '/mensagemTISS/prestadorParaOperadora/loteGuias/guiasTISS/guiaResumoInternacao[1]/valorTotal' },
    },
    messages: {
      semValorUmProcedimento: 'A {{guia}} cobra 1 procedimento, mas o valor total não informa <valorProcedimentos>.',
      semValorProcedimentos: 'A {{guia}} cobra {{quantidade}} procedimentos, mas o valor total não informa <valorProcedimentos>.',
    },
    fixes: {
      semValorUmProcedimento: 'Informe <valorProcedimentos> como primeiro elemento de <valorTotal>, com a soma dos valores totais dos procedimentos executados.',
      semValorProcedimentos: 'Informe <valorProcedimentos> como primeiro elemento de <valorTotal>, com a soma dos valores totais dos procedimentos executados.',
    },
  },
  check(ctx) {
    for (const guia of guiasComDespesas(ctx)) {
      const n = getAll(guia, 'procedimentosExecutados', 'procedimentoExecutado').length;
      if (n === 0) continue;
      const total = get(guia, 'valorTotal');
      if (!total || filled(total, 'valorProcedimentos')) continue;
      ctx.report(get(total, 'valorProcedimentos') ?? total, n > 1 ? 'semValorProcedimentos' : 'semValorUmProcedimento', {
        args: n > 1 ? { guia: nomeGuia(guia), quantidade: n } : { guia: nomeGuia(guia) },
        data: { procedimentos: n },
      });
    }
  },
});
