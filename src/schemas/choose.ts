import type { SchemaVersion } from './manifest.js';

/**
 * Which installed schema checks a message (issue 10), as a pure decision over the manifest:
 * - `own`: the version the message declares, checked against that version's own XSD (the default);
 * - `requested`: the receiver's version (`--schema-version`, or the operadora profile's `schemaVersion`),
 *   whose `dm_versao` accepts the declared one — a 4.01.00 lote sent to a 4.03.00 operadora must fit 4.03.00;
 * - `nearest`: a declared version with no installed schema of its own (4.02.00: no complete official copy
 *   exists) is checked against the nearest newer installed version whose `dm_versao` accepts it;
 * - `unaccepted`: no version we know accepts the declared one (3.05.00 and older, or a receiver's version
 *   that does not accept it): not checked against any XSD, a finding and a status of its own;
 * - `not-installed`: a version that would accept it exists, but none is installed (a setup problem);
 * - `undeclared`: no readable version in the message: the newest installed (or the requested) XSD checks
 *   it, and reports the version element itself.
 */
export type SchemaChoice =
  | { kind: 'own'; version: SchemaVersion }
  | { kind: 'requested'; version: SchemaVersion; declared: string }
  | { kind: 'nearest'; version: SchemaVersion; declared: string }
  | { kind: 'undeclared'; version: SchemaVersion }
  | { kind: 'unaccepted'; declared: string; requested: SchemaVersion | null }
  | { kind: 'not-installed'; declared: string | null; wanted: SchemaVersion[] };

export const VERSION_PATTERN = /^\d+\.\d+\.\d+$/;

/** Oldest first, by the version number (`4.00.01` < `4.01.00`). */
export const byVersion = (a: SchemaVersion, b: SchemaVersion): number => compareVersions(a.version, b.version);

export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * @param candidates every manifest version that declares the message's root element
 * @param installed  those of them installed, or whether one is (asked only about the versions the choice needs)
 * @param declared   the version the message declares (`Padrao`, `versaoPadrao`), trimmed, or null
 * @param requested  the receiver's version id or number (`4.03.00`), or undefined
 */
export function chooseSchema(candidates: SchemaVersion[], installed: SchemaVersion[] | ((v: SchemaVersion) => boolean), declared: string | null, requested?: string): SchemaChoice {
  const sorted = [...candidates].sort(byVersion);
  let isInstalled: (v: SchemaVersion) => boolean;
  if (typeof installed === 'function') isInstalled = installed;
  else {
    const have = new Set(installed.map((v) => v.id));
    isInstalled = (v) => have.has(v.id);
  }
  const readable = declared !== null && VERSION_PATTERN.test(declared) ? declared : null;

  if (requested !== undefined) {
    const wanted = sorted.find((v) => v.id === requested || v.version === requested);
    // An unknown or uninstalled requested version is a setup problem the caller explains (exit 2).
    if (!wanted || !isInstalled(wanted)) return { kind: 'not-installed', declared: readable, wanted: wanted ? [wanted] : [] };
    if (readable === null) return { kind: 'undeclared', version: wanted };
    if (!wanted.accepts.includes(readable)) return { kind: 'unaccepted', declared: readable, requested: wanted };
    return wanted.version === readable ? { kind: 'own', version: wanted } : { kind: 'requested', version: wanted, declared: readable };
  }

  if (readable === null) {
    const newest = sorted.filter(isInstalled).pop();
    return newest ? { kind: 'undeclared', version: newest } : { kind: 'not-installed', declared: null, wanted: sorted };
  }
  const own = sorted.find((v) => v.version === readable);
  if (own && isInstalled(own)) return { kind: 'own', version: own };
  const accepting = sorted.filter((v) => v.accepts.includes(readable) && compareVersions(v.version, readable) >= 0);
  const nearest = accepting.find(isInstalled);
  if (nearest) return { kind: 'nearest', version: nearest, declared: readable };
  if (own || accepting.length > 0) return { kind: 'not-installed', declared: readable, wanted: own ? [own] : accepting };
  return { kind: 'unaccepted', declared: readable, requested: null };
}
