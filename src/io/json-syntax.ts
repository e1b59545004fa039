import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';

/** jsonc-parser's error codes in Portuguese, for every JSON we read (config, generator input). */
const PROBLEMS: Record<string, string> = {
  InvalidSymbol: 'caractere inesperado',
  InvalidNumberFormat: 'número mal escrito',
  PropertyNameExpected: 'esperava o nome de um campo entre aspas duplas',
  ValueExpected: 'esperava um valor',
  ColonExpected: 'esperava ":" depois do nome do campo',
  CommaExpected: 'esperava "," entre os itens',
  CloseBraceExpected: 'esperava "}" fechando o objeto',
  CloseBracketExpected: 'esperava "]" fechando a lista',
  EndOfFileExpected: 'conteúdo depois do fim do JSON',
  InvalidCommentToken: 'comentários não são permitidos em JSON',
  UnexpectedEndOfComment: 'comentário não fechado',
  UnexpectedEndOfString: 'texto sem as aspas de fechamento',
  UnexpectedEndOfNumber: 'número incompleto',
  InvalidUnicode: 'sequência \\u inválida',
  InvalidEscapeCharacter: 'sequência de escape inválida',
  InvalidCharacter: 'caractere de controle dentro de um texto (use \\n, \\t)',
};

/**
 * Where and why `text` is not strict JSON (JSON.parse often says neither): the offset of the first
 * problem and what it is, in Portuguese; `empty` when there is nothing to point at. With `jsonc`,
 * comments are accepted (as in tsconfig.json), so only other problems are reported.
 */
export function jsonSyntaxProblem(text: string, empty: string, jsonc = false): { offset: number; what: string } {
  const errors: ParseError[] = [];
  parseJsonc(text, errors, { disallowComments: !jsonc, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  if (!first) return { offset: text.length, what: empty };
  const code = printParseErrorCode(first.error);
  return { offset: first.offset, what: PROBLEMS[code] ?? code };
}

/**
 * JSON with comments (JSONC, as tsconfig.json; trailing commas stay an error, as in JSON): the value, or
 * the first problem. Strict JSON goes through JSON.parse (fast); jsonc-parser reads only what it refuses.
 */
export function parseJsoncText(text: string, empty: string): { value: unknown } | { problem: { offset: number; what: string } } {
  try {
    return { value: JSON.parse(text) };
  } catch {
    // comments, trailing commas, or a real syntax error: jsonc-parser tells which
  }
  const errors: ParseError[] = [];
  const value: unknown = parseJsonc(text, errors, { disallowComments: false, allowTrailingComma: false, allowEmptyContent: false });
  if (errors.length > 0 || value === undefined) return { problem: jsonSyntaxProblem(text, empty, true) };
  return { value };
}
