import { filled, get, text } from '../../xml/query.js';
import { defineRule } from '../types.js';
import { descreve, guiasMonitoramento, prestadorEventual, TIPO_GUIA } from './util.js';
import { MONITORAMENTO } from '../versions.js';

/** caraterAtendimento: only SP/SADT and internação, where it is expected. */
export const monCaraterAtendimento = defineRule({
  meta: {
    id: 'TISS-R-MON-CARATER-ATENDIMENTO',
    title: 'Caráter do atendimento só em SP/SADT e internação',
    severity: 'warning',
    appliesTo: ['guiaMonitoramento'],
    scope: ['mensagemEnvioANS/Mensagem/operadoraParaANS/guiaMonitoramento (Envio de Dados 1.02.00)'],
    versions: MONITORAMENTO,
    description:
      'No Envio de Dados, o caráter do atendimento (caraterAtendimento, tabela 23: 1 eletivo, 2 urgência/emergência; E e U nas versões antigas) não deve ser informado em guias de consulta (tipoEventoAtencao = 1), tratamento odontológico (4) ou honorários (5), e deve ser informado nas guias de SP/SADT (2) e internação (3). Guias de prestador eventual (origem 5) estão dispensadas da exigência (a operadora preenche se tiver a informação).',
    source: {
      text: 'Preencher opções do Componente de Representação de Conceitos em Saúde - TUSS Demais Terminologias - Tabela 23. Não deve ser preenchido quando o tipo de guia for igual a 1 (Consulta), 4 (Tratamento Odontológico) ou 5 (Honorários).',
      origin: 'SECONDARY',
      reference: 'regras-condicionais MON-14 (crítica ANS do Envio de Dados, campo 038, erro 5031; transcrição de terceiros)',
    },
    examples: {
      pass: 'samples/valid/monitoramento-guias.xml',
      fail: 'samples/rules/mon-carater-atendimento.xml',
      failAt: { xpath: '/mensagemEnvioANS/Mensagem/operadoraParaANS/guiaMonitoramento[2]/caraterAtendimento' },
    },
    messages: {
      naoSeAplica: 'O caráter do atendimento ({{valor}}) não deve ser informado numa guia tipo {{tipo}}.',
      ausente: 'Na {{guia}}, o caráter do atendimento (<caraterAtendimento>) não foi informado.',
    },
    fixes: {
      naoSeAplica: 'Retire <caraterAtendimento> desta guia.',
      ausente: 'Informe <caraterAtendimento> (1 eletivo, 2 urgência/emergência), depois de <indicacaoAcidente>.',
    },
  },
  check(ctx) {
    for (const g of guiasMonitoramento(ctx)) {
      const node = get(g.node, 'caraterAtendimento');
      if (node && (g.tipo === '1' || g.tipo === '4' || g.tipo === '5')) {
        const value = text(node) ?? '';
        ctx.report(node, 'naoSeAplica', {
          args: { valor: value, tipo: TIPO_GUIA[g.tipo]! },
          data: { tipo: g.tipo, value },
        });
        continue;
      }
      if (g.tipo !== '2' && g.tipo !== '3') continue;
      if (prestadorEventual(g) || filled(g.node, 'caraterAtendimento')) continue;
      ctx.report(g.node, 'ausente', {
        args: { guia: descreve(g) },
        data: { tipo: g.tipo, origem: g.origem },
      });
    }
  },
});
