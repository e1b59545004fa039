import { tables } from '../tables/index.js';

const byVersion = new Map<string, ReadonlySet<string> | null>();

/**
 * Whether Tabela 38 of a schema version has a glosa code (3167 exists only from 4.01.00), so a finding
 * never names a code its message's version lacks; a version the table does not list keeps every code.
 */
export function glosaInVersion(code: string, versionId: string): boolean {
  let codes = byVersion.get(versionId);
  if (codes === undefined) {
    try {
      codes = new Set(tables.get(38, versionId).codes.map((c) => c.code));
    } catch {
      codes = null;
    }
    byVersion.set(versionId, codes);
  }
  return codes === null || codes.has(code);
}
