import { readConfigFile } from '../config/load.js';
import type { TissConfig } from '../config/schema.js';

/**
 * The config of a validate or report run: read as JSON, then checked against its contract with zod,
 * which is loaded only when there is a config (a run without one never pays zod's ~20 ms start-up).
 */
export async function loadConfigOnNeed(explicit?: string): Promise<{ config: TissConfig; path: string } | null> {
  const file = readConfigFile(explicit);
  if (!file) return null;
  const { parseConfig } = await import('../config/parse.js');
  return { config: parseConfig(file.raw, file.path), path: file.path };
}
