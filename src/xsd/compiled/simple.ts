import type { SimpleDef } from '../content-model.js';
import type { QualifiedName, XsdIssue } from '../issue.js';
import { isSpace } from '../../xml/chardata.js';
import { ownCopy } from '../../xml/own-copy.js';

/**
 * A simple type compiled into one predicate: the value of a leaf element in, the XSD issues out (none
 * when valid). Lexical checks per built-in base, then the facets in the order libxml2 applies them
 * (lengths, digits and ranges; then enumeration; then patterns), so both engines report the same
 * issue first. A type this compiler does not know throws NotCompilable: its schema is then checked by
 * the reference engine, never guessed.
 */
export type SimpleCheck = (value: string, element: QualifiedName) => XsdIssue[];

export class NotCompilable extends Error {}

const NONE: XsdIssue[] = [];

/**
 * How libxml2 treats white space around a value, per built-in base (measured here with xmllint): numbers,
 * booleans and base64 are trimmed; time only loses its leading white space (a trailing one is an error);
 * date and dateTime keep it (an error either side); strings keep it (it counts for length and patterns).
 */
const TRIMMED = new Set(['decimal', 'integer', 'int', 'long', 'short', 'nonNegativeInteger', 'positiveInteger', 'boolean', 'base64Binary', 'anyURI', 'token', 'NCName', 'ID', 'IDREF']);
const XML_SPACE = /^[ \t\n\r]+|[ \t\n\r]+$/g;
const LEADING_SPACE = /^[ \t\n\r]+/;
/** White space at either end (most values have none: no replacement is run for them). */
const edgeSpace = (v: string): boolean => v.length > 0 && (isSpace(v, 0, 1) || isSpace(v, v.length - 1, v.length));

interface Decimal {
  negative: boolean;
  /** Integer digits without leading zeros ('' for zero). */
  int: string;
  /** Fraction digits without trailing zeros. */
  frac: string;
}

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;

/**
 * `[+-]?\d*(\.\d*)?` with at least one digit (`[+-]?\d+` when `integer`), read by hand: every numeric
 * field of a message comes through here, and the regular expressions and replacements it replaced were
 * a tenth of the compiled engine's garbage.
 */
function parseDecimal(v: string, integer: boolean): Decimal | null {
  const n = v.length;
  let i = 0;
  const sign = n > 0 ? v.charCodeAt(0) : 0;
  if (sign === 0x2b || sign === 0x2d) i++;
  const intStart = i;
  while (i < n && isDigit(v.charCodeAt(i))) i++;
  const intEnd = i;
  let fracStart = i;
  let fracEnd = i;
  if (i < n && v.charCodeAt(i) === 0x2e) {
    if (integer) return null;
    fracStart = ++i;
    while (i < n && isDigit(v.charCodeAt(i))) i++;
    fracEnd = i;
  }
  if (i !== n || (intEnd === intStart && fracEnd === fracStart)) return null;
  let a = intStart;
  while (a < intEnd && v.charCodeAt(a) === 0x30) a++;
  let b = fracEnd;
  while (b > fracStart && v.charCodeAt(b - 1) === 0x30) b--;
  return { negative: sign === 0x2d, int: v.slice(a, intEnd), frac: v.slice(fracStart, b) };
}

/** Orders the absolute values of two non-zero decimals. */
function compareMagnitude(a: Decimal, b: Decimal): number {
  let c = a.int.length !== b.int.length ? (a.int.length < b.int.length ? -1 : 1) : a.int < b.int ? -1 : a.int > b.int ? 1 : 0;
  if (c === 0) {
    const n = Math.max(a.frac.length, b.frac.length);
    const fa = a.frac.padEnd(n, '0');
    const fb = b.frac.padEnd(n, '0');
    c = fa < fb ? -1 : fa > fb ? 1 : 0;
  }
  return c;
}

const isZero = (d: Decimal): boolean => d.int === '' && d.frac === '';

function compareDecimal(a: Decimal, b: Decimal): number {
  const sa = isZero(a) ? 0 : a.negative ? -1 : 1;
  const sb = isZero(b) ? 0 : b.negative ? -1 : 1;
  if (sa !== sb) return sa < sb ? -1 : 1;
  if (sa === 0) return 0;
  const c = compareMagnitude(a, b);
  return sa < 0 ? -c : c;
}

