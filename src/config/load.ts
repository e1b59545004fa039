import { existsSync } from 'node:fs';
import { jsonSyntaxProblem } from '../io/json-syntax.js';
import { readFileBounded } from '../io/bounded-read.js';
import { describeIoError } from '../io/errors.js';
import { lineColumn, lineStartsOf } from '../xml/tree.js';
import { resolve } from 'node:path';
import { TissError } from '../errors.js';
import type { RuleConfig } from '../rules/types.js';
import type { HashEncoding } from '../hash/report.js';
import type { FieldCheck, TissConfig } from './schema.js';

export const CONFIG_FILE = 'tiss.config.json';

/**
 * Reads a config file as JSON: `--config PATH`, else `tiss.config.json` in the current folder, else none.
 * Its contract is checked by parseConfig (parse.ts), which loads zod: a run without a config never does
 * (zod's start-up costs ~20 ms of every command).
 */
export function readConfigFile(explicit?: string, cwd = process.cwd()): { raw: unknown; path: string } | null {
  const path = explicit ? resolve(explicit) : resolve(cwd, CONFIG_FILE);
  if (!existsSync(path)) {
    if (explicit) throw new TissError(`Arquivo de configuração não encontrado: ${path}`);
    return null;
  }
  // Bounded like every input: a FIFO, /dev/zero or a folder given as -c is refused, never read forever.
  const read = readFileBounded(path, MAX_CONFIG_SIZE);
  if (read.kind === 'not-regular') throw new TissError(`O arquivo de configuração ${path} é ${read.what}, não um arquivo JSON.`, 'Indique com -c o caminho do tiss.config.json.');
  if (read.kind === 'too-large') throw new TissError(`O arquivo de configuração ${path} tem mais de ${MAX_CONFIG_SIZE / 1024 / 1024} MB; uma configuração de perfis tem poucos KB.`, 'Confira se -c aponta para o tiss.config.json.');
  if (read.kind === 'error') throw new TissError(`Não foi possível ler o arquivo de configuração ${path}: ${describeIoError(read.error)}`);
  const text = decodeConfig(read.bytes, path);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw jsonError(text, path);
  }
  return { raw, path };
}

const MAX_CONFIG_SIZE = 4 * 1024 * 1024;

function decodeConfig(bytes: Uint8Array, path: string): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff) || (bytes.length > 1 && (bytes[0] === 0 || bytes[1] === 0))) {
    throw new TissError(`O arquivo de configuração ${path} está em UTF-16; JSON é UTF-8.`, 'Salve-o como UTF-8 (sem BOM).');
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw new TissError(`O arquivo de configuração ${path} não é UTF-8 válido (parece ISO-8859-1 ou Windows-1252); JSON é UTF-8.`, 'Salve-o como UTF-8.');
  }
}

/** Where and why the config is not JSON, in Portuguese (JSON.parse often says neither). */
function jsonError(text: string, path: string): TissError {
  const problem = jsonSyntaxProblem(text, 'o arquivo está vazio ou não é JSON');
  const at = lineColumn(lineStartsOf(text), problem.offset);
  return new TissError(`${path}:${at.line}:${at.column}: a configuração não é JSON válido (linha ${at.line}, coluna ${at.column}): ${problem.what}.`, 'Confira vírgulas (nenhuma depois do último item), aspas duplas nos nomes e chaves fechadas. O JSON Schema está em schemas/tiss.config.schema.json.');
}

export interface ResolvedProfile {
  name: string | null;
  hashEncoding: HashEncoding | undefined;
  /** The operadora's schema version (`schemaVersion`), if the profile or the defaults name one. */
  schemaVersion: string | undefined;
  rules: RuleConfig;
  fields: Record<string, FieldCheck>;
}

/**
 * The settings for one message: the named profile (`--profile`), else the profile whose registroANS
 * lists the message's operadora, merged over `defaults`.
 */
export function resolveProfile(config: TissConfig | undefined, explicit: string | undefined, registroANS: string | null): ResolvedProfile {
  const defaults = config?.defaults;
  let name: string | null = null;
  if (explicit) {
    if (!config?.profiles[explicit]) {
      throw new TissError(`Perfil "${explicit}" não existe${config ? ` (perfis: ${Object.keys(config.profiles).join(', ') || 'nenhum'})` : ': nenhuma configuração carregada'}.`);
    }
    name = explicit;
  } else if (config && registroANS) {
    name = Object.entries(config.profiles).find(([, p]) => p.registroANS.includes(registroANS))?.[0] ?? null;
  }
  const profile = name ? config!.profiles[name] : undefined;
  return {
    name,
    hashEncoding: profile?.hashEncoding ?? defaults?.hashEncoding,
    schemaVersion: profile?.schemaVersion ?? defaults?.schemaVersion,
    rules: { ...(defaults?.rules ?? {}), ...(profile?.rules ?? {}) },
    fields: { ...(defaults?.fields ?? {}), ...(profile?.fields ?? {}) },
  };
}
