import type { FindingSource, Severity } from './finding.js';

export interface CodeInfo {
  severity: Severity;
  source: FindingSource;
  /** Short title in Portuguese (README table, SARIF rule name). */
  title: string;
}

/**
 * Every finding code the engine can emit. Codes are stable: a code is never reused for another
 * meaning; a retired code stays here, marked as such. README's table is checked against this list by a test.
 */
export const CODES = {
  // --- entrada -------------------------------------------------------------------------------------------
  // A file that could not be read at all (missing, no permission, a folder…): a result of the library's
  // validateFiles; the CLI's CI formats report such a file under this code (JUnit's error type, Code Quality's check_name).
  'TISS-INPUT-UNREADABLE': { severity: 'error', source: 'input', title: 'Arquivo não lido (inexistente, sem permissão ou que não é um arquivo)' },
  'TISS-INPUT-EMPTY': { severity: 'error', source: 'input', title: 'Arquivo vazio' },
  'TISS-INPUT-TOO-LARGE': { severity: 'error', source: 'input', title: 'Arquivo maior que o limite (--max-size)' },
  'TISS-INPUT-TOO-COMPLEX': { severity: 'error', source: 'input', title: 'Arquivo com elementos demais para o limite de memória (--max-memory)' },

  // --- encoding ------------------------------------------------------------------------------------------
  'TISS-ENC-BOM': { severity: 'warning', source: 'encoding', title: 'Arquivo começa com BOM' },
  'TISS-ENC-NO-DECLARATION': { severity: 'warning', source: 'encoding', title: 'Sem declaração XML de encoding' },
  'TISS-ENC-NOT-ISO88591': { severity: 'warning', source: 'encoding', title: 'Encoding declarado não é ISO-8859-1' },
  'TISS-ENC-UTF8-DECLARED-LATIN1': { severity: 'error', source: 'encoding', title: 'Declarado ISO-8859-1, mas os bytes são UTF-8' },
  'TISS-ENC-LATIN1-DECLARED-UTF8': { severity: 'error', source: 'encoding', title: 'Declarado UTF-8, mas os bytes não são UTF-8 (parecem ISO-8859-1)' },
  'TISS-ENC-UTF16': { severity: 'error', source: 'encoding', title: 'Arquivo em UTF-16' },
  'TISS-ENC-UTF16-DECLARED-8BIT': { severity: 'error', source: 'encoding', title: 'Declarado UTF-16, mas os bytes são de 8 bits (erro fatal do XML)' },
  'TISS-ENC-UNSUPPORTED': { severity: 'error', source: 'encoding', title: 'Encoding declarado desconhecido' },
  'TISS-ENC-OUTSIDE-LATIN1': { severity: 'error', source: 'encoding', title: 'Caractere fora do ISO-8859-1' },
  'TISS-ENC-C1-CONTROL': { severity: 'warning', source: 'encoding', title: 'Caractere de controle (provável Windows-1252)' },

  // --- XML -----------------------------------------------------------------------------------------------
  'TISS-XML-NOT-WELL-FORMED': { severity: 'error', source: 'xml', title: 'XML mal formado' },
  'TISS-XML-DOCTYPE': { severity: 'error', source: 'xml', title: 'DOCTYPE/entidades não são permitidos' },
  'TISS-XML-AMBIGUOUS': { severity: 'error', source: 'xml', title: 'O XML pode ser lido de mais de uma forma (leituras divergentes)' },

  // --- mensagem ------------------------------------------------------------------------------------------
  'TISS-MSG-UNKNOWN-ROOT': { severity: 'error', source: 'message', title: 'Elemento raiz não é uma mensagem TISS' },
  'TISS-MSG-NAMESPACE': { severity: 'error', source: 'message', title: 'Namespace da mensagem incorreto' },
  'TISS-MSG-VERSION-UNSUPPORTED': { severity: 'error', source: 'message', title: 'Versão do padrão que nenhum esquema aceita (não conferida; saída 3)' },
  'TISS-MSG-VERSION-NEAREST': { severity: 'info', source: 'message', title: 'Versão sem esquema próprio instalado, conferida com a mais próxima que a aceita' },
  'TISS-MSG-VERSION-RECEIVER': { severity: 'info', source: 'message', title: 'Conferida com a versão de quem recebe (--schema-version, perfil)' },
  'TISS-MSG-EMPTY-BODY': { severity: 'warning', source: 'message', title: 'Mensagem sem conteúdo' },

  // --- XSD -----------------------------------------------------------------------------------------------
  'TISS-XSD-UNEXPECTED-ELEMENT': { severity: 'error', source: 'xsd', title: 'Elemento fora de lugar ou desconhecido' },
  'TISS-XSD-MISSING-ELEMENT': { severity: 'error', source: 'xsd', title: 'Elemento obrigatório ausente' },
  'TISS-XSD-MAX-OCCURS': { severity: 'error', source: 'xsd', title: 'Elemento repetido além do máximo permitido' },
  'TISS-XSD-ENUMERATION': { severity: 'error', source: 'xsd', title: 'Código fora da lista permitida' },
  'TISS-XSD-PATTERN': { severity: 'error', source: 'xsd', title: 'Valor fora do formato exigido' },
  'TISS-XSD-LENGTH': { severity: 'error', source: 'xsd', title: 'Tamanho do valor fora do permitido' },
  'TISS-XSD-DIGITS': { severity: 'error', source: 'xsd', title: 'Dígitos demais no número' },
  'TISS-XSD-RANGE': { severity: 'error', source: 'xsd', title: 'Número fora do intervalo permitido' },
  'TISS-XSD-DATE': { severity: 'error', source: 'xsd', title: 'Data ou hora inválida' },
  'TISS-XSD-TYPE': { severity: 'error', source: 'xsd', title: 'Valor inválido para o tipo do campo' },
  'TISS-XSD-TEXT-NOT-ALLOWED': { severity: 'error', source: 'xsd', title: 'Texto onde só cabem elementos' },
  'TISS-XSD-ATTRIBUTE': { severity: 'error', source: 'xsd', title: 'Atributo não permitido ou ausente' },
  'TISS-XSD-OTHER': { severity: 'error', source: 'xsd', title: 'Outro erro de estrutura (XSD)' },

  // --- hash do epílogo -----------------------------------------------------------------------------------
  'TISS-HASH-MISSING': { severity: 'error', source: 'hash', title: 'Sem elemento hash' },
  'TISS-HASH-EMPTY': { severity: 'error', source: 'hash', title: 'Hash vazio' },
  'TISS-HASH-UTF8': { severity: 'error', source: 'hash', title: 'Hash calculado sobre bytes UTF-8' },
  'TISS-HASH-LATIN1': { severity: 'error', source: 'hash', title: 'Hash calculado sobre bytes ISO-8859-1 (perfil exige UTF-8)' },
  'TISS-HASH-TRIMMED': { severity: 'error', source: 'hash', title: 'Hash calculado com valores aparados (trim)' },
  'TISS-HASH-WHITESPACE': { severity: 'error', source: 'hash', title: 'Hash calculado com a indentação entre as tags' },
  'TISS-HASH-COMMENTS': { severity: 'error', source: 'hash', title: 'Hash calculado incluindo comentários' },
  'TISS-HASH-RAW-XML': { severity: 'error', source: 'hash', title: 'Hash calculado sobre o XML com as tags' },
  'TISS-HASH-WRONG-ALGORITHM': { severity: 'error', source: 'hash', title: 'Hash não é MD5' },
  'TISS-HASH-MISMATCH': { severity: 'error', source: 'hash', title: 'Hash não confere com o conteúdo' },
  'TISS-HASH-CASE': { severity: 'warning', source: 'hash', title: 'Hash em caixa diferente da exigida' },
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
