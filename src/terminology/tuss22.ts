/**
 * Lookups in an installed TUSS terminology table (Tabela 22, procedimentos e eventos em saúde).
 * Pure: no Node module here, the releases come from store.ts (read once per process). Built to be called
 * for every procedure of a lote inside the batch workers: a code is one Map lookup; suggestions are
 * computed only on a miss (~80 candidate codes tried against the same Map).
 *
 * Vigência caveat (see README, "Terminology tables"): a release keeps one row per code with its current
 * term, a term rewrite resets the "início de vigência", and codes are dropped without a "fim de vigência".
 * So nothing here says "fora de vigência" from a single release's início date; it says what each installed
 * release knows.
 */

import { TissError } from '../errors.js';

/** One row of a release, as installed. Dates are ISO (YYYY-MM-DD), null when empty or unreadable. */
export interface TussRow {
  code: string;
  term: string;
  startDate: string | null;
  endDate: string | null;
  /** "Data de fim de implantação": the end of the adoption period, not the end of validity. */
  implantationEndDate: string | null;
}

/** An installed release of a table (`<data>/tiss/tabelas/22/<release>.json`). */
export interface TussRelease {
  table: number;
  /** AAAAMM. */
  release: string;
  rows: TussRow[];
}

/** What the other installed releases say about a code. */
export interface TussElsewhere {
  release: string;
  term: string;
  startDate?: string;
  endDate?: string;
}

export interface TussProcedure {
  code: string;
  found: boolean;
  /** The release consulted (the newest installed, unless one was asked for). */
  release: string;
  term?: string;
  startDate?: string;
  endDate?: string;
  implantationEndDate?: string;
  /**
   * Other installed releases where the code is, when it is missing from `release` or its term there is
   * different (newest first). Empty when there is nothing to tell.
   */
  elsewhere: TussElsewhere[];
  /** A pt-BR sentence for people: "não consta na 202511; constava na 202007 como “…”". */
  note?: string;
}

export interface TussSuggestion {
  code: string;
  term: string;
  /** How the code differs from the one asked for. */
  kind: 'transposição' | 'um dígito' | 'dígito a mais' | 'dígito a menos';
}

interface Indexed {
  release: string;
  byCode: Map<string, TussRow>;
}

/**
 * The current row of each code: the one without a fim de vigência, else the one that started last (the
 * 2020 file lists 56 codes twice: the old term, ended, and the new one).
 */
function index(r: TussRelease): Indexed {
  const byCode = new Map<string, TussRow>();
  for (const row of r.rows) {
    const had = byCode.get(row.code);
    if (!had || current(row, had)) byCode.set(row.code, row);
  }
  return { release: r.release, byCode };
}

function current(a: TussRow, b: TussRow): boolean {
  if ((a.endDate === null) !== (b.endDate === null)) return a.endDate === null;
  return (a.startDate ?? '') > (b.startDate ?? '');
}

/** Terms compared without case, accents' spacing quirks or repeated blanks (the PDF extraction squashes some). */
function sameTerm(a: string, b: string): boolean {
  const n = (s: string): string => s.normalize('NFC').toLocaleLowerCase('pt-BR').replace(/\s+/g, ' ').trim();
  return n(a) === n(b);
}

/** Several releases of one table, newest first; lookups default to the newest. */
export class TussTable {
  readonly table: number;
  /** Installed releases, newest first (AAAAMM). */
  readonly releases: string[];
  private readonly indexed: Indexed[];

  constructor(releases: TussRelease[]) {
    if (releases.length === 0) throw new Error('TussTable: no release');
    this.table = releases[0]!.table;
    this.indexed = [...releases].sort((a, b) => (a.release < b.release ? 1 : a.release > b.release ? -1 : 0)).map(index);
    this.releases = this.indexed.map((i) => i.release);
  }

  /** The newest installed release (AAAAMM). */
  get newest(): string {
    return this.releases[0]!;
  }

  /** Number of distinct codes in a release (default: the newest). */
  size(release?: string): number {
    return this.pick(release).byCode.size;
  }

  /** A code in one release (default: the newest), with what the other installed releases know of it. */
  procedure(code: string, options: { release?: string } = {}): TussProcedure {
    const at = this.pick(options.release);
    const row = at.byCode.get(code);
    const elsewhere: TussElsewhere[] = [];
    for (const other of this.indexed) {
      if (other === at) continue;
      const o = other.byCode.get(code);
      if (o && (!row || !sameTerm(o.term, row.term))) elsewhere.push({ release: other.release, term: o.term, ...dates(o) });
    }
    if (!row) {
      const note = elsewhere.length
        ? `não consta na ${at.release}; ${elsewhere.map((e) => `constava na ${e.release} como “${e.term}”`).join('; ')}`
        : `não consta na ${at.release}`;
      return { code, found: false, release: at.release, elsewhere, note };
    }
    const result: TussProcedure = { code, found: true, release: at.release, term: row.term, ...dates(row), elsewhere };
    if (row.implantationEndDate) result.implantationEndDate = row.implantationEndDate;
    if (elsewhere.length) result.note = `termo na ${at.release}: “${row.term}”; ${elsewhere.map((e) => `na ${e.release}: “${e.term}”`).join('; ')}`;
    return result;
  }

  /**
   * Codes of a release (default: the newest) near a mistyped one, at most `limit` (5): two adjacent digits
   * transposed first, then one digit different (a later position first: same chapter and group of TUSS;
   * then the nearer digit), then one digit too many or too few. The code itself is never suggested.
   */
  suggest(code: string, options: { release?: string; limit?: number } = {}): TussSuggestion[] {
    const { byCode } = this.pick(options.release);
    const limit = options.limit ?? 5;
    const out: TussSuggestion[] = [];
    const seen = new Set<string>([code]);
    const add = (c: string, kind: TussSuggestion['kind']): void => {
      if (seen.has(c)) return;
      const row = byCode.get(c);
      if (!row) return;
      seen.add(c);
      out.push({ code: c, term: row.term, kind });
    };
    if (!/^\d{1,12}$/.test(code)) return out;
    for (let i = 0; i + 1 < code.length; i++) {
      if (code[i] !== code[i + 1]) add(code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2), 'transposição');
    }
    const subs: { c: string; pos: number; gap: number }[] = [];
    for (let i = 0; i < code.length; i++) {
      const d = code.charCodeAt(i) - 48;
      for (let e = 0; e <= 9; e++) if (e !== d) subs.push({ c: code.slice(0, i) + e + code.slice(i + 1), pos: i, gap: Math.abs(e - d) });
    }
    subs.sort((a, b) => b.pos - a.pos || a.gap - b.gap);
    for (const s of subs) add(s.c, 'um dígito');
    for (let i = 0; i < code.length; i++) add(code.slice(0, i) + code.slice(i + 1), 'dígito a mais');
    for (let i = 0; i <= code.length; i++) for (let e = 0; e <= 9; e++) add(code.slice(0, i) + e + code.slice(i), 'dígito a menos');
    return out.slice(0, limit);
  }

  private pick(release?: string): Indexed {
    if (release === undefined) return this.indexed[0]!;
    const found = this.indexed.find((i) => i.release === release);
    if (!found) throw new TissError(`A release ${release} da Tabela ${this.table} não está instalada; instaladas: ${this.releases.join(', ')}.`, 'Veja com: tiss tabelas list');
    return found;
  }
}

function dates(r: TussRow): { startDate?: string; endDate?: string } {
  const d: { startDate?: string; endDate?: string } = {};
  if (r.startDate) d.startDate = r.startDate;
  if (r.endDate) d.endDate = r.endDate;
  return d;
}
