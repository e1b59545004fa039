import { availableParallelism } from 'node:os';
import { findVersion, loadManifest } from '../schemas/manifest.js';
import { TissError } from '../errors.js';
import { maxJobs } from '../batch/jobs.js';

/** `200MB`, `512k`, `1048576` → bytes. */
export function parseSize(s: string, name = '--max-size'): number {
  const m = /^\s*(\d+(?:[.,]\d+)?)\s*(b|k|kb|m|mb|g|gb)?\s*$/i.exec(String(s));
  if (!m) throw new TissError(`${name}: tamanho inválido: "${s}" (use, por exemplo, 200MB ou 512KB).`);
  const n = Number(m[1]!.replace(',', '.'));
  const unit = (m[2] ?? 'b').toLowerCase()[0];
  const factor = unit === 'g' ? 1024 ** 3 : unit === 'm' ? 1024 ** 2 : unit === 'k' ? 1024 : 1;
  return Math.floor(n * factor);
}

/** Colors only for text on a terminal, never with NO_COLOR, unless --color/--no-color says otherwise. */
export function useColor(flag: boolean | undefined, format: string, env: NodeJS.ProcessEnv = process.env, stream: { isTTY?: boolean } = process.stdout): boolean {
  if (format !== 'text') return false;
  if (flag !== undefined) return flag;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return Boolean(stream.isTTY);
}

/**
 * `--jobs N`: an integer from 1 up; above 4 × the cores it is lowered to that (with a note on stderr).
 * Anything else is a usage error: a typo must never validate nothing and exit 0 (issue 9, item 12).
 */
export function parseJobs(raw: unknown, note: (s: string) => void = (s) => process.stderr.write(s)): number {
  if (raw === undefined) return availableParallelism();
  const n = parseInteger(raw, '--jobs', 1);
  const cap = maxJobs();
  if (n > cap) {
    note(`nota: --jobs ${n} reduzido para ${cap} (4 × ${availableParallelism()} núcleos); mais arquivos ao mesmo tempo só gastariam memória.\n`);
    return cap;
  }
  return n;
}

/** An integer option (`--max-warnings`, `--jobs`), at least `min`; exit 2 in Portuguese otherwise. */
export function parseInteger(raw: unknown, name: string, min = 0): number {
  const text = String(raw).trim();
  if (!/^\d+$/.test(text) || Number(text) < min || !Number.isSafeInteger(Number(text))) {
    throw new TissError(`${name} precisa de um número inteiro${min > 0 ? ` a partir de ${min}` : ' (0 ou mais)'}; recebido: "${text}".`, `Exemplo: ${name} ${min > 0 ? 2 : 10}.`);
  }
  return Number(text);
}

/** `--max-memory`: `auto` (default) or a size (`2GB`, `512MB`). */
export function parseMemory(raw: string | undefined): 'auto' | number {
  if (raw === undefined || raw.trim().toLowerCase() === 'auto') return 'auto';
  const n = parseSize(raw, '--max-memory');
  if (n < 64 * 1024 * 1024) throw new TissError(`--max-memory ${raw} é pouco: o processo sozinho usa cerca de 100 MB.`, 'Use, por exemplo, --max-memory 1GB (ou auto).');
  return n;
}

/**
 * `--schema-version`: a standard version the manifest knows (`4.03.00`, or `monitoramento-1.06.00`'s
 * `1.06.00`). Whether it is installed is checked per message, with the install hint.
 */
export function parseSchemaVersion(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const v = raw.trim();
  if (!findVersion(v)) throw new TissError(`--schema-version ${raw}: versão desconhecida.`, `Versões conhecidas: ${loadManifest().versions.map((k) => k.id).join(', ')}.`);
  return v;
}
