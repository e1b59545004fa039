import { resolve } from 'node:path';
import { resolveProfile } from '../config/load.js';
import { TissError } from '../errors.js';
import { FindingCollector } from '../findings/collector.js';
import type { HashEncoding } from '../hash/canonical.js';
import { identifyMessage } from '../message/kind.js';
import { RULES } from '../rules/catalog.js';
import type { RuleSetting } from '../rules/types.js';
import { readDocument } from '../xml/read.js';
import { configFolderOf, type BatchArgs } from './batch-setup.js';
import { loadConfigOnNeed } from './config.js';
import { readInput, STDIN } from './inputs.js';
import { parseSchemaVersion, parseSize } from './options.js';

/** What `--print-config FILE` prints (JSON on stdout). */
export interface PrintedConfig {
  file: string;
  /** The config that applies: a path, `…/package.json#tiss`, or null (none found). */
  config: string | null;
  /** The message's destino registro ANS (what picks the profile), or null when it cannot be read. */
  registroANS: string | null;
  profile: string | null;
  settings: {
    hashEncoding: HashEncoding;
    /** The version whose XSD checks the message; null: the version it declares. */
    schemaVersion: string | null;
    /** Every rule with its setting for this file (its default severity, or the config's). */
    rules: Record<string, RuleSetting>;
    fields: Record<string, { pattern: string; message?: string; severity: string }>;
  };
}

/**
 * `--print-config FILE` (validate, report): the config that applies to FILE, the profile chosen for it
 * and the settings that result, as ESLint's --print-config. The profile needs the message's registro ANS:
 * the file is read with the validator's own reader (the strict scanner), nothing else is checked.
 * Command-line options that change a setting (--profile, --hash-encoding, --schema-version) count.
 */
export async function printConfig(args: BatchArgs & { 'hash-encoding'?: HashEncoding; 'schema-version'?: string }): Promise<number> {
  if (args.entradas.length !== 1) throw new TissError(`--print-config mostra a configuração de um arquivo só; foram indicados ${args.entradas.length}.`, 'Indique um arquivo (ou - para a entrada padrão).');
  const maxSize = parseSize(args['max-size']);
  const schemaVersion = parseSchemaVersion(args['schema-version']);
  const name = args.entradas[0]!;
  const bytes = await readInput(name, maxSize);
  const loaded = await loadConfigOnNeed(args.config, name === STDIN ? process.cwd() : resolve(configFolderOf(name)));
  const read = readDocument(bytes, new FindingCollector(name), { maxSize, reader: 'scanner' });
  let registroANS: string | null;
  try {
    registroANS = read ? (identifyMessage(read.tree.root, new FindingCollector(name))?.registroANS ?? null) : null;
  } finally {
    read?.doc?.dispose();
  }
  const profile = resolveProfile(loaded?.config, args.profile, registroANS);
  const printed: PrintedConfig = {
    file: name,
    config: loaded?.label ?? null,
    registroANS,
    profile: profile.name,
    settings: {
      hashEncoding: args['hash-encoding'] ?? profile.hashEncoding ?? 'iso-8859-1',
      schemaVersion: schemaVersion ?? profile.schemaVersion ?? null,
      rules: Object.fromEntries(
        RULES.map((r) => r.meta.id)
          .sort()
          .map((id) => [id, profile.rules[id] ?? RULES.find((r) => r.meta.id === id)!.meta.severity]),
      ),
      fields: profile.fields,
    },
  };
  process.stdout.write(`${JSON.stringify(printed, null, 2)}\n`);
  return 0;
}
