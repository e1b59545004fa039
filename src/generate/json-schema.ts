import type { SimpleDef } from '../xsd/content-model.js';

/**
 * The JSON Schema of what the generator accepts for a leaf and for an XSD choice, written from the
 * same facets the zod contract checks (contract.ts), so that an editor's verdict on an input is the
 * generator's (issue 13). zod's own export cannot carry them: they live in a superRefine.
 *
 * Exact, with three documented limits (README, Generator; test/generate-contract-schema.test.ts):
 * - a decimal given as a JSON number is checked with `multipleOf` (0.01 …), which a validator must
 *   compare with a tolerance (ajv's `multipleOfPrecision`; VS Code compares in decimal);
 * - a date that does not exist (2026-02-30) is refused only by the `date` format, which some
 *   validators do not check by default;
 * - what is not a property of one value — the hash, the conditional rules, a guia of another kind in
 *   a lote, a key repeated in the JSON text, a digit that a JSON number lost — is not expressible.
 */

/** What the generator reads as a decimal, as an integer (text), and the lexical forms of date and time. */
export const DECIMAL_PATTERN = '^[+-]?(\\d+(\\.\\d*)?|\\.\\d+)$';
export const INTEGER_PATTERN = '^[+-]?\\d+$';
export const DATE_PATTERN = '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$';
export const TIME_PATTERN = '^([01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d$';
export const DATETIME_PATTERN = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}';
export const BASE64_PATTERN = '^[A-Za-z0-9+/\\s]*={0,2}\\s*$';
/**
 * Text the written message can carry: tab, line feed, carriage return and printable ISO-8859-1. A
 * control character is no XML (refused before writing), anything past U+00FF is written as a
 * character reference that validation refuses (TISS-ENC-OUTSIDE-LATIN1): the generator writes neither.
 */
export const LATIN1_TEXT_PATTERN = '^[\\t\\n\\r\\u0020-\\u00ff]*$';

const SAFE = Number.MAX_SAFE_INTEGER;
const pow10 = (n: number): number => Number(`1e${n}`);

/** A number at most `total` digits long, of which at most `places` after the point (any leading/trailing zeros). */
function digitsPattern(total: number | undefined, places: number | undefined, integer: boolean): string {
  if (integer) return total === undefined ? INTEGER_PATTERN : `^[+-]?0*\\d{0,${total}}$`;
  const maxPlaces = places ?? total;
  if (maxPlaces === undefined) return DECIMAL_PATTERN;
  const alts: string[] = [];
  for (let k = 0; k <= maxPlaces; k++) {
    const int = total === undefined ? '\\d*' : `\\d{0,${Math.max(0, total - k)}}`;
    alts.push(k === 0 ? `${int}(\\.0*)?` : `${int}\\.\\d{0,${k}}0*`);
  }
  return `^[+-]?0*(${alts.join('|')})$`;
}

/** JSON numbers a decimal field takes: at most `places` decimals (default 2), at most `total` digits in all. */
function decimalNumbers(total: number | undefined, places: number): Record<string, unknown> {
  const branches: Record<string, unknown>[] = [];
  for (let k = 0; k <= places; k++) {
    if (total !== undefined && total - k < 0) break;
    const bound = total === undefined ? SAFE : pow10(total - k);
    branches.push({ ...(k === 0 ? { type: 'integer' } : { type: 'number', multipleOf: Number(`1e-${k}`) }), exclusiveMinimum: -bound, exclusiveMaximum: bound });
  }
  return branches.length === 1 ? branches[0]! : { anyOf: branches };
}

const allOfPatterns = (patterns: string[]): Record<string, unknown> =>
  patterns.length === 1 ? { pattern: patterns[0] } : { allOf: patterns.map((p) => ({ pattern: p })) };

/** The JSON Schema of a leaf of this simple type (no description: the registry adds it). */
export function simpleJsonSchema(type: SimpleDef): Record<string, unknown> {
  const f = type.facets;
  switch (type.base) {
    case 'decimal':
      return {
        anyOf: [
          decimalNumbers(f.totalDigits, f.fractionDigits ?? 2),
          { type: 'string', ...allOfPatterns(f.totalDigits !== undefined || f.fractionDigits !== undefined ? [DECIMAL_PATTERN, digitsPattern(f.totalDigits, f.fractionDigits, false)] : [DECIMAL_PATTERN]) },
        ],
      };
    case 'integer':
    case 'int':
    case 'long':
    case 'short':
    case 'nonNegativeInteger':
    case 'positiveInteger': {
      const bound = f.totalDigits !== undefined ? Math.min(pow10(f.totalDigits), SAFE + 1) : SAFE + 1;
      return {
        anyOf: [
          { type: 'integer', exclusiveMinimum: -bound, exclusiveMaximum: bound },
          { type: 'string', ...allOfPatterns(f.totalDigits !== undefined ? [INTEGER_PATTERN, digitsPattern(f.totalDigits, 0, true)] : [INTEGER_PATTERN]) },
        ],
      };
    }
    case 'date':
      return { type: 'string', format: 'date', pattern: DATE_PATTERN };
    case 'time':
      return { type: 'string', pattern: TIME_PATTERN };
    case 'dateTime':
      return { type: 'string', pattern: DATETIME_PATTERN };
    case 'boolean':
      return { anyOf: [{ type: 'boolean' }, { type: 'string', enum: ['true', 'false'] }] };
    case 'base64Binary':
      return { type: 'string', pattern: BASE64_PATTERN };
    default: {
      // Text and codes: always JSON strings (a number is refused with the text to write instead).
      if (f.enumeration) return { type: 'string', enum: [...f.enumeration] };
      const out: Record<string, unknown> = { type: 'string' };
      if (f.length !== undefined) Object.assign(out, { minLength: f.length, maxLength: f.length });
      if (f.minLength !== undefined) out.minLength = Math.max(f.minLength, Number(out.minLength ?? 0));
      if (f.maxLength !== undefined) out.maxLength = Math.min(f.maxLength, Number(out.maxLength ?? Infinity));
      return { ...out, ...allOfPatterns([LATIN1_TEXT_PATTERN, ...(f.pattern ?? []).map((p) => `^(?:${p})$`)]) };
    }
  }
}

/** One alternative of an XSD choice: its element names, and those it requires once chosen. */
export interface ChoiceBranch {
  names: string[];
  required: string[];
}

/**
 * An XSD choice as JSON Schema: exactly one alternative present (`oneOf` of the required sets), or
 * none when the choice may be left out (`emptiable`). An alternative that requires nothing is
 * "present" when any of its fields is.
 */
export function choiceJsonSchema(branches: ChoiceBranch[], emptiable: boolean): Record<string, unknown> {
  const present = (b: ChoiceBranch): Record<string, unknown> =>
    b.required.length > 0 ? { required: b.required } : b.names.length === 1 ? { required: b.names } : { anyOf: b.names.map((n) => ({ required: [n] })) };
  const alternatives = branches.map(present);
  if (emptiable) alternatives.push({ not: { anyOf: branches.flatMap((b) => b.names.map((n) => ({ required: [n] }))) } });
  return { oneOf: alternatives };
}
