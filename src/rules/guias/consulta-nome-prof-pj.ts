import { filled, get, text } from '../../xml/query.js';
import { defineRule } from '../types.js';
import { TISS_4 } from '../versions.js';

/** Guia de consulta: a contratado pessoa jurídica (CNPJ) names the profissional executante. */
export const consultaNomeProfPj = defineRule({
  meta: {
    id: 'TISS-R-CONSULTA-NOME-PROF-PJ',
    title: 'Nome do profissional ausente em consulta de pessoa jurídica',
    severity: 'warning',
    appliesTo: ['guiaConsulta'],
    scope: ['loteGuias/guiaConsulta (profissionalExecutante/nomeProfissional)'],
    versions: TISS_4,
    description:
      'Na guia de consulta, quando o contratado executante é pessoa jurídica (identificado por cnpjContratado), o nome do profissional que executou a consulta (profissionalExecutante/nomeProfissional) deve ser informado. Contratado por CPF dispensa; por código na operadora, não é possível saber e nada é conferido.',
    source: {
      text: 'Nome do profissional que executou o procedimento. Condicionado. Deve ser preenchido quando o prestador contratado referido no campo Nome do Contratado for pessoa jurídica.',
      origin: 'SECONDARY',
      reference: 'regras-condicionais CONS-03 (legenda ANS, transcrição de terceiros)',
    },
    examples: {
      pass: 'samples/valid/lote-consulta.xml',
      fail: 'samples/rules/consulta-nome-prof-pj.xml',
      failAt: { xpath: '/mensagemTISS/prestadorParaOperadora/loteGuias/guiasTISS/guiaConsulta[1]/profissionalExecutante' },
    },
    messages: {
      semNome: 'O contratado executante é pessoa jurídica (CNPJ {{cnpj}}), mas o nome do profissional que realizou a consulta (<nomeProfissional>) não foi informado.',
    },
    fixes: {
      semNome: 'Informe <nomeProfissional> como primeiro elemento de <profissionalExecutante>.',
    },
  },
  check(ctx) {
    for (const guia of ctx.all('guiaConsulta')) {
      const cnpj = text(guia, 'contratadoExecutante', 'cnpjContratado');
      if (cnpj === undefined) continue;
      const prof = get(guia, 'profissionalExecutante');
      if (!prof || filled(prof, 'nomeProfissional')) continue;
      ctx.report(get(prof, 'nomeProfissional') ?? prof, 'semNome', {
        args: { cnpj },
        data: { cnpjContratado: cnpj },
      });
    }
  },
});
