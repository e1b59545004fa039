import { ConfigFinder, readConfigFile, type ConfigFile } from '../config/load.js';
import type { TissConfig } from '../config/schema.js';

export interface LoadedConfig {
  config: TissConfig;
  /** The file on disk (tiss.config.json, or the package.json that holds the "tiss" key). */
  path: string;
  /** What messages name: the path, or `…/package.json#tiss`. */
  label: string;
}

/** Checks read configs against their contract, loading zod only now (a run without a config never pays its ~20 ms start-up). */
async function parseAll(files: ConfigFile[]): Promise<LoadedConfig[]> {
  if (files.length === 0) return [];
  const { parseConfig } = await import('../config/parse.js');
  return files.map((f) => ({ config: parseConfig(f.raw, f.label), path: f.path, label: f.label }));
}

/**
 * The one config of a command that has no input files to start from (generate's input, serve): `--config
 * PATH`, else the nearest one from `from` (a folder; default the current one) up to the repository root.
 */
export async function loadConfigOnNeed(explicit?: string, from = process.cwd()): Promise<LoadedConfig | null> {
  const file = readConfigFile(explicit, from);
  return file ? (await parseAll([file]))[0]! : null;
}

/** The configs of a run over many files: which one applies to the files of each folder. */
export interface RunConfigs {
  /** The config for the files of `folder` (one of the folders it was resolved for), or null. */
  forFolder(folder: string): LoadedConfig | null;
  /** Every config the run uses (each once). */
  all: LoadedConfig[];
}

/**
 * Resolves the configs of a run: `--config PATH` for every file; otherwise, per folder, the nearest
 * tiss.config.json or package.json "tiss" key (config/load.ts, ConfigFinder), each file read and checked
 * once however many files share it. Every folder is resolved here, before any file is validated: a bad
 * config anywhere is exit 2 before the report starts.
 */
export async function resolveRunConfigs(explicit: string | undefined, folders: Iterable<string>): Promise<RunConfigs> {
  if (explicit) {
    const [loaded] = await parseAll([readConfigFile(explicit)!]);
    return { forFolder: () => loaded!, all: [loaded!] };
  }
  const finder = new ConfigFinder();
  const byFolder = new Map<string, ConfigFile | null>();
  const files = new Map<string, ConfigFile>();
  for (const folder of folders) {
    if (byFolder.has(folder)) continue;
    const found = finder.from(folder);
    byFolder.set(folder, found);
    if (found) files.set(found.label, found);
  }
  const loaded = await parseAll([...files.values()]);
  const byLabel = new Map(loaded.map((l) => [l.label, l]));
  return {
    forFolder: (folder) => {
      const file = byFolder.get(folder);
      if (file === undefined) throw new Error(`configuração não resolvida para a pasta ${folder}`);
      return file ? byLabel.get(file.label)! : null;
    },
    all: loaded,
  };
}
