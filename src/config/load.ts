import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { TissError } from '../errors.js';
import { RULES } from '../rules/catalog.js';
import type { RuleConfig } from '../rules/types.js';
import type { HashEncoding } from '../hash/canonical.js';
import { z } from 'zod';
import { configSchema, type FieldCheck, type TissConfig } from './schema.js';

export const CONFIG_FILE = 'tiss.config.json';

/**
 * Reads and checks a config file: `--config PATH`, else `tiss.config.json` in the current folder, else
 * none. A config that does not match the contract is a TissError listing every problem, in Portuguese.
 */
export function loadConfig(explicit?: string, cwd = process.cwd()): { config: TissConfig; path: string } | null {
  const path = explicit ? resolve(explicit) : resolve(cwd, CONFIG_FILE);
  if (!existsSync(path)) {
    if (explicit) throw new TissError(`Arquivo de configuração não encontrado: ${path}`);
    return null;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new TissError(`${path} não é JSON válido: ${(e as Error).message}`);
  }
  return { config: parseConfig(raw, path), path };
}

export function parseConfig(raw: unknown, label = 'configuração'): TissConfig {
  // Portuguese messages for this parse only (no global zod setting for library users).
  const parsed = configSchema.safeParse(raw, { error: z.locales.ptBR().localeError });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => {
      const nested = 'issues' in i && Array.isArray(i.issues) ? ` (${(i.issues as { message: string }[]).map((n) => n.message).join('; ')})` : '';
      return `${i.path.join('.') || '(raiz)'}: ${i.message}${nested}`;
    });
    throw new TissError(`Configuração inválida em ${label}:\n  - ${problems.join('\n  - ')}`, 'Veja o JSON Schema em schemas/tiss.config.schema.json.');
  }
  const known = new Set(RULES.map((r) => r.meta.id));
  const unknown = [parsed.data.defaults?.rules ?? {}, ...Object.values(parsed.data.profiles).map((p) => p.rules)].flatMap((r) => Object.keys(r)).filter((id) => !known.has(id));
  if (unknown.length > 0) throw new TissError(`Configuração em ${label} cita regras que não existem: ${[...new Set(unknown)].join(', ')}.`, 'Use "tiss rules" para ver os ids.');
  return parsed.data;
}

export interface ResolvedProfile {
  name: string | null;
  hashEncoding: HashEncoding | undefined;
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
    rules: { ...(defaults?.rules ?? {}), ...(profile?.rules ?? {}) },
    fields: { ...(defaults?.fields ?? {}), ...(profile?.fields ?? {}) },
  };
}
