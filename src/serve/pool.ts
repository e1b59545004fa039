import { WorkerPool } from '../batch/pool.js';
import type { Outcome } from '../batch/outcome.js';
import type { Task } from '../batch/task.js';

/** The pool is full: the caller answers 503 with Retry-After rather than queueing without bound. */
export class Busy extends Error {}
/** A file took longer than the request timeout: its worker was stopped. */
export class TimedOut extends Error {}

/**
 * The validation workers of `tiss serve`: the batch worker pool (batch/pool.ts, `--jobs` threads, started
 * as needed and kept), with at most `queue` files waiting beyond those being checked. A file that crashes
 * or hangs its worker costs only its own request: piscina replaces the worker, the process stays up.
 */
export class ValidationPool {
  private readonly pool: WorkerPool;
  private pending = 0;
  constructor(
    readonly jobs: number,
    private readonly queue: number,
    private readonly timeoutMs: number,
  ) {
    this.pool = new WorkerPool(jobs);
  }

  get load(): { running: number; waiting: number } {
    return { running: Math.min(this.pending, this.jobs), waiting: Math.max(0, this.pending - this.jobs) };
  }

  async run(task: Task): Promise<Outcome> {
    if (this.pending >= this.jobs + this.queue) throw new Busy();
    this.pending++;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    try {
      // The request's timeout counts its wait for a worker too (a full pool answers 503 before that).
      const [outcome] = await this.pool.run([task], { signal: controller.signal });
      return outcome!;
    } catch (e) {
      if (controller.signal.aborted) throw new TimedOut();
      throw e;
    } finally {
      clearTimeout(timer);
      this.pending--;
    }
  }

  async close(): Promise<void> {
    await this.pool.close();
  }
}
