import { TissError } from '../errors.js';
import { chooseSchema, compareVersions, type SchemaChoice } from './choose.js';
import { findVersion, versionsForRoot, type SchemaVersion } from './manifest.js';
import { INSTALL_HINT, isVersionInstalled, resolveSchemaRoot, type SchemaRoot } from './store.js';

export interface SchemaSelection {
  root: SchemaRoot;
  /** Every manifest version that declares the message's root element. */
  candidates: SchemaVersion[];
  /** Those of the candidates installed (looked up when asked: the choice itself usually needs one folder). */
  installed: () => SchemaVersion[];
  choice: Exclude<SchemaChoice, { kind: 'not-installed' }>;
}

/**
 * chooseSchema over what is installed: the one decision validate, generate and parse share. The
 * receiver's version applies to messages of its own standard (a 4.03.00 operadora's profile says nothing
 * about a Monitoramento file); one the manifest does not know is reported. A version some schema would
 * accept but none installed is a setup problem: a TissError with the install hint (exit 2).
 *
 * Each folder looked for is a stat on every file checked: the choice asks only about the versions it
 * needs (the declared one's own, when installed: one stat, not one per candidate), and nothing is kept
 * from one call to the next (a version installed meanwhile counts at once).
 */
export function selectSchema(rootElement: string, declared: string | null, schemas?: string, requested?: string): SchemaSelection {
  const root = resolveSchemaRoot(schemas);
  const candidates = versionsForRoot(rootElement);
  const seen = new Map<SchemaVersion, boolean>();
  const isInstalled = (v: SchemaVersion): boolean => {
    let here = seen.get(v);
    if (here === undefined) seen.set(v, (here = isVersionInstalled(root, v)));
    return here;
  };
  const installed = (): SchemaVersion[] => candidates.filter(isInstalled);
  const asked = requested === undefined ? undefined : findVersion(requested);
  const applies = requested !== undefined && (!asked || candidates.includes(asked));
  const choice = chooseSchema(candidates, isInstalled, declared, applies ? requested : undefined);
  if (choice.kind === 'not-installed') {
    throw new TissError(
      requested && choice.wanted.length === 0
        ? `A versão de esquema pedida (${requested}) não existe; versões conhecidas: ${candidates.map((v) => v.version).join(', ')}.`
        : `Os esquemas XSD da versão ${choice.wanted.map((v) => v.id).join(' ou ')} não estão instalados em ${root.dir}${choice.declared ? ` (a mensagem declara ${choice.declared})` : ''}.`,
      INSTALL_HINT,
    );
  }
  return { root, candidates, installed, choice };
}

/** Every declared version some of these schema sets accept, oldest first. */
export function acceptedBy(versions: SchemaVersion[]): string[] {
  return [...new Set(versions.flatMap((v) => v.accepts))].sort(compareVersions);
}
