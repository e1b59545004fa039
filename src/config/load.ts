import { existsSync, statSync } from 'node:fs';
import { jsonSyntaxProblem, parseJsoncText } from '../io/json-syntax.js';
import { readFileBounded } from '../io/bounded-read.js';
import { describeIoError } from '../io/errors.js';
import { lineColumn, lineStartsOf } from '../xml/lines.js';
import { dirname, join, resolve } from 'node:path';
import { TissError } from '../errors.js';
import type { RuleConfig } from '../rules/types.js';
import type { HashEncoding } from '../hash/report.js';
import type { FieldCheck, TissConfig } from './schema.js';

export const CONFIG_FILE = 'tiss.config.json';
/** The key of a package.json that holds a tiss config (as "prettier" or "eslintConfig"). */
export const PACKAGE_KEY = 'tiss';

/** A config file as read (JSON, not yet checked against the contract). */
export interface ConfigFile {
  raw: unknown;
  /** The file on disk (tiss.config.json, or the package.json that holds the "tiss" key). */
  path: string;
  /** What messages name: the path, or `…/package.json#tiss`. */
  label: string;
}

/**
 * Reads a config: `--config PATH` (tiss.config.json syntax, whatever its name), else the nearest one
 * from `cwd` up (see ConfigFinder), else none. Its contract is checked by parseConfig (parse.ts), which
 * loads zod: a run without a config never does (zod's start-up costs ~20 ms of every command).
 */
export function readConfigFile(explicit?: string, cwd = process.cwd()): ConfigFile | null {
  if (explicit) {
    const path = resolve(explicit);
    if (!existsSync(path)) throw new TissError(`Arquivo de configuração não encontrado: ${path}`);
    return readTissConfig(path);
  }
  return new ConfigFinder().from(cwd);
}

/**
 * Config discovery, as ESLint and Prettier do it: from a file's folder up to the file system's root,
 * the nearest folder with a `tiss.config.json` or a `package.json` with a "tiss" key wins. The walk
 * stops at the repository root (a folder holding `.git`, folder or file), so a config above a
 * checkout never leaks into it. A folder with both is refused as ambiguous (TissError): one of them
 * would be silently ignored. A package.json without the key is skipped; one that is not valid JSON is
 * an error (its "tiss" key cannot be known), as in ESLint and Prettier.
 *
 * Answers are cached per folder (and for every folder on the way up), so a batch of thousands of files
 * in one folder reads each config once.
 */
export class ConfigFinder {
  private readonly byFolder = new Map<string, ConfigFile | null>();

  /** The config that applies to the files of `folder`, or null. */
  from(folder: string): ConfigFile | null {
    const walked: string[] = [];
    let found: ConfigFile | null;
    for (let dir = resolve(folder); ; ) {
      const cached = this.byFolder.get(dir);
      if (cached !== undefined) {
        found = cached;
        break;
      }
      walked.push(dir);
      found = configIn(dir);
      const parent = dirname(dir);
      if (found || parent === dir || existsSync(join(dir, '.git'))) break;
      dir = parent;
    }
    for (const dir of walked) this.byFolder.set(dir, found);
    return found;
  }
}

/** The config a folder itself holds: its tiss.config.json or its package.json's "tiss" key. */
function configIn(dir: string): ConfigFile | null {
  const own = join(dir, CONFIG_FILE);
  const pkg = packageKey(join(dir, 'package.json'));
  if (!existsSync(own)) return pkg;
  if (pkg) {
    throw new TissError(
      `A pasta ${dir} tem duas configurações do tiss: ${CONFIG_FILE} e a chave "${PACKAGE_KEY}" do package.json; não se sabe qual vale.`,
      `Mantenha uma só (apague a chave "${PACKAGE_KEY}" do package.json ou o ${CONFIG_FILE}), ou indique qual usar com --config.`,
    );
  }
  return readTissConfig(own);
}

/** The "tiss" key of a package.json, or null when there is no such file or key. */
function packageKey(path: string): ConfigFile | null {
  try {
    if (!statSync(path).isFile()) return null;
  } catch {
    return null;
  }
  const text = readText(path, 'package.json');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    const problem = jsonSyntaxProblem(text, 'o arquivo está vazio ou não é JSON');
    const at = lineColumn(lineStartsOf(text), problem.offset);
    throw new TissError(
      `${path}:${at.line}:${at.column}: o package.json não é JSON válido (linha ${at.line}, coluna ${at.column}): ${problem.what}. O tiss procura a chave "${PACKAGE_KEY}" nos package.json das pastas do arquivo conferido até a raiz do repositório.`,
      'Corrija o package.json, ou indique a configuração com --config (a busca não é feita).',
    );
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw) || !Object.hasOwn(raw, PACKAGE_KEY)) return null;
  return { raw: (raw as Record<string, unknown>)[PACKAGE_KEY], path, label: `${path}#${PACKAGE_KEY}` };
}

/** A tiss.config.json (or a --config file): JSON with comments allowed (JSONC, as tsconfig.json). */
function readTissConfig(path: string): ConfigFile {
  const text = readText(path, 'configuração');
  const parsed = parseJsoncText(text, 'o arquivo está vazio ou não é JSON');
  if ('problem' in parsed) {
    const at = lineColumn(lineStartsOf(text), parsed.problem.offset);
    throw new TissError(
      `${path}:${at.line}:${at.column}: a configuração não é JSON válido (linha ${at.line}, coluna ${at.column}): ${parsed.problem.what}.`,
      'Confira vírgulas, aspas duplas nos nomes e chaves fechadas; comentários // e /* */ são aceitos. O JSON Schema está em schemas/tiss.config.schema.json.',
    );
  }
  return { raw: parsed.value, path, label: path };
}

const MAX_CONFIG_SIZE = 4 * 1024 * 1024;

/** A config file's text, bounded like every input: a FIFO, /dev/zero or a folder is refused, never read forever. */
function readText(path: string, what: 'configuração' | 'package.json'): string {
  const name = what === 'configuração' ? `O arquivo de configuração ${path}` : `O arquivo ${path}`;
  const read = readFileBounded(path, MAX_CONFIG_SIZE);
  if (read.kind === 'not-regular') throw new TissError(`${name} é ${read.what}, não um arquivo JSON.`, 'Indique com -c o caminho do tiss.config.json.');
  if (read.kind === 'too-large') throw new TissError(`${name} tem mais de ${MAX_CONFIG_SIZE / 1024 / 1024} MB; uma configuração de perfis tem poucos KB.`, 'Confira se -c aponta para o tiss.config.json.');
  if (read.kind === 'error') throw new TissError(`Não foi possível ler ${what === 'configuração' ? 'o arquivo de configuração' : 'o arquivo'} ${path}: ${describeIoError(read.error)}`);
  return decodeConfig(read.bytes, path);
}

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
