import { randomBytes } from 'node:crypto';
import { closeSync, fchmodSync, fchownSync, fsyncSync, openSync, readdirSync, renameSync, statSync, unlinkSync, writeSync, type Stats } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { isMainThread } from 'node:worker_threads';
import { TissError } from '../errors.js';
import { describeIoError } from './errors.js';
import { classifyOutput, type OutputTarget } from './output-target.js';

export interface AtomicOptions {
  /**
   * The target as it was read (its stat from the descriptor that read it): the commit is refused if
   * the file changed since (another program saved it while tiss ran), so that edit is never lost.
   */
  expect?: Stats;
}

/**
 * Temp files this process has open. While there is one, SIGINT/SIGTERM/SIGHUP remove them and exit with
 * the usual 128 + signal; at exit too. With none, signals keep their default (the handlers are removed),
 * so Ctrl-C stays immediate.
 */
const live = new Set<AtomicFile>();

const SIGNALS: [NodeJS.Signals, number][] = [
  ['SIGINT', 130],
  ['SIGTERM', 143],
  ['SIGHUP', 129],
];
const handlers = SIGNALS.map(([signal, code]) => [signal, () => {
  for (const f of live) f.abort();
  process.exit(code);
}] as const);
const onExit = (): void => {
  for (const f of live) f.abort();
};

function track(f: AtomicFile): void {
  if (live.size === 0 && isMainThread) {
    for (const [signal, h] of handlers) process.on(signal, h);
    process.on('exit', onExit);
  }
  live.add(f);
}

function untrack(f: AtomicFile): void {
  if (!live.delete(f) || live.size > 0 || !isMainThread) return;
  for (const [signal, h] of handlers) process.off(signal, h);
  process.off('exit', onExit);
}

// Test seam (test/write-safety.test.ts): wait this many ms before the commit's checks, so that a test can
// edit the target or send a signal meanwhile. Never set in use.
const PAUSE_MS = Number(process.env.TISS_TEST_PAUSE_BEFORE_COMMIT) || 0;

