import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Piscina } from 'piscina';
import { PACKAGE_ROOT } from '../package-root.js';
import type { Outcome } from './outcome.js';
import type { Task } from './task.js';

export function workerFile(): string {
  // Always the compiled worker (from dist/, the bundled CLI and the TypeScript sources of the tests): the
  // bundled one when the build made it (one module to load per worker instead of ~150).
  const bundled = join(PACKAGE_ROOT, 'dist', 'bundle', 'worker.js');
  return existsSync(bundled) ? bundled : join(PACKAGE_ROOT, 'dist', 'batch', 'worker.js');
}

/** A task still running after its `timeoutMs`: its worker was stopped (piscina starts another). */
export class WorkerTimeout extends Error {
  constructor(readonly timeoutMs: number) {
    super(`tempo esgotado após ${Math.round(timeoutMs / 1000)} s`);
  }
}

/**
 * The validation workers (batch/worker.ts), the one pool every caller uses: `tiss validate` and `report`
 * (runBatch, for one run), `tiss serve` (for the life of the server) and the library's async API (for the
 * life of the process). Threads start lazily, on the first task, up to `jobs`; piscina unrefs a worker with
 * nothing to do, so an idle pool never keeps the process alive, and stops it after `idleTimeoutMs`.
 * piscina, not tinypool: measured here, tinypool left a task pending forever when its worker died; piscina
 * rejects it at once and starts another worker. At most `jobs` tasks are handed to piscina at a time, the
 * others wait here, so that a task's `timeoutMs` counts its own run, not the wait behind other callers' tasks
 * (a server's concurrent calls share the pool).
 */
export class WorkerPool {
  private pool: Piscina | null = null;
  private created = 0;
  private busy = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    readonly jobs: number,
    private readonly idleTimeoutMs = 60_000,
  ) {}

  /** Worker threads alive now. */
  get threads(): number {
    return this.pool?.threads.length ?? 0;
  }

  /** Worker threads started since this pool was created (a replaced or an idle-stopped one counts again). */
  get started(): number {
    return this.created;
  }

  /**
   * Validates a chunk of files in one worker. Rejects when the worker dies, with WorkerTimeout when it runs
   * past `timeoutMs` (counted from when a worker takes it), and with the signal's reason when it aborts.
   */
  async run(tasks: Task[], options: { signal?: AbortSignal; timeoutMs?: number } = {}): Promise<Outcome[]> {
    const { signal, timeoutMs } = options;
    await this.acquire(signal);
    const timer = new AbortController();
    const timeout = timeoutMs === undefined ? null : setTimeout(() => timer.abort(), timeoutMs);
    try {
      if (!this.pool) {
        this.pool = new Piscina({ filename: workerFile(), minThreads: 0, maxThreads: this.jobs, idleTimeout: this.idleTimeoutMs });
        this.pool.on('workerCreate', () => this.created++);
      }
      return (await this.pool.run(tasks.map(ownBytes), { signal: signal ? AbortSignal.any([timer.signal, signal]) : timer.signal })) as Outcome[];
    } catch (e) {
      if (timer.signal.aborted && !signal?.aborted) throw new WorkerTimeout(timeoutMs!);
      throw e;
    } finally {
      if (timeout) clearTimeout(timeout);
      this.release();
    }
  }

  /** A place among the `jobs` tasks running; rejects with the signal's reason if it aborts first. */
  private acquire(signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    if (this.busy < this.jobs) {
      this.busy++;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        const i = this.waiting.indexOf(take);
        if (i >= 0) this.waiting.splice(i, 1);
        // An abort rejects with the signal's own reason (an AbortError unless the caller gave one), as fetch does.
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
        reject(signal!.reason);
      };
      const take = (): void => {
        signal?.removeEventListener('abort', onAbort);
        this.busy++;
        resolve();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(take);
    });
  }

  private release(): void {
    this.busy--;
    this.waiting.shift()?.();
  }

  /** Stops the workers (a task still running rejects); a later `run` starts them again. */
  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = null;
    await pool?.destroy();
  }
}

/**
 * A task whose bytes are a view into a larger buffer (a Buffer from Node's pool, a slice of an upload)
 * travels with a copy of just those bytes: the structured clone to the worker copies a view's whole buffer.
 */
function ownBytes(task: Task): Task {
  const b = task.bytes;
  if (b === undefined || typeof b === 'string' || (b.byteOffset === 0 && b.byteLength === b.buffer.byteLength)) return task;
  return { ...task, bytes: new Uint8Array(b) };
}
