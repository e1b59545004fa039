import { PACKAGE_ROOT } from '../package-root.js';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TissError } from '../errors.js';
import { findVersion, loadManifest } from '../schemas/manifest.js';
import { installedVersions, resolveSchemaRoot, schemaSet, type SchemaRoot } from '../schemas/store.js';
import { schemaFacts } from '../xsd/annotations.js';

export interface TableCode {
  code: string;
  description: string | null;
  /** Vigência, when published (YYYY-MM-DD); null when not. */
  start: string | null;
  end: string | null;
  /**
   * The schema sets (manifest ids: `4.03.00`, `monitoramento-1.06.00`) whose XSD enumerates the code, when
   * not all of the table's do (Tabela 38's 3169–3312 are 4.03.00's and Monitoramento 1.06.00's).
   */
  versions?: string[];
}

/** A TUSS terminology table as shipped in `tables/NN-name.json`. */
export interface Table {
  table: number;
  name: string;
  source: string;
  /** XSD simple types whose enumeration must equal the codes, per standard version. */
  xsd: { version: string; type: string }[];
  notes: string[];
  codes: TableCode[];
}

export const TABLES_DIR = join(PACKAGE_ROOT, 'tables');

let loaded: Map<number, Table> | undefined;
const checkedRoots = new Set<string>();

function load(): Map<number, Table> {
  if (!loaded) {
    loaded = new Map();
    for (const f of readdirSync(TABLES_DIR).filter((n) => /^\d+-.+\.json$/.test(n)).sort()) {
      const t = JSON.parse(readFileSync(join(TABLES_DIR, f), 'utf8')) as Table;
      loaded.set(t.table, t);
    }
  }
  return loaded;
}

/**
 * Compares every table with the enumerations of the installed XSDs: each enumeration must have a
 * table entry and each entry an enumeration. A mismatch is a TissError naming the codes, never a
 * silent drift. Versions not installed are skipped.
 */
export function checkTables(root: SchemaRoot = resolveSchemaRoot()): void {
  if (checkedRoots.has(root.dir)) return;
  const installed = new Set(installedVersions(root).map((v) => v.id));
  const problems: string[] = [];
  for (const t of load().values()) {
    for (const ref of t.xsd) {
      if (!installed.has(ref.version)) continue;
      const version = loadManifest().versions.find((v) => v.id === ref.version)!;
      const values = schemaFacts(schemaSet(root, version)).enumerations.get(ref.type);
      if (!values) {
        problems.push(`tabela ${t.table}: o tipo ${ref.type} não existe no XSD ${ref.version}`);
        continue;
      }
      const codes = new Set(codesIn(t, ref.version).map((c) => c.code));
      const xsd = new Set(values);
      const missing = values.filter((v) => !codes.has(v));
      const extra = [...codes].filter((c) => !xsd.has(c));
      if (missing.length) problems.push(`tabela ${t.table}: códigos do XSD ${ref.version} (${ref.type}) sem entrada na tabela: ${missing.join(', ')}`);
      if (extra.length) problems.push(`tabela ${t.table}: códigos da tabela que o XSD ${ref.version} (${ref.type}) não aceita: ${extra.join(', ')}`);
    }
  }
  if (problems.length > 0) {
    throw new TissError(`As tabelas de domínio não conferem com os XSDs instalados:\n  - ${problems.join('\n  - ')}`, 'Atualize tables/ (node scripts/build-tables.js) ou reinstale os XSDs oficiais.');
  }
  checkedRoots.add(root.dir);
}

/** Checks the tables against the XSDs found by the usual lookup, once; no XSDs installed: nothing to compare. */
function checked(): Map<number, Table> {
  let root: SchemaRoot | undefined;
  try {
    root = resolveSchemaRoot();
  } catch {
    root = undefined;
  }
  if (root) checkTables(root);
  return load();
}

/** The codes of a table that one schema set enumerates (`4.01.00`, `monitoramento-1.06.00`). */
function codesIn(t: Table, versionId: string): TableCode[] {
  return t.codes.filter((c) => !c.versions || c.versions.includes(versionId));
}

/** Library access to the terminology tables: `tables.get(81)`. Checked against the installed XSDs at first use. */
export const tables = {
  list(): Table[] {
    return [...checked().values()];
  },
  /**
   * One table; with `version` (`4.01.00`, `1.06.00`), only the codes that version's XSD enumerates (a
   * TissError when no schema set of that version uses the table).
   */
  get(table: number, version?: string): Table {
    const t = checked().get(table);
    if (!t) throw new TissError(`Tabela ${table} não disponível. Tabelas: ${[...load().keys()].join(', ')}.`);
    if (version === undefined) return t;
    const id = findVersion(version)?.id;
    if (!id) throw new TissError(`Versão desconhecida: ${version}.`, `Versões: ${loadManifest().versions.map((v) => v.id).join(', ')}.`);
    if (!t.xsd.some((x) => x.version === id)) throw new TissError(`A tabela ${table} (${t.name}) não é usada pela versão ${id}; versões que a usam: ${t.xsd.map((x) => x.version).join(', ')}.`);
    return { ...t, codes: codesIn(t, id) };
  },
  lookup(table: number, code: string, version?: string): TableCode | undefined {
    return (version === undefined ? checked().get(table)?.codes : tables.get(table, version).codes)?.find((c) => c.code === code);
  },
  /** The table whose codes an XSD simple type enumerates (`dm_tipoDocumento` → 81). */
  forXsdType(type: string, root?: SchemaRoot): Table | undefined {
    if (root) checkTables(root);
    return [...(root ? load() : checked()).values()].find((t) => t.xsd.some((x) => x.type === type));
  },
};
