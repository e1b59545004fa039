import { lstatSync, readlinkSync, statSync, type Stats } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { TissError } from '../errors.js';
import { describeFileType } from './bounded-read.js';
import { describeIoError } from './errors.js';

/**
 * What a path given to `-o`/`--write` is, and so how it may be written (issue 9, item 3):
 * - `new`: nothing there yet; a temp file beside it is renamed onto it;
 * - `replace`: a regular file with one name; replaced atomically, keeping its mode, owner and group;
 * - `in-place`: not a regular file (`/dev/null`, `/dev/stdout`, a FIFO, a terminal): written through,
 *   never replaced (renaming over `/dev/null` destroyed the system's device node).
 * A symbolic link is followed: the file it points at is what is written (the link stays a link).
 * A hard-linked file (several names) is refused: replacing it would split its names.
 */
export type OutputTarget =
  | { kind: 'new'; path: string }
  | { kind: 'replace'; path: string; stat: Stats }
  | { kind: 'in-place'; path: string; what: string };

const MAX_LINKS = 40;

export function classifyOutput(given: string): OutputTarget {
  let path = resolve(given);
  for (let hops = 0; ; hops++) {
    let st: Stats;
    try {
      st = lstatSync(path);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'new', path };
      throw new TissError(`Não foi possível gravar ${given}: ${describeIoError(e, 'write')}. Nada foi alterado no destino.`);
    }
    if (st.isSymbolicLink()) {
      if (hops >= MAX_LINKS) throw new TissError(`Não foi possível gravar ${given}: ${describeIoError({ code: 'ELOOP' }, 'write')}.`);
      // Where the link points, resolved from the link's own folder.
      path = resolve(dirname(path), readlinkSync(path));
      // A link to something that is not a regular file (/dev/stdout → /proc/self/fd/1 → pipe): write through the link.
      const final = statOrNull(given);
      if (final && !final.isFile() && !final.isDirectory()) return { kind: 'in-place', path: resolve(given), what: describeFileType(final) };
      continue;
    }
    if (st.isDirectory()) throw new TissError(`Não foi possível gravar ${given}: é uma pasta, não um arquivo.`, 'Indique o nome do arquivo de saída, ex.: -o relatorio.json.');
    if (!st.isFile()) return { kind: 'in-place', path, what: describeFileType(st) };
    if (st.nlink > 1) {
      throw new TissError(
        `${given} tem ${st.nlink} nomes (links físicos). Substituí-lo de forma atômica separaria esses nomes: ${given} passaria a ser outro arquivo e os demais nomes continuariam com o conteúdo antigo. Nada foi gravado.`,
        'Grave em outro arquivo (-o outro.xml) e substitua os nomes você mesmo, se for o caso.',
      );
    }
    return { kind: 'replace', path, stat: st };
  }
}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

/** `dev:ino` of what a path names (links followed), or null when it does not exist. */
export function fileKey(path: string | Buffer): string | null {
  const st = statOrNull(path as string);
  return st ? `${st.dev}:${st.ino}` : null;
}

/**
 * Refuses an output that is one of the inputs (the same file: same device and inode, so a symlink or a
 * hard link to an input counts), issue 9, item 5: `generate in.json -o in.json` replaced the input.
 */
export function refuseOutputOntoInput(output: string, inputs: Iterable<string | Buffer>, hint?: string): void {
  const out = fileKey(output);
  if (out === null) return;
  const st = statOrNull(output);
  if (st && !st.isFile()) return; // /dev/null, /dev/stdout: not a file anyone reads back
  for (const input of inputs) {
    if (fileKey(input) === out) {
      const name = typeof input === 'string' ? input : input.toString('latin1');
      throw new TissError(`A saída ${output} é o próprio arquivo de entrada ${name}${resolve(output) === resolve(name) ? '' : ' (um link para ele)'}: gravá-la apagaria a entrada. Nada foi gravado.`, hint ?? 'Indique com -o outro arquivo de saída.');
    }
  }
}
