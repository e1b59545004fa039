import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';

/**
 * Reading an input without trusting what the file system says about it (issue 9, item 11): a FIFO
 * would block forever, `/dev/zero` never ends, and `stat().size` is 0 for both. So:
 * - the file is opened non-blocking (a FIFO with no writer does not hang the open) and checked with
 *   fstat on the same descriptor (no race with a second path lookup);
 * - only regular files are read (a FIFO, a device or a socket given as a file is refused; standard input
 *   has its own bounded reader);
 * - the bytes actually read are counted, and reading stops one byte past the limit.
 */
export type BoundedRead =
  | { kind: 'ok'; bytes: Buffer; stat: Stats }
  /** `size`: bytes known (the file's size, or at least what was read before stopping). */
  | { kind: 'too-large'; size: number; limit: number }
  | { kind: 'not-regular'; what: string }
  | { kind: 'error'; error: unknown };

const CHUNK = 1 << 20;

/** What a non-regular file is, in Portuguese. */
export function describeFileType(st: Stats): string {
  if (st.isFIFO()) return 'um pipe nomeado (FIFO)';
  if (st.isCharacterDevice()) return 'um dispositivo de caracteres';
  if (st.isBlockDevice()) return 'um dispositivo de blocos';
  if (st.isSocket()) return 'um socket';
  if (st.isDirectory()) return 'uma pasta';
  return 'um arquivo especial';
}

export function readFileBounded(path: string | Buffer, limit: number): BoundedRead {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (error) {
    return { kind: 'error', error };
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return { kind: 'not-regular', what: describeFileType(stat) };
    if (stat.size > limit) return { kind: 'too-large', size: stat.size, limit };
    // The size is a hint (the file may grow while it is read): read until the end, never past the limit.
    let buf = Buffer.allocUnsafe(Math.min(limit + 1, Math.max(stat.size + 1, 1)));
    let total = 0;
    for (;;) {
      if (total === buf.length) {
        if (total > limit) return { kind: 'too-large', size: total, limit };
        const bigger = Buffer.allocUnsafe(Math.min(limit + 1, buf.length + Math.max(CHUNK, buf.length)));
        buf.copy(bigger, 0, 0, total);
        buf = bigger;
      }
      const n = readSync(fd, buf, total, buf.length - total, null);
      if (n === 0) break;
      total += n;
    }
    if (total > limit) return { kind: 'too-large', size: total, limit };
    return { kind: 'ok', bytes: total === buf.length ? buf : buf.subarray(0, total), stat };
  } catch (error) {
    return { kind: 'error', error };
  } finally {
    closeSync(fd);
  }
}

/** Reads a stream (standard input) up to `limit` bytes; more is `too-large` (reading stops there). */
export async function readStreamBounded(stream: AsyncIterable<Buffer | string>, limit: number): Promise<{ kind: 'ok'; bytes: Buffer } | { kind: 'too-large'; size: number; limit: number }> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    total += b.length;
    if (total > limit) return { kind: 'too-large', size: total, limit };
    chunks.push(b);
  }
  return { kind: 'ok', bytes: Buffer.concat(chunks, total) };
}
