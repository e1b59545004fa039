import type { TussProcedure, TussSuggestion } from '../../terminology/tuss22.js';
import { get, text } from '../../xml/query.js';
import type { XNode } from '../../xml/tree.js';
import { defineRule } from '../types.js';
import { EVERY_VERSION } from '../versions.js';

/**
 * A procedure coded in Tabela 22 (TUSS) whose code the installed Tabela 22 does not have. Every place a
 * procedure is coded has `codigoTabela` followed by its code: ct_procedimentoDados (SP/SADT executed and
 * requested, honorários, resumo de internação, GTO, anexos, recurso), ct_procedimentoExecutadoOutras
 * (outras despesas), the consulta's `procedimento`, and in Envio de Dados `identProcedimento`, where the
 * code sits one level down (`Procedimento`/`procedimento`, a choice with `grupoProcedimento`).
 *
 * Only the installed releases are consulted (`tiss tabelas install`); without one the rule is silent.
 * Vigência: a release keeps only the current term, resets the início date when a term is rewritten and
 * drops codes without a fim de vigência (../shared/tuss/README.md), so the rule never says "fora de
 * vigência": it says whether the newest installed release has the code and what older ones knew.
 */

/** The code element that follows a `codigoTabela`, or undefined (a `grupoProcedimento` is not a code). */
function procedureCode(tabela: XNode): XNode | undefined {
  const parent = tabela.parent;
  if (!parent) return undefined;
  const next = parent.children[parent.children.indexOf(tabela) + 1];
  if (!next) return undefined;
  if (next.local === 'codigoProcedimento') return next;
  if (next.local === 'Procedimento' || next.local === 'procedimento') return get(next, 'codigoProcedimento');
  return undefined;
}