/** `.<name>.tiss-<pid>-<random>.tmp`: a later run can tell its own leftovers (and whose pid is gone). */
function tempName(target: string): string {
  return join(dirname(target), `.${basename(target)}.tiss-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
}

const LEFTOVER = /^\.(.+)\.tiss-(\d+)-[0-9a-f]{8}\.tmp$/;
const LEFTOVER_AGE_MS = 5_000;

/** Removes temp files a killed run (SIGKILL, power loss) left beside `target`: pid gone, older than a few seconds. */
export function removeLeftovers(target: string): string[] {
  const dir = dirname(target);
  const name = basename(target);
  const removed: string[] = [];
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return removed;
  }
  for (const e of entries) {
    const m = LEFTOVER.exec(e);
    if (!m || m[1] !== name) continue;
    const pid = Number(m[2]);
    if (pid === process.pid || alive(pid)) continue;
    const path = join(dir, e);
    try {
      if (Date.now() - statSync(path).mtimeMs < LEFTOVER_AGE_MS) continue;
      unlinkSync(path);
      removed.push(path);
    } catch {
      /* gone meanwhile, or not ours to remove */
    }
  }
  return removed;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A file written so that a reader (or a crash) sees either the old file or the new one, never a mix
 * (issue 9, items 3, 4, 6):
 * - a new or regular target: the bytes go to a temp file in the target's real folder, created with the
 *   target's mode (the umask does not apply), owner and group; `commit` fsyncs it, checks that the
 *   target is still the file that was read (`expect`), renames it over the target and fsyncs the folder;
 * - a symlink: the file it points at is replaced; the link stays;
 * - a device, FIFO or terminal (`/dev/null`, `/dev/stdout`): written in place, never replaced;
 * - a hard-linked target: refused (see classifyOutput).
 * `abort` (also on SIGINT/SIGTERM/SIGHUP and at exit) removes the temp file.
 */
export class AtomicFile {
  private readonly target: OutputTarget;
  private readonly tmp: string | null;
  private readonly fd: number;
  private open = true;

  constructor(
    readonly path: string,
    private readonly options: AtomicOptions = {},
  ) {
    this.target = classifyOutput(path);
    if (this.target.kind === 'in-place') {
      this.tmp = null;
      try {
        this.fd = openSync(this.target.path, 'w');
      } catch (e) {
        throw this.failure(e);
      }
      return;
    }
    removeLeftovers(this.target.path);
    this.tmp = tempName(this.target.path);
    // Tracked (signal handlers in place) before the temp file exists: a signal that comes just after it is
    // created must find the handler that removes it, not the default action that leaves it behind (seen
    // under load: SIGTERM right after the open killed the run with the .tmp on disk).
    track(this);
    try {
      this.fd = openSync(this.tmp, 'wx', this.target.kind === 'replace' ? 0o600 : 0o666);
    } catch (e) {
      untrack(this);
      throw this.failure(e);
    }
    if (this.target.kind === 'replace') {
      const st = this.target.stat;
      try {
        // The mode exactly (0664 stays 0664: the umask applied to the temp file only).
        fchmodSync(this.fd, st.mode & 0o7777);
      } catch (e) {
        this.abort();
        throw this.failure(e);
      }
      try {
        fchownSync(this.fd, st.uid, st.gid);
      } catch {
        // Only root (or the owner, for the group) may chown: a user rewriting their own file keeps it theirs.
      }
    }
  }

  write(data: Uint8Array | string): void {
    if (!this.open) return;
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    try {
      let off = 0;
      while (off < bytes.length) off += writeSync(this.fd, bytes, off, bytes.length - off);
    } catch (e) {
      this.abort();
      // A pipe whose reader went away (`-o /dev/stdout | head`): not a failure to explain; the CLI ends quietly.
      if ((e as NodeJS.ErrnoException).code === 'EPIPE') throw e;
      throw this.failure(e);
    }
  }

  commit(): void {
    if (!this.open) return;
    if (this.tmp === null) {
      this.open = false;
      closeSync(this.fd);
      return;
    }
    try {
      fsyncSync(this.fd);
    } catch (e) {
      this.abort();
      throw this.failure(e);
    }
    if (PAUSE_MS > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, PAUSE_MS);
    const changed = this.changedSinceRead();
    if (changed) {
      this.abort();
      throw new TissError(`${this.path} foi alterado por outro programa enquanto o tiss trabalhava (${changed}). Nada foi gravado: a alteração feita no arquivo foi mantida.`, 'Rode o comando de novo sobre o arquivo atual.');
    }
    closeSync(this.fd);
    this.open = false;
    try {
      renameSync(this.tmp, this.target.path);
    } catch (e) {
      try {
        unlinkSync(this.tmp);
      } catch {
        /* already gone */
      }
      throw this.failure(e);
    } finally {
      untrack(this);
    }
    try {
      const dfd = openSync(dirname(this.target.path), 'r');
      try {
        fsyncSync(dfd);
      } finally {
        closeSync(dfd);
      }
    } catch {
      /* some filesystems cannot fsync a folder; the rename is already done */
    }
  }

  /** What differs between the target now and the file that was read, or null (also when nothing was read). */
  private changedSinceRead(): string | null {
    const was = this.options.expect;
    if (!was) return null;
    let now: Stats;
    try {
      now = statSync(this.target.path);
    } catch {
      return 'o arquivo foi removido ou renomeado';
    }
    if (now.dev !== was.dev || now.ino !== was.ino) return 'o arquivo foi substituído por outro';
    if (now.size !== was.size) return `o tamanho mudou de ${was.size} para ${now.size} bytes`;
    if (now.mtimeMs !== was.mtimeMs || now.ctimeMs !== was.ctimeMs) return 'a data de modificação mudou';
    return null;
  }

  /** What went wrong, for the user (exit 2); the target is unchanged. */
  private failure(e: unknown): TissError {
    return new TissError(`Não foi possível gravar ${this.path}: ${describeIoError(e, 'write')}. Nada foi alterado no destino.`);
  }

  abort(): void {
    if (!this.open) return;
    this.open = false;
    try {
      closeSync(this.fd);
    } catch {
      /* already closed */
    }
    if (this.tmp !== null) {
      try {
        unlinkSync(this.tmp);
      } catch {
        /* already gone */
      }
    }
    untrack(this);
  }
}

/** Writes `data` to `path` atomically (see AtomicFile). */
export function writeFileAtomic(path: string, data: Uint8Array, options: AtomicOptions = {}): void {
  const f = new AtomicFile(path, options);
  f.write(data);
  f.commit();
}
