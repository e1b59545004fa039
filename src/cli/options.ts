import { TissError } from '../errors.js';

/** `200MB`, `512k`, `1048576` → bytes. */
export function parseSize(s: string): number {
  const m = /^\s*(\d+(?:[.,]\d+)?)\s*(b|k|kb|m|mb|g|gb)?\s*$/i.exec(s);
  if (!m) throw new TissError(`Tamanho inválido: "${s}" (use, por exemplo, 200MB ou 512KB).`);
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
