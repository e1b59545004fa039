import { quoted } from '../../findings/quote.js';
import { ownText } from '../../xml/tree.js';
import { text } from '../../xml/query.js';
import { defineRule } from '../types.js';
import { EVERY_VERSION } from '../versions.js';

export const cnesFormato = defineRule({
  meta: {
    id: 'TISS-R-CNES-FORMATO',
    title: 'CNES fora do formato',
    severity: 'error',
    appliesTo: ['CNES', 'cnes', 'cnesContratado', 'cnesContratadoExecutante', 'cnesExec'],
    versions: EVERY_VERSION,
    description: 'O CNES tem 7 dígitos numéricos (9999999 quando o estabelecimento não tem CNES). O XSD (st_texto7) aceita letras e espaços; a operadora não.',
    source: { text: 'O campo deve ser preenchido com 7 dígitos [...] ou caso não tenha o registro preencher com 9999999.', origin: 'SECONDARY', reference: 'Crítica ANS campo 012 (Envio de Dados), regras-condicionais MON-25; ANS, Tabela 38 (glosa 1202)' },
    examples: {
      pass: 'samples/valid/lote-consulta.xml',
      fail: 'samples/rules/cnes-formato.xml',
      failAt: { xpath: '/mensagemTISS/prestadorParaOperadora/loteGuias/guiasTISS/guiaConsulta[1]/contratadoExecutante/CNES' },
    },
    messages: {
      formato: 'O CNES {{valor}} em <{{elemento}}> deve ter exatamente 7 dígitos numéricos.',
    },
    fixes: {
      formato: 'Informe o CNES do estabelecimento (7 dígitos) ou 9999999 se ele não tiver CNES.',
    },
  },
  check(ctx) {
    for (const node of ctx.nodes()) {
      const value = text(node) ?? '';
      if (/^\d{7}$/.test(value)) continue;
      ctx.report(node, 'formato', {
        args: { valor: quoted(ownText(node)), elemento: node.local },
        data: { value },
      });
    }
  },
});
