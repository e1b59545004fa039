import type { XNode } from '../../xml/tree.js';
import { ancestor, getAll, text } from '../../xml/query.js';
import { dateBR } from '../../locale/pt-br.js';
import { defineRule } from '../types.js';
import { TISS_4 } from '../versions.js';
import { isoDate } from './util.js';

/** Via de acesso 3 (diferentes vias): the same procedure by another access, e.g. a bilateral one. */
const DIFERENTES_VIAS = '3';

/**
 * Who took part in an item, as "grau:profissional" pairs, sorted: SP/SADT equipeSadt, resumo
 * identEquipe/identificacaoEquipe, honorários profissionais. Empty when the item names no team.
 */
function participacao(item: XNode): string {
  const membros = [...getAll(item, 'equipeSadt'), ...getAll(item, 'identEquipe', 'identificacaoEquipe'), ...getAll(item, 'profissionais')];
  return membros
    .map((m) => {
      const grau = text(m, 'grauPart') ?? text(m, 'grauParticipacao') ?? '';
      const prof = text(m, 'codProfissional', 'codigoPrestadorNaOperadora') ?? text(m, 'codProfissional', 'cpfContratado') ?? '';
      return `${grau}:${prof}`;
    })
    .sort()
    .join(',');
}

/**
 * The same procedure (codigoTabela + codigoProcedimento) on the same dataExecucao and horaInicial twice
 * in one guia: procedimentoExecutado of SP/SADT and resumo de internação, procedimentoRealizado of
 * honorários. Allowed: a different horaInicial, via de acesso 3 on either item, or a different team
 * (grau de participação and professional) on each item.
 */
export const procedimentoRepetido = defineRule({
  meta: {
    id: 'TISS-R-PROCEDIMENTO-REPETIDO',
    title: 'Procedimento repetido na guia',
    severity: 'warning',
    appliesTo: ['procedimentoExecutado', 'procedimentoRealizado'],
    scope: ['loteGuias: procedimentos executados de guiaSP-SADT e guiaResumoInternacao, procedimentos realizados de guiaHonorarios'],
    versions: TISS_4,
    description:
      'O mesmo procedimento (tabela e código) com a mesma data de execução e a mesma hora inicial (ou sem hora nas duas) aparece duas vezes na mesma guia: a operadora o glosa como cobrança em duplicidade. O procedimento feito mais de uma vez no mesmo momento se cobra num só item, com a quantidade executada. A repetição é aceita quando a hora inicial difere (outra realização), quando um dos itens tem via de acesso 3 (diferentes vias, como num procedimento bilateral) e quando cada item traz outra equipe (grau de participação e profissional), que é como se cobram os honorários de cada participante. A GTO fica de fora: lá o mesmo procedimento em dentes ou faces diferentes é a regra, e a glosa própria (3007) não é a deste achado. Um achado em cada repetição, apontando o primeiro item.',
    source: {
      text: '1702 COBRANÇA DE PROCEDIMENTO EM DUPLICIDADE',
      origin: 'CHECK',
      reference: 'ANS, Tabela 38 (dm_tipoGlosa, 4.00.00 a 4.03.00): glosa 1702',
    },
    glosa: ['1702'],
    examples: {
      pass: 'samples/valid/lote-sp-sadt.xml',
      fail: 'samples/rules/procedimento-repetido.xml',
      failAt: { xpath: '/mensagemTISS/prestadorParaOperadora/loteGuias/guiasTISS/guiaSP-SADT[1]/procedimentosExecutados/procedimentoExecutado[3]' },
    },
    messages: {
      repetido: 'O procedimento {{codigo}} (tabela {{tabela}}) se repete na guia com a mesma data ({{data}}) e hora inicial ({{hora}}) do item da linha {{linha}}.',
      repetidoSemHora: 'O procedimento {{codigo}} (tabela {{tabela}}) se repete na guia com a mesma data ({{data}}), sem hora inicial, como o item da linha {{linha}}.',
    },
    fixes: {
      repetido: 'Se é a mesma realização, retire a repetição; se o procedimento foi feito mais de uma vez, informe a quantidade executada num só item; se é de outro profissional da equipe, informe o grau de participação de cada um.',
      repetidoSemHora: 'Se o procedimento foi feito mais de uma vez no dia, informe a quantidade executada num só item ou a hora inicial de cada realização; se é de outro profissional da equipe, informe o grau de participação de cada um.',
    },
  },
  check(ctx) {
    const byGuia = new Map<XNode, Map<string, XNode[]>>();
    for (const item of ctx.nodes()) {
      const guia = item.parent?.parent;
      if (!guia || !ancestor(guia, 'guiasTISS')) continue;
      const codigo = text(item, 'procedimento', 'codigoProcedimento');
      const data = isoDate(item, 'dataExecucao');
      if (!codigo || !data) continue;
      const tabela = text(item, 'procedimento', 'codigoTabela') ?? '';
      const hora = text(item, 'horaInicial') ?? '';
      const key = `${tabela}|${codigo}|${data}|${hora}`;
      let seen = byGuia.get(guia);
      if (!seen) byGuia.set(guia, (seen = new Map<string, XNode[]>()));
      const earlier = seen.get(key) ?? [];
      const via = text(item, 'viaAcesso');
      const same = earlier.find((e) => via !== DIFERENTES_VIAS && text(e, 'viaAcesso') !== DIFERENTES_VIAS && participacao(e) === participacao(item));
      earlier.push(item);
      seen.set(key, earlier);
      if (!same) continue;
      const args = { codigo, tabela, data: dateBR(data), linha: same.line };
      const info = { codigoTabela: tabela, codigoProcedimento: codigo, dataExecucao: data, horaInicial: hora || null, primeiraLinha: same.line };
      if (hora) ctx.report(item, 'repetido', { args: { ...args, hora }, data: info });
      else ctx.report(item, 'repetidoSemHora', { args, data: info });
    }
  },
});

