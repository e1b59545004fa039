import type { FindingSource, Severity } from './finding.js';

export interface CodeInfo {
  severity: Severity;
  source: FindingSource;
  /** Short title in Portuguese (README table, SARIF rule name). */
  title: string;
  /**
   * The Tabela 38 (`dm_tipoGlosa`) codes an operadora would send for this finding, when one fits the
   * problem as the table words it (README quotes each one); absent when none does. A stage may hand a
   * finding a more precise code (an XSD error on a CPF: 1206), see src/xsd/glosa.ts.
   */
  glosa?: readonly string[];
}

/**
 * Every finding code the engine can emit. Codes are stable: a code is never reused for another
 * meaning; a retired code stays here, marked as such. README's table is checked against this list by a test.
 */
export const CODES = {
  // Glosas (Tabela 38). 5001 MENSAGEM ELETRÔNICA FORA DO PADRÃO TISS: what a message the XSD refuses gets;
  // 5002 NÃO FOI POSSÍVEL VALIDAR O ARQUIVO XML: a file the receiver cannot even read as XML (empty, bytes
  // that are not the declared encoding, not well-formed); 5007 MENSAGEM INCONSISTENTE OU INCOMPLETA: a
  // mandatory element missing, a body with nothing in it; 5014 CÓDIGO HASH INVÁLIDO. MENSAGEM PODE ESTAR
  // CORROMPIDA.: every wrong hash; 5028 VERSÃO DO PADRÃO INVÁLIDA. Left without a glosa on purpose: our own
  // limits (size, memory), warnings an operadora usually accepts (BOM, no declaration, a declared encoding
  // other than ISO-8859-1, C1 controls), a UTF-8 text declared ISO-8859-1 (it reads, as mojibake: the hash
  // finding carries 5014), a character outside ISO-8859-1 and a DOCTYPE (no Tabela 38 text says either),
  // an unverifiable hash, the generator's input and profiles (an operadora's own rule: no standard code).
  // --- entrada -------------------------------------------------------------------------------------------
  // A file that could not be read at all (missing, no permission, a folder…): a result of the library's
  // validateFiles; the CLI's CI formats report such a file under this code (JUnit's error type, Code Quality's check_name).
  'TISS-INPUT-UNREADABLE': { severity: 'error', source: 'input', title: 'Arquivo não lido (inexistente, sem permissão ou que não é um arquivo)' },
  'TISS-INPUT-EMPTY': { severity: 'error', source: 'input', title: 'Arquivo vazio', glosa: ['5002'] },
  'TISS-INPUT-TOO-LARGE': { severity: 'error', source: 'input', title: 'Arquivo maior que o limite (--max-size)' },
  'TISS-INPUT-TOO-COMPLEX': { severity: 'error', source: 'input', title: 'Arquivo com elementos demais para o limite de memória (--max-memory)' },

  // --- encoding ------------------------------------------------------------------------------------------
  'TISS-ENC-BOM': { severity: 'warning', source: 'encoding', title: 'Arquivo começa com BOM' },
  'TISS-ENC-NO-DECLARATION': { severity: 'warning', source: 'encoding', title: 'Sem declaração XML de encoding' },
  'TISS-ENC-NOT-ISO88591': { severity: 'warning', source: 'encoding', title: 'Encoding declarado não é ISO-8859-1' },
  'TISS-ENC-UTF8-DECLARED-LATIN1': { severity: 'error', source: 'encoding', title: 'Declarado ISO-8859-1, mas os bytes são UTF-8' },
  'TISS-ENC-LATIN1-DECLARED-UTF8': { severity: 'error', source: 'encoding', title: 'Declarado UTF-8, mas os bytes não são UTF-8 (parecem ISO-8859-1)', glosa: ['5002'] },
  'TISS-ENC-UTF16': { severity: 'error', source: 'encoding', title: 'Arquivo em UTF-16', glosa: ['5001'] },
  'TISS-ENC-UTF16-DECLARED-8BIT': { severity: 'error', source: 'encoding', title: 'Declarado UTF-16, mas os bytes são de 8 bits (erro fatal do XML)', glosa: ['5002'] },
  'TISS-ENC-UNSUPPORTED': { severity: 'error', source: 'encoding', title: 'Encoding declarado desconhecido', glosa: ['5002'] },
  'TISS-ENC-OUTSIDE-LATIN1': { severity: 'error', source: 'encoding', title: 'Caractere fora do ISO-8859-1' },
  'TISS-ENC-C1-CONTROL': { severity: 'warning', source: 'encoding', title: 'Caractere de controle (provável Windows-1252)' },

  // --- XML -----------------------------------------------------------------------------------------------
  'TISS-XML-NOT-WELL-FORMED': { severity: 'error', source: 'xml', title: 'XML mal formado', glosa: ['5002'] },
  'TISS-XML-DOCTYPE': { severity: 'error', source: 'xml', title: 'DOCTYPE/entidades não são permitidos' },
  'TISS-XML-AMBIGUOUS': { severity: 'error', source: 'xml', title: 'O XML pode ser lido de mais de uma forma (leituras divergentes)' },

  // --- mensagem ------------------------------------------------------------------------------------------
  'TISS-MSG-UNKNOWN-ROOT': { severity: 'error', source: 'message', title: 'Elemento raiz não é uma mensagem TISS', glosa: ['5001'] },
  'TISS-MSG-NAMESPACE': { severity: 'error', source: 'message', title: 'Namespace da mensagem incorreto', glosa: ['5001'] },
  'TISS-MSG-VERSION-UNSUPPORTED': { severity: 'error', source: 'message', title: 'Versão do padrão que nenhum esquema aceita (não conferida; saída 3)', glosa: ['5028'] },
  'TISS-MSG-VERSION-NEAREST': { severity: 'info', source: 'message', title: 'Versão sem esquema próprio instalado, conferida com a mais próxima que a aceita' },
  'TISS-MSG-VERSION-RECEIVER': { severity: 'info', source: 'message', title: 'Conferida com a versão de quem recebe (--schema-version, perfil)' },
  'TISS-MSG-EMPTY-BODY': { severity: 'warning', source: 'message', title: 'Mensagem sem conteúdo', glosa: ['5007'] },

  // --- XSD -----------------------------------------------------------------------------------------------
  'TISS-XSD-UNEXPECTED-ELEMENT': { severity: 'error', source: 'xsd', title: 'Elemento fora de lugar ou desconhecido', glosa: ['5001'] },
  'TISS-XSD-MISSING-ELEMENT': { severity: 'error', source: 'xsd', title: 'Elemento obrigatório ausente', glosa: ['5007'] },
  'TISS-XSD-MAX-OCCURS': { severity: 'error', source: 'xsd', title: 'Elemento repetido além do máximo permitido', glosa: ['5001'] },
  'TISS-XSD-ENUMERATION': { severity: 'error', source: 'xsd', title: 'Código fora da lista permitida', glosa: ['5001'] },
  'TISS-XSD-PATTERN': { severity: 'error', source: 'xsd', title: 'Valor fora do formato exigido', glosa: ['5001'] },
  'TISS-XSD-LENGTH': { severity: 'error', source: 'xsd', title: 'Tamanho do valor fora do permitido', glosa: ['5001'] },
  'TISS-XSD-DIGITS': { severity: 'error', source: 'xsd', title: 'Dígitos demais no número', glosa: ['5001'] },
  'TISS-XSD-RANGE': { severity: 'error', source: 'xsd', title: 'Número fora do intervalo permitido', glosa: ['5001'] },
  'TISS-XSD-DATE': { severity: 'error', source: 'xsd', title: 'Data ou hora inválida', glosa: ['5001'] },
  'TISS-XSD-TYPE': { severity: 'error', source: 'xsd', title: 'Valor inválido para o tipo do campo', glosa: ['5001'] },
  'TISS-XSD-TEXT-NOT-ALLOWED': { severity: 'error', source: 'xsd', title: 'Texto onde só cabem elementos', glosa: ['5001'] },
  'TISS-XSD-ATTRIBUTE': { severity: 'error', source: 'xsd', title: 'Atributo não permitido ou ausente', glosa: ['5001'] },
  'TISS-XSD-OTHER': { severity: 'error', source: 'xsd', title: 'Outro erro de estrutura (XSD)', glosa: ['5001'] },

  // --- hash do epílogo -----------------------------------------------------------------------------------
  'TISS-HASH-MISSING': { severity: 'error', source: 'hash', title: 'Sem elemento hash', glosa: ['5014'] },
  'TISS-HASH-EMPTY': { severity: 'error', source: 'hash', title: 'Hash vazio', glosa: ['5014'] },
  'TISS-HASH-UTF8': { severity: 'error', source: 'hash', title: 'Hash calculado sobre bytes UTF-8', glosa: ['5014'] },
  'TISS-HASH-LATIN1': { severity: 'error', source: 'hash', title: 'Hash calculado sobre bytes ISO-8859-1 (perfil exige UTF-8)', glosa: ['5014'] },
  'TISS-HASH-TRIMMED': { severity: 'error', source: 'hash', title: 'Hash calculado com valores aparados (trim)', glosa: ['5014'] },
  'TISS-HASH-WHITESPACE': { severity: 'error', source: 'hash', title: 'Hash calculado com a indentação entre as tags', glosa: ['5014'] },
  'TISS-HASH-COMMENTS': { severity: 'error', source: 'hash', title: 'Hash calculado incluindo comentários', glosa: ['5014'] },
  'TISS-HASH-RAW-XML': { severity: 'error', source: 'hash', title: 'Hash calculado sobre o XML com as tags', glosa: ['5014'] },
  'TISS-HASH-WRONG-ALGORITHM': { severity: 'error', source: 'hash', title: 'Hash não é MD5', glosa: ['5014'] },
  'TISS-HASH-MISMATCH': { severity: 'error', source: 'hash', title: 'Hash não confere com o conteúdo', glosa: ['5014'] },
  // A hash in the other case is right for an operadora that compares without case, 5014 for one that does not.
  'TISS-HASH-CASE': { severity: 'warning', source: 'hash', title: 'Hash em caixa diferente da exigida', glosa: ['5014'] },
  'TISS-HASH-UNVERIFIABLE': { severity: 'warning', source: 'hash', title: 'Hash não pôde ser conferido' },

  // --- perfil da operadora (tiss.config.json) ---------------------------------------------------------
  'TISS-PERFIL-CAMPO': { severity: 'error', source: 'profile', title: 'Campo fora do formato exigido pelo perfil da operadora' },

  // --- gerador (tiss generate) ------------------------------------------------------------------------
  'TISS-GEN-ENTRADA': { severity: 'error', source: 'generator', title: 'Entrada do gerador ilegível ou sem tipo de mensagem' },
  'TISS-GEN-CAMPO-DESCONHECIDO': { severity: 'error', source: 'generator', title: 'Campo que não existe na mensagem TISS' },
  'TISS-GEN-CAMPO-REPETIDO': { severity: 'error', source: 'generator', title: 'Campo repetido no mesmo objeto do JSON (só o último valor seria usado)' },
  'TISS-GEN-CAMPO-AUSENTE': { severity: 'error', source: 'generator', title: 'Campo obrigatório ausente na entrada' },
  'TISS-GEN-VALOR': { severity: 'error', source: 'generator', title: 'Valor fora do tipo ou do formato do campo' },
  'TISS-GEN-ESCOLHA': { severity: 'error', source: 'generator', title: 'Alternativas exclusivas preenchidas juntas (ou nenhuma)' },
  'TISS-GEN-QUANTIDADE': { severity: 'error', source: 'generator', title: 'Repetições fora do mínimo/máximo (ex.: mais de 100 guias)' },
  'TISS-GEN-TIPO-GUIA': { severity: 'error', source: 'generator', title: 'Guia de outro tipo no lote (um lote leva guias de um só tipo)' },

  // --- interno -------------------------------------------------------------------------------------------
  'TISS-INTERNAL': { severity: 'error', source: 'internal', title: 'Falha interna ao processar o arquivo' },
} as const satisfies Record<string, CodeInfo>;

export type FindingCode = keyof typeof CODES;
