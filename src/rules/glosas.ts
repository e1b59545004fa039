import type { RuleMeta } from './types.js';

/**
 * The Tabela 38 (`dm_tipoGlosa`) codes each conditional rule's findings get, by rule id: the code an
 * operadora (or, for the Envio de Dados, the ANS) sends back when the condition fails. Kept here, beside
 * the rules, so that a rule file need not change to carry one; a rule's own `meta.glosa` wins, and a rule
 * that knows better for one finding passes `glosa` to `ctx.report`. Each code is here because its text fits
 * the rule (README quotes them; a test checks that each id is a rule and each code is in Tabela 38). A rule
 * with no entry gets none: see the notes below for why some have none.
 *
 * 3111 CAMPO CONDICIONADO NÃO PREENCHIDO OU INCORRETO is the table's own word for a "Condicionado" field
 * left out or filled where it must not be: the rules of the ANS legends that have no more precise code.
 * The Monitoramento rules take the error code the ANS critique names (their meta.source.reference), when
 * its text fits.
 */
export const RULE_GLOSAS: Readonly<Record<string, readonly string[]>> = {
  // --- identificadores ---
  'TISS-R-CPF-DV': ['1206'], // CPF / CNPJ INVÁLIDO
  'TISS-R-CNPJ-DV': ['1206'], // CPF / CNPJ INVÁLIDO
  'TISS-R-CNS-DV': ['1002'], // NÚMERO DO CARTÃO NACIONAL DE SAÚDE INVÁLIDO
  'TISS-R-CNES-FORMATO': ['1202'], // NÚMERO DO CNES INVÁLIDO

  // --- consistência ---
  'TISS-R-SEQUENCIAL-ITEM-UNICO': ['3167'], // SEQUENCIAL INVÁLIDO (4.01.00 onward)
  // VALOR TOTAL DO PROCEDIMENTO DIFERENTE DO VALOR PROCESSADO: the operadora's "valor processado" is its own
  // quantidade × valor unitário; the text names procedures, the rule also checks outras despesas.
  'TISS-R-VALOR-ITEM': ['1805'],
  'TISS-R-TOTAIS-GUIA': ['5042'], // VALOR INFORMADO DA GUIA DIFERENTE DO SOMATÓRIO DO VALOR INFORMADO DOS ITENS
  'TISS-R-DATA-FUTURA': ['1323'], // DATA PREENCHIDA INCORRETAMENTE
  'TISS-R-ORDEM-DATAS': ['1323'], // DATA PREENCHIDA INCORRETAMENTE

  // --- guias ---
  'TISS-R-TIPO-CONSULTA': ['3111'],
  'TISS-R-SADT-GUIA-PRINCIPAL-INTERNADO': ['1306'], // NÃO EXISTE NÚMERO GUIA PRINCIPAL E/OU CÓDIGO GUIA PRINCIPAL
  'TISS-R-HORA-URGENCIA-SPSADT': ['3111'],
  'TISS-R-SADT-EQUIPE-GRAUPART': ['3111'],
  'TISS-R-CONSULTA-NOME-PROF-PJ': ['3111'],
  'TISS-R-ITEM-VINCULADO-REF': ['3111'],
  'TISS-R-OPME-ANVISA-SEM-TUSS': ['3106'], // REGISTRO ANVISA INVÁLIDO OU NÃO INFORMADO
  'TISS-R-OPME-REF-FABRICANTE': ['3111'],
  'TISS-R-VALORTOTAL-PROCEDIMENTOS': ['5034'], // VALOR NÃO INFORMADO
  'TISS-R-VALORTOTAL-CATEGORIA': ['5034'], // VALOR NÃO INFORMADO
  'TISS-R-RI-DECLARACAO-NASCIDO': ['3111'],
  'TISS-R-RI-DECLARACAO-OBITO': ['3111'],
  'TISS-R-RI-INDICADOR-DORN': ['3111'],

  // --- solicitação e autorização ---
  'TISS-R-CNES-SOLIC-SPSADT': ['3111'],
  'TISS-R-AUSENCIA-CODVALIDACAO': ['3111'],
  'TISS-R-TIPO-IDENT-BIOMETRIA': ['3111'],
  // TISS-R-DATA-AUTORIZACAO: none; it checks the operadora's own answer, which nobody glosses.
  'TISS-R-SENHA-DATA-AUTORIZACAO': ['3111'],
  'TISS-R-ANEXO-TRATAMENTO-ANTERIOR': ['3111'],
  'TISS-R-ODONTO-PROF-EXEC-PJ': ['3111'],

  // --- recurso, cancelamento, envio de documentos ---
  'TISS-R-RECURSO-OBJETO': ['2908'], // SOLICITAÇÃO DE REANÁLISE EFETUADA DE FORMA INCORRETA
  'TISS-R-CANCELA-GUIA-LISTA': ['3111'],
  'TISS-R-DOC-REFERENCIA-LOTE': ['3111'],
  'TISS-R-DOC-REFERENCIA-GUIA': ['3111'],
  // TISS-R-DOC-OBSERVACAO-URL: none; <observacao> is no conditioned field and no text speaks of it.

  // --- Monitoramento (Envio de Dados à ANS): the critique's error code ---
  'TISS-R-MON-GUIA-PRESTADOR-ZEROS': ['1307'], // NÚMERO DA GUIA INVÁLIDO
  // TISS-R-MON-ID-REEMBOLSO: none; the critique (campo 025) names no code, and no text speaks of the reembolso id.
  'TISS-R-MON-TIPO-CONSULTA': ['1603'], // TIPO DE CONSULTA INVÁLIDO
  'TISS-R-MON-REGIME-ATENDIMENTO': ['5074'], // REGIME DE ATENDIMENTO INVÁLIDO
  'TISS-R-MON-SAUDE-OCUPACIONAL': ['5029'], // INDICADOR INVÁLIDO
  // The critique says 5029/1307; only 1307's text (NÚMERO DA GUIA INVÁLIDO) speaks of a guia number.
  'TISS-R-MON-GUIA-OPERADORA-ZEROS': ['1307'],
  'TISS-R-MON-GUIA-SOLIC-INTERNACAO': ['1307'], // NÚMERO DA GUIA INVÁLIDO
  'TISS-R-MON-GUIA-PRINCIPAL': ['1307'], // NÚMERO DA GUIA INVÁLIDO
  'TISS-R-MON-DATA-SOLICITACAO': ['1323'], // DATA PREENCHIDA INCORRETAMENTE
  'TISS-R-MON-DATA-INICIAL-FATURAMENTO': ['1323'],
  'TISS-R-MON-DATA-FIM-PERIODO': ['1323'],
  'TISS-R-MON-DATA-PAGAMENTO': ['1323'],
  'TISS-R-MON-CBO-EXECUTANTE': ['1213'], // CBO (ESPECIALIDADE) INVÁLIDO
  'TISS-R-MON-RECEM-NATO': ['5032'], // INDICADOR DE RECÉM-NATO INVÁLIDO
  'TISS-R-MON-INDICACAO-ACIDENTE': ['5029'], // INDICADOR INVÁLIDO
  'TISS-R-MON-CARATER-ATENDIMENTO': ['5031'], // CARÁTER DE ATENDIMENTO INVÁLIDO
  // TISS-R-MON-CAMPOS-INTERNACAO: none here; the critique names no code, and the field decides it
  // (tipoInternacao 1506, regimeInternacao 1505): the rule should pass those to ctx.report.
  // 1509 CÓDIGO CID INVÁLIDO; a repeated CID is 5067 DIAGNÓSTICO EM DUPLICIDADE (the rule should pass it for that case).
  'TISS-R-MON-CID-INTERNACAO': ['1509'],
  'TISS-R-MON-TIPO-ATENDIMENTO': ['1602'], // TIPO DE ATENDIMENTO INVÁLIDO OU NÃO INFORMADO
  'TISS-R-MON-TIPO-FATURAMENTO': ['1713'], // FATURAMENTO INVÁLIDO
  // 5029 INDICADOR INVÁLIDO; a repeated number is 5066 NUMERO DA DECLARAÇÃO EM DUPLICIDADE (for the rule to pass).
  'TISS-R-MON-DECLARACAO-NASCIDO': ['5029'],
  'TISS-R-MON-DECLARACAO-OBITO': ['5029'], // INDICADOR INVÁLIDO (the critique's 5034, VALOR NÃO INFORMADO, does not fit)
  'TISS-R-MON-EXECUTANTE-CNPJ-INTERNACAO': ['5029'], // INDICADOR INVÁLIDO (identificadorExecutante)
  // 5062 REGISTRO ANS DA OPERADORA INTERMEDIÁRIA NÃO INFORMADO; 5061 TIPO DE ATENDIMENTO OPERADORA INTERMEDIÁRIA
  // NÃO INFORMADO: whichever of the two is missing (the rule should pass the one; 5027 when it is the sender itself).
  'TISS-R-MON-OPERADORA-INTERMEDIARIA': ['5062', '5061'],
  // 5036 CÓDIGO DO GRUPO DO PROCEDIMENTO INVÁLIDO (a group outside tabela 63); 1801 PROCEDIMENTO INVÁLIDO.
  'TISS-R-MON-GRUPO-TABELA63': ['5036', '1801'],
  // TISS-R-MON-DETALHE-PACOTE: none; the critique's 5053 (IDENTIFICADOR JÁ INFORMADO) does not say "pacote sem detalhe".
  'TISS-R-MON-DENTE-FACE-ODONTO': ['5039'], // CÓDIGO DA FACE DO DENTE INVÁLIDO
  'TISS-R-MON-COPARTICIPACAO': ['5050'], // VALOR INFORMADO INVÁLIDO
  'TISS-R-MON-FORMA-REMUNERACAO': ['5081'], // MODELO DE REMUNERAÇÃO NÃO DEVE SER INFORMADO PARA REEMBOLSO/PRESTADOR EVENTUAL
  // 5085 UNIDADE DE MEDIDA É OBRIGATÓRIA PARA A TABELA TUSS INFORMADA; 5084 … NÃO DEVE SER PREENCHIDA …
  'TISS-R-MON-UNIDADE-MEDIDA': ['5085', '5084'],
};

/** A rule's default glosa: its own `meta.glosa`, else its entry above, else none. */
export function ruleGlosa(meta: Pick<RuleMeta, 'id' | 'glosa'>): readonly string[] {
  return meta.glosa ?? RULE_GLOSAS[meta.id] ?? [];
}
