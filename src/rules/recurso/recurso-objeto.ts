import { get, text } from '../../xml/query.js';
import { defineRule } from '../types.js';
import { TISS_4 } from '../versions.js';

const EXPECTED: Record<string, { branch: string; label: string }> = {
  '1': { branch: 'recursoProtocolo', label: 'recurso de protocolo' },
  '2': { branch: 'recursoGuia', label: 'recurso de guia' },
};

/**
 * objetoRecurso (dm_objetoRecurso: 1 protocolo, 2 guia) and the opcaoRecurso choice (recursoProtocolo |
 * recursoGuia) are siblings in the recurso (ctm_recursoGlosa, cto_recursoGlosaOdonto) and in the
 * operadora's answer (ct_glosaRecibo, ct_glosaReciboOdonto); the XSD does not tie them together.
 */
export const recursoObjeto = defineRule({
  meta: {
    id: 'TISS-R-RECURSO-OBJETO',
    title: 'Objeto do recurso diferente do conteúdo do recurso',
    severity: 'error',
    appliesTo: ['objetoRecurso'],
    scope: [
      'recursoGlosa/guiaRecursoGlosa, recursoGlosa/guiaRecursoGlosaOdonto',
      'operadoraParaPrestador/respostaRecursoGlosa (reciboGlosa, reciboGlosaOdonto)',
    ],
    versions: TISS_4,
    description:
      'O objeto do recurso define o que vem em <opcaoRecurso>: objetoRecurso = 2 (recurso de guia) exige <recursoGuia>, com o número da guia a que o recurso se refere; objetoRecurso = 1 (recurso de protocolo) exige <recursoProtocolo>. Vale para o recurso do prestador e para a resposta da operadora.',
    source: {
      text: 'Número identificador da guia a que se refere o recurso.Condicionado. Deve ser preenchido em caso de apresentação de recurso para a glosa da guia, ou seja, o campo objeto do recurso igual a 2',
      origin: 'PRIMARY',
      reference: 'ANS, TISS 4.00.00 — mudanças: Número da guia no prestador (Resposta ao recurso de glosa); regras-condicionais RG-01 (legenda ANS, transcrição de terceiros)',
    },
    examples: {
      pass: 'samples/valid/recurso-glosa.xml',
      fail: 'samples/rules/recurso-objeto.xml',
      failAt: { xpath: '/mensagemTISS/prestadorParaOperadora/recursoGlosa/guiaRecursoGlosa/opcaoRecurso' },
    },
    messages: {
      guiaComOutraOpcao: 'O objeto do recurso é 2 (recurso de guia), mas <opcaoRecurso> traz {{informado}} em vez de <recursoGuia>.',
      guiaSemOpcao: 'O objeto do recurso é 2 (recurso de guia), mas <opcaoRecurso> traz nenhuma opção em vez de <recursoGuia>.',
      protocoloComOutraOpcao: 'O objeto do recurso é 1 (recurso de protocolo), mas <opcaoRecurso> traz {{informado}} em vez de <recursoProtocolo>.',
      protocoloSemOpcao: 'O objeto do recurso é 1 (recurso de protocolo), mas <opcaoRecurso> traz nenhuma opção em vez de <recursoProtocolo>.',
    },
    fixes: {
      guiaComOutraOpcao: 'Para recorrer de guias, informe cada guia em <recursoGuia> (com o número da guia no prestador); se o recurso é do protocolo inteiro, use objetoRecurso = 1.',
      guiaSemOpcao: 'Para recorrer de guias, informe cada guia em <recursoGuia> (com o número da guia no prestador); se o recurso é do protocolo inteiro, use objetoRecurso = 1.',
      protocoloComOutraOpcao: 'Para recorrer do protocolo inteiro, informe <recursoProtocolo>; se o recurso é de guias ou itens, use objetoRecurso = 2.',
      protocoloSemOpcao: 'Para recorrer do protocolo inteiro, informe <recursoProtocolo>; se o recurso é de guias ou itens, use objetoRecurso = 2.',
    },
  },
  check(ctx) {
    for (const objeto of ctx.all('objetoRecurso')) {
      const value = text(objeto) ?? '';
      const expected = EXPECTED[value];
      const opcao = get(objeto.parent, 'opcaoRecurso');
      if (!expected || !opcao || get(opcao, expected.branch)) continue;
      const found = opcao.children[0]?.local;
      const foundLabel = found ? Object.values(EXPECTED).find((e) => e.branch === found)?.label : undefined;
      const messageId = value === '2' ? (found ? 'guiaComOutraOpcao' : 'guiaSemOpcao') : found ? 'protocoloComOutraOpcao' : 'protocoloSemOpcao';
      ctx.report(opcao, messageId, {
        // The element found, with what it means when it is the other branch: `<recursoProtocolo> (recurso de protocolo)`.
        args: found ? { informado: `<${found}>${foundLabel ? ` (${foundLabel})` : ''}` } : {},
        data: { objetoRecurso: value, esperado: expected.branch, informado: found ?? null },
      });
    }
  },
});
