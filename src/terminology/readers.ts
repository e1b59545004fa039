import { createRequire } from 'node:module';
import type { TussRow } from './tuss22.js';

/**
 * Readers of the forms Tabela 22 is published in, each giving the rows and, when the source says it, the
 * release (AAAAMM). Problems are thrown as `SourceError` (Portuguese, without the file name: the
 * installer adds it).
 *
 * - XLSX, the official workbook ("TUSS 22 - PROCEDIMENTOS E EVENTOS EM SAÚDE - VERSÃO AAAAMM.xlsx", sheet
 *   "Tab 22  VERSÃO AAAAMM", title rows, header on row 8): read with SheetJS (`@e965/xlsx`), loaded here
 *   on first use only. Dates come as Excel serials or as dd/mm/yyyy text.
 * - CSV in the ANS open-data format: `;`-separated, RFC 4180 quotes (terms hold `;` and `""`), UTF-8 with
 *   or without BOM, dd/mm/yyyy. Read by hand: SheetJS would guess the dates (and read 01/02 as January 2nd).
 * - JSON `{ procedures: { "<code>": { description, startDate } } }` (a public extraction of the ANS PDF).
 */
export class SourceError extends Error {}

export interface ReadTable {
  rows: TussRow[];
  /** AAAAMM when the content says it (the sheet's name). */
  release?: string;
  /** Dates that could not be read (kept as null), e.g. "linha 4630: “ão e0 S1e…”". */
  badDates: string[];
}

const COLUMNS = {
  code: 'codigo do termo',
  term: 'termo',
  detail: 'descricao detalhada',
  start: 'data de inicio de vigencia',
  end: 'data de fim de vigencia',
  implantation: 'data de fim de implantacao',
} as const;
const REQUIRED = ['code', 'term', 'start', 'end', 'implantation'] as const;
const HEADER_NAMES = 'Código do Termo; Termo; [Descrição Detalhada]; Data de início de vigência; Data de fim de vigência; Data de fim de implantação';

/** Header text compared without accents, case or repeated blanks. */
export function plain(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** AAAAMM in a name ("… VERSÃO 202511.xlsx", "Tab 22  VERSÃO 202511", "tuss22-202511.json"); none for "…-2020-…". */
export function releaseIn(name: string): string | undefined {
  return /(?<!\d)((?:19|20)\d\d(?:0[1-9]|1[0-2]))(?!\d)/.exec(name)?.[1];
}

type Cell = string | number | boolean | Date | null | undefined;

/** The column of each official header in `header`, or a SourceError naming what is missing. */
function columns(header: Cell[]): Record<keyof typeof COLUMNS, number> {
  const names = header.map((h) => plain(String(h ?? '')));
  const at = {} as Record<keyof typeof COLUMNS, number>;
  for (const k of Object.keys(COLUMNS) as (keyof typeof COLUMNS)[]) at[k] = names.indexOf(COLUMNS[k]);
  const missing = REQUIRED.filter((k) => at[k] < 0);
  if (missing.length) {
    throw new SourceError(
      `colunas da Tabela 22 não encontradas: ${missing.map((k) => `“${COLUMNS[k]}”`).join(', ')}. Esperado o cabeçalho oficial: ${HEADER_NAMES}. ` +
        `Cabeçalho lido: ${header.map((h) => String(h ?? '')).join('; ').slice(0, 300)}`,
    );
  }
  return at;
}

/** dd/mm/yyyy (or yyyy-mm-dd, or an Excel serial) → YYYY-MM-DD; '' → null; anything else → undefined. */
function isoDate(v: Cell, date1904 = false): string | null | undefined {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'number') {
    if (!Number.isFinite(v) || v < 1 || v > 2958465) return undefined;
    const ms = Math.round((Math.floor(v) - (date1904 ? 24107 : 25569)) * 86_400_000);
    return new Date(ms).toISOString().slice(0, 10);
  }
  const s = String(v).trim();
  if (s === '') return null;
  let m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s);
  if (m) return valid(Number(m[3]), Number(m[2]), Number(m[1]));
  m = /^(\d{4})-(\d{2})-(\d{2})(?:T.*)?$/.exec(s);
  if (m) return valid(Number(m[1]), Number(m[2]), Number(m[3]));
  return undefined;
}

