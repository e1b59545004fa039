import { filled, get, getAll, text } from '../../xml/query.js';
import { defineRule } from '../types.js';
import { itemNomeado, numero } from './util.js';
import { TISS_4 } from '../versions.js';

/** SP/SADT: a procedimento performed by a team (2+ equipeSadt) gives every member's grauPart. */
export const sadtEquipeGrauPart = defineRule({
  meta: {
    id: 'TISS-R-SADT-EQUIPE-GRAUPART',
    title: 'Grau de participação ausente na equipe do procedimento SP/SADT',
    severity: 'warning',
    appliesTo: ['guiaSP-SADT'],
    scope: ['loteGuias/guiaSP-SADT (procedimentoExecutado/equipeSadt)'],
    versions: TISS_4,
    description:
      'Na guia de SP/SADT, quando o procedimento é realizado por equipe (dois ou mais profissionais em equipeSadt), cada profissional deve ter o grau de participação (grauPart, tabela 35). Um único profissional pode omiti-lo.',
    source: {
      text: 'Grau de participação do profissional na realização do procedimento, conforme tabela de domínio nº 35.. Condicionado. Deve ser preenchido sempre que houver honorários profissionais relativos aos procedimentos realizados. e tratar-se de procedimento realizado por equipe.',
      origin: 'SECONDARY',
      reference: 'regras-condicionais SADT-19 (legenda ANS, transcrição de terceiros)',
    },
    examples: {
      pass: 'samples/valid/lote-sp-sadt.xml',
      fail: 'samples/rules/sadt-equipe-graupart.xml',
      failAt: { xpath: '/mensagemTISS/prestadorParaOperadora/loteGuias/guiasTISS/guiaSP-SADT[2]/procedimentosExecutados/procedimentoExecutado/equipeSadt[2]' },
    },
    messages: {
      semGrauPart: '{{procedimento}} foi realizado por equipe ({{profissionais}} profissionais), mas {{quem}} está sem grau de participação (<grauPart>).',
    },
    fixes: {
      semGrauPart: 'Informe <grauPart> (tabela 35: 00 cirurgião, 01 primeiro auxiliar, 06 anestesista…) como primeiro elemento de cada <equipeSadt>.',
    },
  },
  check(ctx) {
    for (const guia of ctx.all('guiaSP-SADT')) {
      for (const proc of getAll(guia, 'procedimentosExecutados', 'procedimentoExecutado')) {
        const equipe = getAll(proc, 'equipeSadt');
        if (equipe.length < 2) continue;
        const seq = numero(proc, 'sequencialItem');
        for (const membro of equipe) {
          if (filled(membro, 'grauPart')) continue;
          const nome = text(membro, 'nomeProf');
          const cod = get(membro, 'codProfissional')?.children[0];
          const quem = nome ? nome : cod ? `${cod.local} ${text(cod) ?? ''}`.trim() : 'um profissional';
          ctx.report(membro, 'semGrauPart', {
            args: { procedimento: itemNomeado('O procedimento', seq), profissionais: equipe.length, quem },
            data: { sequencialItem: seq ?? null, profissional: quem },
          });
        }
      }
    }
  },
});