const DATE = /^(-?)(\d{4,})-(\d{2})-(\d{2})(Z|[+-]\d{2}:\d{2})?$/;
const TIME = /^(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;
const DATE_TIME = /^(-?)(\d{4,})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;

function validZone(z: string | undefined): boolean {
  if (!z || z === 'Z') return true;
  const h = Number(z.slice(1, 3));
  const m = Number(z.slice(4, 6));
  return m < 60 && (h < 14 || (h === 14 && m === 0));
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function validYmd(year: string, month: string, day: string): boolean {
  if (/^0+$/.test(year) || (year.length > 4 && year.startsWith('0'))) return false;
  const y = Number(year);
  const mo = Number(month);
  const d = Number(day);
  if (mo < 1 || mo > 12 || d < 1) return false;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  const days = mo === 2 && leap ? 29 : DAYS_IN_MONTH[mo - 1]!;
  return d <= days;
}

function validHms(h: string, m: string, s: string, frac: string | undefined): boolean {
  const hh = Number(h);
  const mm = Number(m);
  const ss = Number(s);
  if (hh === 24) return mm === 0 && ss === 0 && (!frac || /^\.0+$/.test(frac));
  return hh < 24 && mm < 60 && ss < 60;
}

/**
 * base64Binary as libxml2 reads it (measured here): characters outside the base64 alphabet are skipped,
 * not refused; after the first '=' only padding may follow; the data must fill whole quanta, and the
 * last character before padding must not carry bits the padding drops.
 */
function validBase64(v: string): boolean {
  let data = 0;
  let pad = 0;
  let last = -1;
  for (let i = 0; i < v.length; i++) {
    const d = BASE64.indexOf(v[i]!);
    if (d < 0) continue;
    if (d === 64) pad++;
    else if (pad > 0) return false;
    else {
      data++;
      last = d;
    }
  }
  if (pad === 0) return data % 4 === 0;
  if (pad === 1) return data % 4 === 3 && (last & 0x03) === 0;
  if (pad === 2) return data % 4 === 2 && (last & 0x0f) === 0;
  return false;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=';

interface Lexical {
  readonly ok: boolean;
  readonly decimal?: Decimal;
}
const LEXICAL_OK: Lexical = { ok: true };
const LEXICAL_BAD: Lexical = { ok: false };
const lexicalOk = (ok: boolean): Lexical => (ok ? LEXICAL_OK : LEXICAL_BAD);

/** The largest magnitude of each bounded integer type, positive and negative, read once. */
const INTEGER_LIMITS: Record<string, { positive: Decimal; negative: Decimal }> = Object.fromEntries(
  (
    [
      ['int', '2147483647'],
      ['short', '32767'],
      ['long', '9223372036854775807'],
    ] as const
  ).map(([base, limit]) => [base, { positive: parseDecimal(limit, true)!, negative: parseDecimal(String(BigInt(limit) + 1n), true)! }]),
);

/** The lexical check of a built-in base; the decimal value for numeric ones. */
function lexical(base: string, v: string): Lexical {
  switch (base) {
    case 'string':
    case 'normalizedString':
    case 'token':
    case 'anyURI':
      return LEXICAL_OK;
    case 'decimal': {
      const d = parseDecimal(v, false);
      return d ? { ok: true, decimal: d } : LEXICAL_BAD;
    }
    case 'integer':
    case 'int':
    case 'long':
    case 'short':
    case 'nonNegativeInteger':
    case 'positiveInteger': {
      const d = parseDecimal(v, true);
      if (!d || d.frac !== '') return LEXICAL_BAD;
      if (base === 'nonNegativeInteger' && d.negative && d.int !== '') return LEXICAL_BAD;
      if (base === 'positiveInteger' && (d.negative || d.int === '')) return LEXICAL_BAD;
      const limits = INTEGER_LIMITS[base];
      if (limits && !isZero(d) && compareMagnitude(d, d.negative ? limits.negative : limits.positive) > 0) return LEXICAL_BAD;
      return { ok: true, decimal: d };
    }
    case 'boolean':
      return lexicalOk(v === 'true' || v === 'false' || v === '1' || v === '0');
    case 'date': {
      const m = DATE.exec(v);
      return lexicalOk(!!m && validYmd(m[2]!, m[3]!, m[4]!) && validZone(m[5]));
    }
    case 'time': {
      const m = TIME.exec(v);
      return lexicalOk(!!m && validHms(m[1]!, m[2]!, m[3]!, m[4]) && validZone(m[5]));
    }
    case 'dateTime': {
      const m = DATE_TIME.exec(v);
      return lexicalOk(!!m && validYmd(m[2]!, m[3]!, m[4]!) && validHms(m[5]!, m[6]!, m[7]!, m[8]) && validZone(m[9]));
    }
    case 'base64Binary':
      return lexicalOk(validBase64(v));
    default:
      throw new NotCompilable(`tipo base ${base} não compilado`);
  }
}

/** XSD regular expression (the subset the TISS XSDs use) as an anchored JavaScript one. */
export function compilePattern(p: string): RegExp {
  // Constructs with another meaning in JavaScript, or none: character class subtraction, \i \c, \p{Is…}.
  if (/-\[|\\[iIcC]|\\p\{Is|\\P\{Is|[$^]/.test(p)) throw new NotCompilable(`padrão ${p} não compilado`);
  const js = p.replace(/\\d/g, '\\p{Nd}').replace(/\\D/g, '\\P{Nd}');
  return new RegExp(`^(?:${js})$`, 'u');
}

/** Ordering of xs:date values for minInclusive/maxInclusive (the one range facet the TISS XSDs put on dates). */
function compareDate(value: string, limit: string): number | null {
  const a = DATE.exec(value);
  const b = DATE.exec(limit);
  if (!a || !b) return null;
  const key = (m: RegExpExecArray): [number, number, number] => [Number(`${m[1]}${m[2]}`), Number(m[3]), Number(m[4])];
  const [ya, ma, da] = key(a);
  const [yb, mb, db] = key(b);
  const c = ya !== yb ? Math.sign(ya - yb) : ma !== mb ? Math.sign(ma - mb) : Math.sign(da - db);
  // A zone on one side only: the order is indeterminate on the limit's own day (libxml2: not in range).
  if (c === 0 && !a[5] !== !b[5]) return Number.NaN;
  return c;
}

const codePoints = (s: string): number => {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff) n++;
  }
  return n;
};

/** Compiles one simple type (from the schema model) into its check. */
export function compileSimple(def: SimpleDef): SimpleCheck {
  const base = def.base;
  const f = def.facets;
  lexical(base, base === 'string' ? '' : '0'); // throws for a base we do not compile
  if (base !== 'string' && base !== 'decimal' && !/nteger$|^int$|^long$|^short$/.test(base) && (f.totalDigits !== undefined || f.fractionDigits !== undefined)) {
    throw new NotCompilable(`dígitos em ${base}`);
  }
  if ((f.minInclusive !== undefined || f.maxInclusive !== undefined) && base !== 'date' && base !== 'decimal' && !/nteger$|^int$|^long$|^short$/.test(base)) {
    throw new NotCompilable(`intervalo em ${base}`);
  }
  const type = def.name ?? `xs:${base}`;
  const trim = TRIMMED.has(base);
  const patterns = (f.pattern ?? []).map((p) => ({ source: p, re: compilePattern(p) }));
  const numeric = base === 'decimal' || /nteger$|^int$|^long$|^short$/.test(base);
  const enumeration = f.enumeration;
  const enumSet = enumeration ? new Set(enumeration) : null;
  const enumDecimals = enumeration && numeric ? enumeration.map((e) => parseDecimal(e.replace(XML_SPACE, ''), false)) : null;
  const minD = numeric && f.minInclusive !== undefined ? parseDecimal(f.minInclusive, false) : null;
  const maxD = numeric && f.maxInclusive !== undefined ? parseDecimal(f.maxInclusive, false) : null;
  // Lengths are compiled for strings only (base64Binary counts octets, and no TISS type needs it).
  if ((f.length !== undefined || f.minLength !== undefined || f.maxLength !== undefined) && base !== 'string') throw new NotCompilable(`tamanho em ${base}`);

  const check: SimpleCheck = (raw, element) => {
    const value = trim ? (edgeSpace(raw) ? raw.replace(XML_SPACE, '') : raw) : base === 'time' && edgeSpace(raw) ? raw.replace(LEADING_SPACE, '') : raw;
    const lex = lexical(base, value);
    if (!lex.ok) return [{ kind: 'atomic', element, value: raw, type }];
    // Pushed to as found, with no closure made per value: this runs for every field of every message.
    let issues: XsdIssue[] | null = null;
    if (base === 'string') {
      const len = f.length !== undefined || f.minLength !== undefined || f.maxLength !== undefined ? codePoints(value) : 0;
      if (f.length !== undefined && len !== f.length) (issues ??= []).push({ kind: 'length', element, facet: 'length', value: null, length: len, limit: f.length, type });
      if (f.minLength !== undefined && len < f.minLength) (issues ??= []).push({ kind: 'length', element, facet: 'minLength', value: null, length: len, limit: f.minLength, type });
      if (f.maxLength !== undefined && len > f.maxLength) (issues ??= []).push({ kind: 'length', element, facet: 'maxLength', value: null, length: len, limit: f.maxLength, type });
    }
    const d = lex.decimal;
    if (d) {
      // fractionDigits before totalDigits: libxml2's order when both fail.
      if (f.fractionDigits !== undefined && d.frac.length > f.fractionDigits) (issues ??= []).push({ kind: 'digits', element, facet: 'fractionDigits', value: raw, limit: f.fractionDigits, type });
      if (f.totalDigits !== undefined && Math.max(1, d.int.length + d.frac.length) > f.totalDigits) (issues ??= []).push({ kind: 'digits', element, facet: 'totalDigits', value: raw, limit: f.totalDigits, type });
      if (minD && compareDecimal(d, minD) < 0) (issues ??= []).push({ kind: 'range', element, facet: 'minInclusive', value: raw, limit: f.minInclusive!, type });
      if (maxD && compareDecimal(d, maxD) > 0) (issues ??= []).push({ kind: 'range', element, facet: 'maxInclusive', value: raw, limit: f.maxInclusive!, type });
    }
    if (base === 'date') {
      if (f.minInclusive !== undefined) {
        const c = compareDate(value, f.minInclusive);
        if (c === null || !(c >= 0)) (issues ??= []).push({ kind: 'range', element, facet: 'minInclusive', value, limit: f.minInclusive, type });
      }
      if (f.maxInclusive !== undefined) {
        const c = compareDate(value, f.maxInclusive);
        if (c === null || !(c <= 0)) (issues ??= []).push({ kind: 'range', element, facet: 'maxInclusive', value, limit: f.maxInclusive, type });
      }
    }
    if (enumeration) {
      const ok = enumDecimals && d ? enumDecimals.some((e) => e !== null && compareDecimal(d, e) === 0) : enumSet!.has(value);
      if (!ok) (issues ??= []).push({ kind: 'enumeration', element, value: raw, allowed: enumeration, type });
    }
    for (const p of patterns) if (!p.re.test(value)) (issues ??= []).push({ kind: 'pattern', element, value: raw, pattern: p.source, type });
    return issues ?? NONE;
  };
  // A value's verdict depends on the value alone, and a lote repeats its values (codes, dates, "1", the
  // same prices): a value found valid is remembered, bounded, and answered without the checks again.
  const valid = new Set<string>();
  return (raw, element) => {
    if (valid.has(raw)) return NONE;
    const issues = check(raw, element);
    if (issues === NONE && raw.length <= MEMO_LENGTH) {
      if (valid.size >= MEMO_SIZE) valid.clear();
      // A copy: the value is a slice of the document's text, which a slice keeps alive (see ownCopy).
      valid.add(ownCopy(raw));
    }
    return issues;
  };
}

/** Values longer than this are not remembered (names, observations: rarely repeated). */
const MEMO_LENGTH = 40;
/** Valid values remembered per simple type, at most (then forgotten all at once). */
const MEMO_SIZE = 2048;