/** A term cut at a word for a one-line message. */
function short(term: string, max = 70): string {
  if (term.length <= max) return term;
  const cut = term.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.-]+$/, '')}…`;
}

function suggestions(list: readonly TussSuggestion[]): string {
  return list.map((s) => `${s.code} (“${short(s.term)}”; ${s.kind})`).join('; ');
}

function history(p: TussProcedure): string {
  return p.elsewhere.map((e) => `na ${e.release}: “${short(e.term)}”`).join('; ');
}

/** Terms compared as the table does (case, spacing). */
function same(a: string, b: string): boolean {
  const n = (s: string): string => s.normalize('NFC').toLocaleLowerCase('pt-BR').replace(/\s+/g, ' ').trim();
  return n(a) === n(b);
}

export const tuss22Procedimento = defineRule({
  meta: {
    id: 'TISS-R-TUSS22-PROCEDIMENTO',
    title: 'Código de procedimento fora da Tabela 22 (TUSS) instalada',
    severity: 'warning',
    appliesTo: ['codigoTabela'],
    scope: ['todo procedimento com codigoTabela 22: consulta, SP/SADT (executados e solicitados), honorários, resumo de internação, GTO, anexos, outras despesas, recurso de glosa, Envio de Dados'],
    versions: EVERY_VERSION,
    requires: 'tabela22',
    glosa: ['1801', '2701', '3001', '3219'],
    description:
      'Quando o procedimento é informado na Tabela 22 (<codigoTabela>22</codigoTabela>, TUSS — procedimentos e eventos em saúde), o código (<codigoProcedimento>) deve constar na Tabela 22. A regra confere com a Tabela 22 instalada (tiss tabelas install) e diz qual release consultou: a mais recente. Para um provável erro de digitação sugere códigos próximos (dígitos trocados, um dígito diferente, um a mais ou a menos) com os termos. Quando o código não está na release mais recente mas está numa anterior instalada, diz como constava; quando o código consta mas a descrição da guia é o termo de uma release anterior, informa o termo atual (info). Nunca conclui "fora de vigência" pela data de início de uma release: a ANS reinicia essa data quando reescreve um termo e retira códigos sem data de fim. Sem a Tabela 22 instalada a regra não confere nada.',
    source: {
      text: '22 TUSS _ Procedimentos e eventos em saúde (medicina, odonto e demais áreas de saúde)',
      origin: 'CHECK',
      reference: 'ANS, Padrão TISS: dm_tabela (codigoTabela 22) e Tabela 22 da TUSS instalada; glosas 1801/2701 “PROCEDIMENTO INVÁLIDO”, 3001 “PROCEDIMENTO ODONTOLÓGICO INVÁLIDO”, 3219 “CÓDIGO DO PROCEDIMENTO/ITEM ASSISTENCIAL PREENCHIDO INCORRETAMENTE” (Tabela 38)',
    },
    examples: {
      pass: 'samples/valid/lote-sp-sadt.xml',
      fail: 'samples/rules/tuss22-procedimento.xml',
      failAt: { xpath: '/mensagemTISS/prestadorParaOperadora/loteGuias/guiasTISS/guiaConsulta[2]/dadosAtendimento/procedimento/codigoProcedimento' },
    },
    messages: {
      naoConsta: 'O código {{codigo}} (tabela 22) não consta na Tabela 22 da TUSS instalada (release {{release}}).',
      naoConstaSugestoes: 'O código {{codigo}} (tabela 22) não consta na Tabela 22 da TUSS instalada (release {{release}}). Códigos próximos: {{sugestoes}}.',
      retirado: 'O código {{codigo}} (tabela 22) não consta na Tabela 22 da TUSS release {{release}}, a mais recente instalada; constava em release anterior ({{historico}}).',
      termoAnterior: 'O código {{codigo}} consta na Tabela 22 da TUSS release {{release}} como “{{termo}}”; a descrição informada é o termo de uma release anterior ({{historico}}).',
    },
    fixes: {
      naoConsta: 'Confira o código na Tabela 22 (tiss tabela 22 {{codigo}}) e corrija <codigoProcedimento>; um procedimento sem código TUSS vai na tabela própria acordada com a operadora (<codigoTabela>00</codigoTabela>).',
      naoConstaSugestoes: 'Se foi erro de digitação, use o código certo entre os próximos (confira com tiss tabela 22 <código>); um procedimento sem código TUSS vai na tabela própria acordada com a operadora (<codigoTabela>00</codigoTabela>).',
      retirado: 'O código saiu da Tabela 22: confira com a operadora o código que o substitui (tiss tabela 22 {{codigo}} mostra o que cada release instalada sabe).',
      termoAnterior: 'Atualize <descricaoProcedimento> para o termo da release {{release}}.',
    },
  },
  check(ctx) {
    // Asked first (the injected loader reads the store once per process): without an installed table the
    // rule is silent, and need not go through the lote's codigoTabela (100,000 in the 80 MB lote).
    const table = ctx.tabela22();
    if (table === null) return;
    for (const tabela of ctx.all('codigoTabela')) {
      if ((text(tabela) ?? '').trim() !== '22') continue;
      const node = procedureCode(tabela);
      const codigo = (text(node) ?? '').trim();
      if (!node || codigo === '') continue;
      const p = table.procedure(codigo);
      if (!p.found && p.elsewhere.length > 0) {
        ctx.report(node, 'retirado', {
          args: { codigo, release: p.release, historico: history(p) },
          data: { codigoTabela: '22', codigo, release: p.release, found: false, elsewhere: p.elsewhere },
        });
      } else if (!p.found) {
        const near = table.suggest(codigo);
        const data = { codigoTabela: '22', codigo, release: p.release, found: false, sugestoes: near };
        if (near.length > 0) ctx.report(node, 'naoConstaSugestoes', { args: { codigo, release: p.release, sugestoes: suggestions(near) }, data });
        else ctx.report(node, 'naoConsta', { args: { codigo, release: p.release }, data });
      } else if (p.elsewhere.length > 0) {
        // The term changed between installed releases: worth saying only when the guia still carries the old one.
        const descricao = text(node.parent, 'descricaoProcedimento');
        if (!descricao || !p.elsewhere.some((e) => same(e.term, descricao)) || same(descricao, p.term!)) continue;
        ctx.report(node, 'termoAnterior', {
          args: { codigo, release: p.release, termo: short(p.term!), historico: history(p) },
          data: { codigoTabela: '22', codigo, release: p.release, found: true, term: p.term, elsewhere: p.elsewhere },
          severity: 'info',
          // The code is valid: an old term in the description is no procedimento inválido.
          glosa: [],
        });
      }
    }
  },
});