function valid(y: number, mo: number, d: number): string | undefined {
  const t = new Date(Date.UTC(y, mo - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== mo - 1 || t.getUTCDate() !== d) return undefined;
  return t.toISOString().slice(0, 10);
}

/** Rows from a grid whose header is `grid[headerAt]`; `line(i)` names the row in messages. */
function rowsOf(grid: Cell[][], headerAt: number, line: (i: number) => string, date1904 = false): Omit<ReadTable, 'release'> {
  const col = columns(grid[headerAt]!);
  const rows: TussRow[] = [];
  const badDates: string[] = [];
  const badCodes: string[] = [];
  for (let i = headerAt + 1; i < grid.length; i++) {
    const r = grid[i]!;
    if (r.every((c) => c === null || c === undefined || String(c).trim() === '')) continue;
    const rawCode = r[col.code];
    const code = typeof rawCode === 'number' && Number.isInteger(rawCode) ? String(rawCode) : String(rawCode ?? '').trim();
    if (!/^\d{8}$/.test(code)) {
      badCodes.push(`${line(i)}: “${code.slice(0, 40)}”`);
      continue;
    }
    const date = (k: 'start' | 'end' | 'implantation'): string | null => {
      const v = r[col[k]];
      const d = isoDate(v, date1904);
      if (d === undefined) {
        badDates.push(`${line(i)} (${code}): “${String(v).slice(0, 40)}”`);
        return null;
      }
      return d;
    };
    rows.push({ code, term: String(r[col.term] ?? '').replace(/\s+/g, ' ').trim(), startDate: date('start'), endDate: date('end'), implantationEndDate: date('implantation') });
  }
  if (badCodes.length) throw new SourceError(`${badCodes.length} linha(s) sem um código TUSS de 8 dígitos: ${badCodes.slice(0, 5).join('; ')}${badCodes.length > 5 ? ' …' : ''}`);
  if (rows.length === 0) throw new SourceError('nenhuma linha de dados depois do cabeçalho');
  return { rows, badDates };
}

/** The ANS CSV: `;`, RFC 4180 quotes, UTF-8 (BOM optional). */
export function readCsv(bytes: Uint8Array): ReadTable {
  let text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const grid = parseCsv(text, ';');
  if (grid.length === 0) throw new SourceError('arquivo vazio');
  return rowsOf(grid, 0, (i) => `linha ${i + 1}`);
}

/** Records of a delimited text with RFC 4180 quoting (`"a;b"`, `""` inside quotes), CRLF or LF. */
export function parseCsv(text: string, sep: string): string[][] {
  const out: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === sep) {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      out.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length) {
    row.push(field);
    out.push(row);
  }
  return out;
}

/** `{ procedures: { code: { description, startDate, endDate? } } }`, optionally `meta.release`. */
export function readJson(bytes: Uint8Array): ReadTable {
  let data: unknown;
  try {
    data = JSON.parse(new TextDecoder().decode(bytes));
  } catch (e) {
    throw new SourceError(`JSON inválido (${(e as Error).message})`);
  }
  const procedures = (data as { procedures?: unknown } | null)?.procedures;
  if (!procedures || typeof procedures !== 'object' || Array.isArray(procedures)) {
    throw new SourceError('JSON sem o objeto “procedures” ({ "procedures": { "<código>": { "description": …, "startDate": "dd/mm/aaaa" } } })');
  }
  const grid: Cell[][] = [['Código do Termo', 'Termo', 'Data de início de vigência', 'Data de fim de vigência', 'Data de fim de implantação']];
  for (const [code, p] of Object.entries(procedures as Record<string, { description?: unknown; startDate?: unknown; endDate?: unknown }>)) {
    grid.push([code, typeof p?.description === 'string' ? p.description : '', str(p?.startDate), str(p?.endDate), null]);
  }
  const meta = (data as { meta?: { release?: unknown } }).meta;
  const release = typeof meta?.release === 'string' ? releaseIn(meta.release) : undefined;
  return { ...rowsOf(grid, 0, (i) => `código nº ${i}`), ...(release ? { release } : {}) };
}

function str(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}

/** The official workbook: sheet "Tab 22 …", header row found among the first 30 rows (row 8 in the ANS file). */
export function readXlsx(bytes: Uint8Array): ReadTable {
  const X = createRequire(import.meta.url)('@e965/xlsx') as typeof import('@e965/xlsx');
  let wb: import('@e965/xlsx').WorkBook;
  try {
    wb = X.read(bytes, { type: 'array', dense: true, cellDates: false, cellHTML: false, cellText: false, cellStyles: false });
  } catch (e) {
    throw new SourceError(`planilha XLSX ilegível (${(e as Error).message})`);
  }
  const name = wb.SheetNames.find((n) => /^tab\s*22(?!\d)/i.test(plain(n)));
  if (!name) throw new SourceError(`a planilha não tem a aba da Tabela 22 (“Tab 22  VERSÃO AAAAMM”); abas: ${wb.SheetNames.map((n) => `“${n}”`).join(', ') || 'nenhuma'}`);
  const grid = X.utils.sheet_to_json<Cell[]>(wb.Sheets[name]!, { header: 1, raw: true, defval: null, blankrows: true });
  const headerAt = grid.slice(0, 30).findIndex((r) => r.some((c) => plain(String(c ?? '')) === COLUMNS.code));
  if (headerAt < 0) throw new SourceError(`a aba “${name}” não tem o cabeçalho oficial (${HEADER_NAMES}) nas primeiras 30 linhas`);
  const date1904 = Boolean(wb.Workbook?.WBProps?.date1904);
  const release = releaseIn(name);
  return { ...rowsOf(grid, headerAt, (i) => `linha ${i + 1} da aba “${name}”`, date1904), ...(release ? { release } : {}) };
}
