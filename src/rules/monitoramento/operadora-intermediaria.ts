import { ancestor, get, text } from '../../xml/query.js';
import { defineRule } from '../types.js';
import { guiasMonitoramento } from './util.js';
import { MONITORAMENTO } from '../versions.js';

/** registroANSOperadoraIntermediaria and tipoAtendimentoOperadoraIntermediaria go together, naming another operadora. */
export const monOperadoraIntermediaria = defineRule({
  meta: {
    id: 'TISS-R-MON-OPERADORA-INTERMEDIARIA',
    title: 'Operadora intermediária: registro e tipo de atendimento juntos',
    severity: 'warning',
    appliesTo: ['guiaMonitoramento'],
    scope: ['mensagemEnvioANS/Mensagem/operadoraParaANS/guiaMonitoramento (Envio de Dados 1.02.00)'],
    versions: MONITORAMENTO,
    description:
      'No Envio de Dados, o registro ANS da operadora intermediária (registroANSOperadoraIntermediaria) e o tipo de atendimento pela operadora intermediária (tipoAtendimentoOperadoraIntermediaria, tabela 71) são informados juntos, e a intermediária deve ser uma operadora diferente da que envia o arquivo (cabecalho/registroANS). Se houve ou não intermediação não é conferível pela mensagem.',
    source: {
      text: 'Deve ser preenchido caso o atendimento tenha sido intermediado por operadora diferente da Operadora que enviou o arquivo (Intercâmbio, Reciprocidade). [120-5061: TIPO DE ATENDIMENTO OPERADORA INTERMEDIÁRIA NÃO INFORMADO - Tabela 71]',
      origin: 'SECONDARY',
      reference: 'regras-condicionais MON-26 (crítica ANS do Envio de Dados, campos 081/120, erros 5027/5062/5061; transcrição de terceiros)',
    },
    examples: {
      pass: 'samples/rules/passa/mon-guia-solic-internacao.xml',
      fail: 'samples/rules/mon-operadora-intermediaria.xml',
      failAt: { xpath: '/mensagemEnvioANS/Mensagem/operadoraParaANS/guiaMonitoramento[2]' },
    },
    messages: {
      semTipo: 'A guia informa a operadora intermediária {{registro}}, mas não o tipo de atendimento pela operadora intermediária (<tipoAtendimentoOperadoraIntermediaria>).',
      semRegistro: 'O tipo de atendimento pela operadora intermediária ({{tipo}}) foi informado sem o registro ANS da operadora intermediária.',
      propriaOperadora: 'A operadora intermediária informada ({{registro}}) é a própria operadora que envia o arquivo; intermediária é outra operadora (intercâmbio, reciprocidade).',
    },
    fixes: {
      semTipo: 'Informe <tipoAtendimentoOperadoraIntermediaria> (tabela 71: 1 atendimento eventual, 2 atendimento continuado), logo após <registroANSOperadoraIntermediaria>.',
      semRegistro: 'Informe <registroANSOperadoraIntermediaria> antes deste campo, ou retire <tipoAtendimentoOperadoraIntermediaria> se não houve intermediação.',
      propriaOperadora: 'Informe o registro ANS da operadora que intermediou o atendimento, ou retire os campos da operadora intermediária se não houve intermediação.',
    },
  },
  check(ctx) {
    for (const g of guiasMonitoramento(ctx)) {
      const registro = get(g.node, 'registroANSOperadoraIntermediaria');
      const tipo = get(g.node, 'tipoAtendimentoOperadoraIntermediaria');
      if (!registro && !tipo) continue;
      if (registro && !tipo) {
        ctx.report(g.node, 'semTipo', {
          args: { registro: text(registro) ?? '' },
          data: { registroANSOperadoraIntermediaria: text(registro) },
          glosa: ['5061'], // TIPO DE ATENDIMENTO OPERADORA INTERMEDIÁRIA NÃO INFORMADO
        });
        continue;
      }
      if (tipo && !registro) {
        ctx.report(tipo, 'semRegistro', {
          args: { tipo: text(tipo) ?? '' },
          data: { tipoAtendimentoOperadoraIntermediaria: text(tipo) },
          glosa: ['5062'], // REGISTRO ANS DA OPERADORA INTERMEDIÁRIA NÃO INFORMADO
        });
        continue;
      }
      const own = text(get(ancestor(g.node, 'mensagemEnvioANS'), 'cabecalho', 'registroANS'));
      const value = text(registro);
      if (registro && own !== undefined && value === own) {
        ctx.report(registro, 'propriaOperadora', {
          args: { registro: value },
          data: { value },
          glosa: ['5027'], // REGISTRO ANS DA OPERADORA INVÁLIDO
        });
      }
    }
  },
});
