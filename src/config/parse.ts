import { z } from 'zod';
import { TissError } from '../errors.js';
import { RULES } from '../rules/catalog.js';
import { readConfigFile } from './load.js';
import { configSchema, type TissConfig } from './schema.js';

/**
 * Reads and checks a config file: `explicit` (a path), else the nearest `tiss.config.json` or package.json
 * "tiss" key from `from` (a folder) up to the repository root (ConfigFinder), else none. A config that
 * does not match the contract is a TissError listing every problem, in Portuguese.
 */
export function loadConfig(explicit?: string, from = process.cwd()): { config: TissConfig; path: string; label: string } | null {
  const file = readConfigFile(explicit, from);
  return file ? { config: parseConfig(file.raw, file.label), path: file.path, label: file.label } : null;
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
