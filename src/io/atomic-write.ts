import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { TissError } from '../errors.js';
import { describeIoError } from './errors.js';

/**
 * A file written so that a reader (or a crash) sees either the old file or the new one, never a
 * mix: the bytes go to a temp file in the same folder; `commit` fsyncs it and renames it over the
 * target (keeping the target's mode), then fsyncs the folder; `abort` removes the temp file.
 */
export class AtomicFile {
  private readonly tmp: string;
  private readonly fd: number;
  private open = true;

  constructor(readonly path: string) {
    let mode = 0o644;
    try {
      mode = statSync(path).mode & 0o7777;
    } catch {
      /* new file */
    }
    this.tmp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      this.fd = openSync(this.tmp, 'wx', mode);
    } catch (e) {
      throw new TissError(`Não foi possível gravar ${path}: ${describeIoError(e, 'write')}. Nada foi alterado no destino.`);
    }
  }

  write(data: Uint8Array | string): void {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    try {
      let off = 0;
      while (off < bytes.length) off += writeSync(this.fd, bytes, off, bytes.length - off);
    } catch (e) {
      this.abort();
      throw this.failure(e);
    }
  }

  commit(): void {
    if (!this.open) return;
    try {
      fsyncSync(this.fd);
    } catch (e) {
      this.abort();
      throw this.failure(e);
    }
    closeSync(this.fd);
    this.open = false;
    try {
      renameSync(this.tmp, this.path);
    } catch (e) {
      unlinkSync(this.tmp);
      throw this.failure(e);
    }
    try {
      const dfd = openSync(dirname(this.path), 'r');
      try {
        fsyncSync(dfd);
      } finally {
        closeSync(dfd);
      }
    } catch {
      /* some filesystems cannot fsync a folder; the rename is already done */
    }
  }

  /** What went wrong, for the user (exit 2); the target is unchanged. */
  private failure(e: unknown): TissError {
    return new TissError(`Não foi possível gravar ${this.path}: ${describeIoError(e, 'write')}. Nada foi alterado no destino.`);
  }

  abort(): void {
    if (!this.open) return;
    this.open = false;
    closeSync(this.fd);
    unlinkSync(this.tmp);
  }
}

/** Writes `data` to `path` atomically (see AtomicFile). */
export function writeFileAtomic(path: string, data: Uint8Array): void {
  const f = new AtomicFile(path);
  f.write(data);
  f.commit();
}
