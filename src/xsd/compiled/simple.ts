import type { SimpleDef } from '../content-model.js';
import type { QualifiedName, XsdIssue } from '../issue.js';

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

interface Decimal {
  negative: boolean;
  /** Integer digits without leading zeros ('' for zero). */
  int: string;
  /** Fraction digits without trailing zeros. */
  frac: string;
}

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?$/;
const INTEGER = /^[+-]?\d+$/;

function parseDecimal(v: string, integer: boolean): Decimal | null {
  if (integer ? !INTEGER.test(v) : !DECIMAL.test(v)) return null;
  const m = DECIMAL.exec(v)!;
  if ((m[2] ?? '') === '' && (m[3] ?? '') === '') return null;
  return { negative: m[1] === '-', int: (m[2] ?? '').replace(/^0+/, ''), frac: (m[3] ?? '').replace(/0+$/, '') };
}

function compareDecimal(a: Decimal, b: Decimal): number {
  const za = a.int === '' && a.frac === '';
  const zb = b.int === '' && b.frac === '';
  const sa = za ? 0 : a.negative ? -1 : 1;
  const sb = zb ? 0 : b.negative ? -1 : 1;
  if (sa !== sb) return sa < sb ? -1 : 1;
  if (sa === 0) return 0;
  let c = a.int.length !== b.int.length ? (a.int.length < b.int.length ? -1 : 1) : a.int < b.int ? -1 : a.int > b.int ? 1 : 0;
  if (c === 0) {
    const n = Math.max(a.frac.length, b.frac.length);
    const fa = a.frac.padEnd(n, '0');
    const fb = b.frac.padEnd(n, '0');
    c = fa < fb ? -1 : fa > fb ? 1 : 0;
  }
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

function validYmd(year: string, month: string, day: string): boolean {
  if (/^0+$/.test(year) || (year.length > 4 && year.startsWith('0'))) return false;
  const y = Number(year);
  const mo = Number(month);
  const d = Number(day);
  if (mo < 1 || mo > 12 || d < 1) return false;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1]!;
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

/** The lexical check of a built-in base; the decimal value for numeric ones. */
function lexical(base: string, v: string): { ok: boolean; decimal?: Decimal } {
  switch (base) {
    case 'string':
    case 'normalizedString':
    case 'token':
    case 'anyURI':
      return { ok: true };
    case 'decimal': {
      const d = parseDecimal(v, false);
      return d ? { ok: true, decimal: d } : { ok: false };
    }
    case 'integer':
    case 'int':
    case 'long':
    case 'short':
    case 'nonNegativeInteger':
    case 'positiveInteger': {
      const d = parseDecimal(v, true);
      if (!d || d.frac !== '') return { ok: false };
      if (base === 'nonNegativeInteger' && d.negative && d.int !== '') return { ok: false };
      if (base === 'positiveInteger' && (d.negative || d.int === '')) return { ok: false };
      const limit = base === 'int' ? '2147483647' : base === 'short' ? '32767' : base === 'long' ? '9223372036854775807' : null;
      if (limit) {
        const max = parseDecimal(d.negative ? String(BigInt(limit) + 1n) : limit, true)!;
        if (compareDecimal({ ...d, negative: false }, max) > 0) return { ok: false };
      }
      return { ok: true, decimal: d };
    }
    case 'boolean':
      return { ok: v === 'true' || v === 'false' || v === '1' || v === '0' };
    case 'date': {
      const m = DATE.exec(v);
      return { ok: !!m && validYmd(m[2]!, m[3]!, m[4]!) && validZone(m[5]) };
    }
    case 'time': {
      const m = TIME.exec(v);
      return { ok: !!m && validHms(m[1]!, m[2]!, m[3]!, m[4]) && validZone(m[5]) };
    }
    case 'dateTime': {
      const m = DATE_TIME.exec(v);
      return { ok: !!m && validYmd(m[2]!, m[3]!, m[4]!) && validHms(m[5]!, m[6]!, m[7]!, m[8]) && validZone(m[9]) };
    }
    case 'base64Binary':
      return { ok: validBase64(v) };
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
    const value = trim ? raw.replace(XML_SPACE, '') : base === 'time' ? raw.replace(LEADING_SPACE, '') : raw;
    const lex = lexical(base, value);
    if (!lex.ok) return [{ kind: 'atomic', element, value: raw, type }];
    let issues: XsdIssue[] | null = null;
    const add = (i: XsdIssue): void => {
      (issues ??= []).push(i);
    };
    if (base === 'string') {
      const len = f.length !== undefined || f.minLength !== undefined || f.maxLength !== undefined ? codePoints(value) : 0;
      if (f.length !== undefined && len !== f.length) add({ kind: 'length', element, facet: 'length', value: null, length: len, limit: f.length, type });
      if (f.minLength !== undefined && len < f.minLength) add({ kind: 'length', element, facet: 'minLength', value: null, length: len, limit: f.minLength, type });
      if (f.maxLength !== undefined && len > f.maxLength) add({ kind: 'length', element, facet: 'maxLength', value: null, length: len, limit: f.maxLength, type });
    }
    const d = lex.decimal;
    if (d) {
      // fractionDigits before totalDigits: libxml2's order when both fail.
      if (f.fractionDigits !== undefined && d.frac.length > f.fractionDigits) add({ kind: 'digits', element, facet: 'fractionDigits', value: raw, limit: f.fractionDigits, type });
      if (f.totalDigits !== undefined && Math.max(1, d.int.length + d.frac.length) > f.totalDigits) add({ kind: 'digits', element, facet: 'totalDigits', value: raw, limit: f.totalDigits, type });
      if (minD && compareDecimal(d, minD) < 0) add({ kind: 'range', element, facet: 'minInclusive', value: raw, limit: f.minInclusive!, type });
      if (maxD && compareDecimal(d, maxD) > 0) add({ kind: 'range', element, facet: 'maxInclusive', value: raw, limit: f.maxInclusive!, type });
    }
    if (base === 'date') {
      if (f.minInclusive !== undefined) {
        const c = compareDate(value, f.minInclusive);
        if (c === null || !(c >= 0)) add({ kind: 'range', element, facet: 'minInclusive', value, limit: f.minInclusive, type });
      }
      if (f.maxInclusive !== undefined) {
        const c = compareDate(value, f.maxInclusive);
        if (c === null || !(c <= 0)) add({ kind: 'range', element, facet: 'maxInclusive', value, limit: f.maxInclusive, type });
      }
    }
    if (enumeration) {
      const ok = enumDecimals && d ? enumDecimals.some((e) => e !== null && compareDecimal(d, e) === 0) : enumSet!.has(value);
      if (!ok) add({ kind: 'enumeration', element, value: raw, allowed: enumeration, type });
    }
    for (const p of patterns) if (!p.re.test(value)) add({ kind: 'pattern', element, value: raw, pattern: p.source, type });
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
      valid.add(raw);
    }
    return issues;
  };
}

/** Values longer than this are not remembered (names, observations: rarely repeated). */
const MEMO_LENGTH = 40;
/** Valid values remembered per simple type, at most (then forgotten all at once). */
const MEMO_SIZE = 2048;
