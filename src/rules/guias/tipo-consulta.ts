import { filled, get, text } from '../../xml/query.js';
import { defineRule } from '../types.js';
import { TISS_4 } from '../versions.js';

/** SP/SADT: tipoAtendimento 04 (Consulta) requires tipoConsulta (tabela 52). */
export const tipoConsulta = defineRule({
  meta: {
    id: 'TISS-R-TIPO-CONSULTA',
    title: 'Tipo de consulta ausente em SP/SADT de consulta',
    severity: 'error',
    appliesTo: ['guiaSP-SADT'],
    scope: ['loteGuias/guiaSP-SADT (dadosAtendimento)'],
    versions: TISS_4,
    description:
      'Na guia de SP/SADT, quando o tipo de atendimento é Consulta (tipoAtendimento = 04), o tipo de consulta (tipoConsulta, tabela 52: 1 primeira, 2 seguimento, 3 pré-natal, 4 por encaminhamento) deve ser informado. (Na guia de consulta o XSD já exige o campo.)',
    source: {
      text: 'Código do tipo de consulta realizada, conforme tabela de domínio nº 52.. Condicionado. Deve ser preenchido caso o campo Tipo de Atendimento seja igual a Consulta.',
      origin: 'SECONDARY',
      reference: 'regras-condicionais SADT-06 (legenda ANS, transcrição de terceiros)',
    },
    examples: {
      pass: 'samples/rules/passa/tipo-consulta.xml',
      fail: 'samples/rules/tipo-consulta.xml',
      failAt: { xpath: '/mensagemTISS/prestadorParaOperadora/loteGuias/guiasTISS/guiaSP-SADT/dadosAtendimento' },
    },
    messages: {
      semTipoConsulta: 'O tipo de atendimento é Consulta (tipoAtendimento = 04), mas o tipo de consulta (<tipoConsulta>) não foi informado.',
    },
    fixes: {
      semTipoConsulta: 'Informe <tipoConsulta> em <dadosAtendimento>, logo após <indicacaoAcidente> (tabela 52: 1 primeira, 2 seguimento, 3 pré-natal, 4 por encaminhamento).',
    },
  },
  check(ctx) {
    for (const guia of ctx.all('guiaSP-SADT')) {
      const atendimento = get(guia, 'dadosAtendimento');
      if (text(atendimento, 'tipoAtendimento') !== '04') continue;
      if (filled(atendimento, 'tipoConsulta')) continue;
      ctx.report(atendimento!, 'semTipoConsulta');
    }
  },
});
