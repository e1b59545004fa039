import { TissError } from '../errors.js';
import { zipMembers } from '../io/zip.js';

/**
 * The .xml members of a ZIP of lotes sent to `tiss serve`: only those no larger (by their header) than
 * `maxSize`, at most `maxFiles` (io/zip.ts, as `tiss schemas install` reads the ANS ZIP). Folders in the
 * ZIP are dropped from the names.
 */
export function xmlMembers(zip: Uint8Array, maxSize: number, maxFiles: number): { file: string; bytes: Buffer }[] {
  let count = 0;
  let members: [string, Uint8Array][];
  try {
    members = zipMembers(zip, (name, size) => {
      if (!/\.xml$/i.test(name) || size > maxSize) return false;
      count++;
      return count <= maxFiles;
    });
  } catch (e) {
    throw new TissError(`O ZIP não pôde ser lido: ${(e as Error).message}.`);
  }
  if (count > maxFiles) throw new TissError(`O ZIP tem mais de ${maxFiles} arquivos .xml.`);
  const out = members.map(([name, bytes]) => ({ file: name.replace(/^.*[\\/]/, '').slice(0, 200), bytes: Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, maxSize)) }));
  if (out.length === 0) throw new TissError('O ZIP não tem nenhum arquivo .xml.');
  return out;
}
