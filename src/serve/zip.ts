import { createRequire } from 'node:module';
import { TissError } from '../errors.js';

/**
 * The .xml members of a ZIP of lotes sent to `tiss serve`: only those no larger (by their header) than
 * `maxSize`, at most `maxFiles`, inflated into buffers of their declared size (fflate, as `tiss schemas
 * install` reads the ANS ZIP). Folders in the ZIP are dropped from the names.
 */
export function xmlMembers(zip: Uint8Array, maxSize: number, maxFiles: number): { file: string; bytes: Buffer }[] {
  const { unzipSync } = createRequire(import.meta.url)('fflate') as typeof import('fflate');
  let count = 0;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(zip, {
      filter: (f) => {
        if (!/\.xml$/i.test(f.name) || f.originalSize > maxSize) return false;
        count++;
        return count <= maxFiles;
      },
    });
  } catch (e) {
    throw new TissError(`O ZIP não pôde ser lido: ${(e as Error).message}.`);
  }
  if (count > maxFiles) throw new TissError(`O ZIP tem mais de ${maxFiles} arquivos .xml.`);
  const out = Object.entries(files).map(([name, bytes]) => ({ file: name.replace(/^.*[\\/]/, '').slice(0, 200), bytes: Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, maxSize)) }));
  if (out.length === 0) throw new TissError('O ZIP não tem nenhum arquivo .xml.');
  return out;
}
