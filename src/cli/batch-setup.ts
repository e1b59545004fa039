import { availableParallelism } from 'node:os';
import { dirname } from 'node:path';
import type { Argv } from 'yargs';
import type { BatchInput } from '../batch/task.js';
import { TissError } from '../errors.js';
import { defaultMemoryBudget } from '../xml/budget.js';
import { resolveRunConfigs, type LoadedConfig } from './config.js';
import { expandInputs, readStdin, STDIN, type ExpandedInputs } from './inputs.js';
import { parseJobs, parseMemory, parseSize } from './options.js';
import { maxJobs } from '../batch/jobs.js';

/** The options `tiss validate` and `tiss report` share: what files, which config, how many at once. */
export interface BatchArgs {
  entradas: string[];
  jobs?: string;
  config?: string;
  profile?: string;
  schemas?: string;
  'max-size': string;
  'max-memory'?: string;
  'print-config'?: boolean;
}

/** Declares the shared options on a validate/report command (one wording for both helps). */
export function batchOptions<T>(c: Argv<T>): Argv<T> {
  return c
    .option('jobs', { alias: 'j', type: 'string', requiresArg: true, describe: `Arquivos conferidos em paralelo, número inteiro (padrão: ${availableParallelism()}, o número de núcleos; no máximo ${maxJobs()})` })
    .option('config', { alias: 'c', type: 'string', describe: 'Arquivo de configuração para todos os arquivos (padrão: o tiss.config.json, ou a chave "tiss" de um package.json, mais próximo de cada arquivo, subindo de pasta até a raiz do repositório)' })
    .option('profile', { alias: 'p', type: 'string', describe: 'Perfil de operadora a aplicar (padrão: escolhido pelo registro ANS de destino)' })
    .option('print-config', { type: 'boolean', describe: 'Não confere: mostra em JSON a configuração que vale para o arquivo indicado (arquivo de configuração, perfil e regras)' })
    .option('schemas', { type: 'string', describe: 'Pasta dos XSDs (senão TISS_SCHEMAS_DIR, senão o repositório local)' })
    .option('max-size', { type: 'string', default: '200MB', describe: 'Tamanho máximo de arquivo (ex.: 50MB)' })
    .option('max-memory', { type: 'string', describe: 'Memória máxima para conferir um arquivo (ex.: 1GB; padrão auto: metade da memória disponível por arquivo em paralelo, no máximo 2GB)' });
}

export interface PreparedBatch extends ExpandedInputs {
  jobs: number;
  maxSize: number;
  maxMemory: number;
  /** The inputs for runBatch, each with the config that applies to it. */
  inputs: BatchInput[];
  /** Standard input's bytes, when `-` is among the inputs. */
  stdinBytes: Buffer | null;
  /** Every config the run uses (a report written over one of them is refused). */
  configs: LoadedConfig[];
}

/** The folder a file's config is searched from: its own; standard input's is the current one. */
export function configFolderOf(file: string): string {
  return file === STDIN ? process.cwd() : dirname(file);
}

/**
 * The setup of a validate/report run: options checked (exit 2 before any file is read), inputs expanded,
 * each input's config resolved (`--config` for all, else discovered per folder), standard input read.
 */
export async function prepareBatch(args: BatchArgs): Promise<PreparedBatch> {
  const maxSize = parseSize(args['max-size']);
  const jobs = parseJobs(args.jobs);
  const memory = parseMemory(args['max-memory']);
  const maxMemory = memory === 'auto' ? defaultMemoryBudget(jobs) : memory;
  const expanded = await expandInputs(args.entradas);
  const configs = await resolveRunConfigs(args.config, expanded.files.map(configFolderOf));
  if (args.profile) {
    for (const c of configs.all) {
      if (!c.config.profiles[args.profile]) {
        throw new TissError(`Perfil "${args.profile}" não existe em ${c.label} (perfis: ${Object.keys(c.config.profiles).join(', ') || 'nenhum'}).`, 'Confira o nome do perfil, ou qual configuração vale para cada arquivo com --print-config.');
      }
    }
  }
  const stdinBytes = expanded.files.includes(STDIN) ? await readStdin(maxSize) : null;
  const inputs = expanded.files.map((file): BatchInput => {
    const config = configs.forFolder(configFolderOf(file))?.config;
    const raw = expanded.rawPaths.get(file);
    return { file, ...(file === STDIN ? { bytes: stdinBytes! } : raw ? { path: raw } : {}), ...(config ? { config } : {}) };
  });
  return { ...expanded, jobs, maxSize, maxMemory, inputs, stdinBytes, configs: configs.all };
}

/** The files a report must not be written over: the inputs read from disk and the configs. */
export function protectedPaths(batch: PreparedBatch): (string | Buffer)[] {
  return [...batch.files.filter((f) => f !== STDIN).map((f) => batch.rawPaths.get(f) ?? f), ...batch.configs.map((c) => c.path)];
}
