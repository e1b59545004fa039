import { filled, get, getAll, text } from '../../xml/query.js';
import { defineRule } from '../types.js';
import { guiasComDespesas, itemNomeado, numero } from './util.js';
import { TISS_4 } from '../versions.js';

/** OPME (codigoDespesa 08) cobrada por tabela própria (código fora da TUSS) carries the registro ANVISA. */
export const opmeAnvisaSemTuss = defineRule({
  meta: {
    id: 'TISS-R-OPME-ANVISA-SEM-TUSS',
    title: 'Registro ANVISA ausente em OPME sem código TUSS',
    severity: 'warning',
    appliesTo: ['guiaSP-SADT', 'guiaResumoInternacao'],
    scope: ['loteGuias/guiaSP-SADT e guiaResumoInternacao (outrasDespesas/despesa com codigoDespesa 08)'],
    versions: TISS_4,
    description:
      'Em outras despesas, uma OPME (codigoDespesa = 08) cobrada com código de tabela própria (codigoTabela = 00, isto é, material ainda sem código TUSS) deve informar o número de registro do material na ANVISA (registroANVISA).',
    source: {
      text: 'Número de registro do material na ANVISA. Condicionado. Deve ser preenchido em caso de cobrança de órteses, próteses e materiais especiais, quando for utilizado código de material ainda não cadastrado na TUSS.',
      origin: 'SECONDARY',
      reference: 'regras-condicionais SADT-31 (legenda ANS, transcrição de terceiros)',
    },
    examples: {
      pass: 'samples/rules/passa/opme-anvisa-sem-tuss.xml',
      fail: 'samples/rules/opme-anvisa-sem-tuss.xml',
      failAt: { xpath: '/mensagemTISS/prestadorParaOperadora/loteGuias/guiasTISS/guiaResumoInternacao/outrasDespesas/despesa[3]/servicosExecutados' },
    },
    messages: {
      semRegistroAnvisa: '{{opme}} é cobrada por tabela própria (codigoTabela = 00, material sem código TUSS), mas não informa o registro ANVISA (<registroANVISA>).',
    },
    fixes: {
      semRegistroAnvisa: 'Informe <registroANVISA> em <servicosExecutados>, após <descricaoProcedimento>, ou cobre o material pelo código TUSS (tabela 19), se houver.',
    },
  },
  check(ctx) {
    for (const guia of guiasComDespesas(ctx)) {
      for (const d of getAll(guia, 'outrasDespesas', 'despesa')) {
        if (text(d, 'codigoDespesa') !== '08') continue;
        const serv = get(d, 'servicosExecutados');
        if (!serv || text(serv, 'codigoTabela') !== '00' || filled(serv, 'registroANVISA')) continue;
        const codigo = text(serv, 'codigoProcedimento');
        const seq = numero(d, 'sequencialItem');
        ctx.report(get(serv, 'registroANVISA') ?? serv, 'semRegistroAnvisa', {
          args: { opme: itemNomeado('A OPME', seq, codigo) },
          data: { sequencialItem: seq ?? null, codigoProcedimento: codigo ?? null },
        });
      }
    }
  },
});
