import { visit, type JSONPath } from 'jsonc-parser';
import type { FindingCode } from '../findings/catalog.js';
import { jsonPathToString } from './shape.js';

/**
 * What JSON.parse hides from the generator, read from the JSON text itself (issue 9, item 14):
 * - a number whose digits a JavaScript number cannot keep (`"numeroCarteira": 12345678901234567` is read
 *   as …568; `0.1000000000000000001` as 0.1) or written in exponent form (`1e21` would be written
 *   `1e+21`): TISS fields are text, so the fix is to write it as text;
 * - a key repeated in one object, of which JSON.parse keeps the last value without a word.
 * One linear pass (jsonc-parser's visitor); the path is built only for a problem.
 */
export interface LiteralProblem {
  code: Extract<FindingCode, 'TISS-GEN-VALOR' | 'TISS-GEN-CAMPO-REPETIDO'>;
  jsonPath: string;
  message: string;
  fix: string;
  /** 1-based, in the text given. */
  line: number;
  column: number;
  data: Record<string, unknown>;
}

const MAX_REPORTED = 1000;

export function jsonLiteralProblems(text: string): LiteralProblem[] {
  const problems: LiteralProblem[] = [];
  // The keys seen in each open object, and where each was first seen.
  const open: Map<string, number>[] = [];
  const at = (path: JSONPath): string => jsonPathToString(path.filter((p): p is string | number => typeof p === 'string' || typeof p === 'number'));
  visit(
    text,
    {
      onObjectBegin: () => {
        open.push(new Map());
      },
      onObjectEnd: () => {
        open.pop();
      },
      onObjectProperty: (key, _offset, _length, line, character, pathSupplier) => {
        const seen = open[open.length - 1];
        if (!seen) return;
        const first = seen.get(key);
        if (first === undefined) {
          seen.set(key, line + 1);
          return;
        }
        if (problems.length >= MAX_REPORTED) return;
        const path = at([...pathSupplier(), key]);
        problems.push({
          code: 'TISS-GEN-CAMPO-REPETIDO',
          jsonPath: path,
          message: `${path}: o campo "${key}" aparece mais de uma vez no mesmo objeto (linhas ${first} e ${line + 1}); o JSON guardaria só o último valor, sem aviso.`,
          fix: `Deixe uma só ocorrência de "${key}", com o valor certo.`,
          line: line + 1,
          column: character + 1,
          data: { field: key, firstLine: first },
        });
      },
      onLiteralValue: (value, offset, length, line, character, pathSupplier) => {
        if (typeof value !== 'number' || problems.length >= MAX_REPORTED) return;
        const raw = text.slice(offset, offset + length);
        const problem = numberProblem(raw, value);
        if (!problem) return;
        const path = at(pathSupplier());
        problems.push({
          code: 'TISS-GEN-VALOR',
          jsonPath: path,
          message: `${path}: ${problem}.`,
          fix: `Escreva como texto, entre aspas: ${JSON.stringify(plainDecimal(raw) ?? raw)}.`,
          line: line + 1,
          column: character + 1,
          data: { issue: 'number-precision', literal: raw, read: value },
        });
      },
    },
    { disallowComments: true, allowTrailingComma: false },
  );
  return problems;
}

/** Why a JSON number literal cannot be taken as the value it spells, or null when it can. */
function numberProblem(raw: string, value: number): string | null {
  if (/[eE]/.test(raw)) {
    return `o número ${raw} está em notação científica, que os campos TISS não aceitam (seria escrito ${String(value)})`;
  }
  if (normalize(raw) !== normalize(String(value))) {
    return `o número ${raw} tem mais dígitos do que um número JSON guarda: seria lido como ${String(value)}`;
  }
  return null;
}

/** A decimal literal without sign noise, leading or trailing zeros: `-0150.10` → `-150.1`. */
function normalize(s: string): string {
  const negative = s.startsWith('-');
  const [int = '', frac = ''] = s.replace(/^[-+]/, '').split('.');
  const i = int.replace(/^0+(?=\d)/, '');
  const f = frac.replace(/0+$/, '');
  const body = f ? `${i}.${f}` : i;
  return negative && body !== '0' ? `-${body}` : body;
}

/** `1e21` → `1000000000000000000000`, `2.5E-3` → `0.0025`: the exact digits of an exponent literal. */
export function plainDecimal(raw: string): string | null {
  const m = /^(-?)(\d+)(?:\.(\d+))?[eE]([+-]?\d+)$/.exec(raw);
  if (!m) return null;
  const exp = Number(m[4]);
  if (Math.abs(exp) > 400) return null;
  const digits = `${m[2]}${m[3] ?? ''}`;
  const point = m[2]!.length + exp;
  let out: string;
  if (point <= 0) out = `0.${'0'.repeat(-point)}${digits}`;
  else if (point >= digits.length) out = `${digits}${'0'.repeat(point - digits.length)}`;
  else out = `${digits.slice(0, point)}.${digits.slice(point)}`;
  return `${m[1]}${normalize(out)}`;
}
