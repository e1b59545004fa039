import { availableParallelism } from 'node:os';
import { TissError } from '../errors.js';
import type { ValidateOptions, ValidationResult } from '../validate/index.js';
import { crashResult, unreadableResult, type Outcome } from './outcome.js';
import { WorkerPool, WorkerTimeout } from './pool.js';
import { DEFAULT_TIMEOUT_MS, runBatch } from './run.js';
import type { Task } from './task.js';
import { checkedJobs, maxJobs } from './jobs.js';

/**
 * The library's async API (issue 13): validate() off the main thread, on the workers `tiss validate` and
 * `tiss serve` use (batch/pool.ts). The pool starts on the first call and is kept; idle workers do not keep
 * the process alive, so a script need not close it and a server pays the workers' start-up once.
 */

export interface ValidatorOptions {
  /** Worker threads, at most (default: the number of cores, as `tiss validate --jobs`). */
  jobs?: number;
}

export interface AsyncValidateOptions extends ValidateOptions {
  /**
   * A file still being checked after this long (counted from when a worker takes it, not while it waits
   * behind other calls) is abandoned; its result is a TISS-INTERNAL finding (default 120 s).
   */
  timeoutMs?: number;
  /** Abandons the call: its promise rejects (its iterator throws) with the signal's reason. */
  signal?: AbortSignal;
}

/** validateFiles' options: each result's `file` is its path. */
export type ValidateFilesOptions = Omit<AsyncValidateOptions, 'file'>;

export interface Validator {
  /** The most worker threads it runs. */
  readonly jobs: number;
  /** Worker threads alive now (0 before the first call, and once idle ones have stopped). */
  readonly threads: number;
  /** Worker threads started so far (a crashed or an idle-stopped worker's replacement counts again). */
  readonly workersStarted: number;
  /** validate() in a worker: the same ValidationResult; rejects only with a TissError (setup) or the signal's reason. */
  validateAsync(input: Uint8Array | string, options?: AsyncValidateOptions): Promise<ValidationResult>;
  /** Reads and validates the files in the workers; the results in input order (an unreadable file is a TISS-INPUT-UNREADABLE result). */
  validateFiles(paths: readonly string[], options?: ValidateFilesOptions): Promise<ValidationResult[]>;
  /** validateFiles as an async iterable, in input order: only a few chunks of results are held at a time however many paths. */
  validateFilesIter(paths: readonly string[], options?: ValidateFilesOptions): AsyncGenerator<ValidationResult, void, undefined>;
  /** Stops the workers now (a call still running rejects); a later call starts them again. Never required. */
  close(): Promise<void>;
}

/** Results the iterator holds ahead of its reader before the workers wait for it. */
const READ_AHEAD = 64;

/** The validate() options a worker gets: only these (a stray field, a function, would not cross to the thread). */
const WORKER_OPTIONS = { schemas: true, hashEncoding: true, maxSize: true, maxMemory: true, rules: true, config: true, profile: true, today: true, tabelas: true, schemaVersion: true, engine: true } as const satisfies Record<keyof Omit<ValidateOptions, 'file'>, true>;

function workerOptions(options: ValidateOptions): Task['options'] {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(WORKER_OPTIONS)) {
    const value = (options as Record<string, unknown>)[key];
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/** The thread count `jobs` asks for: the default, checked and capped as `tiss validate` does. */
function threadsFor(jobs: number | undefined): number {
  return jobs === undefined ? Math.min(availableParallelism(), maxJobs()) : checkedJobs(jobs);
}

/** A worker's outcome as the caller gets it: a result, or the setup error validate() would have thrown. */
function settle(o: Outcome): ValidationResult {
  switch (o.kind) {
    case 'result':
      return o.result;
    case 'unreadable':
      return unreadableResult(o.file, o.reason);
    case 'fatal':
      throw new TissError(o.message, o.hint);
  }
}

/** A validator with a pool of its own (`jobs` threads, started on need); `close()` is optional. */
export function createValidator(options: ValidatorOptions = {}): Validator {
  const pool = new WorkerPool(threadsFor(options.jobs));

  const validateAsync = async (input: Uint8Array | string, callOptions: AsyncValidateOptions = {}): Promise<ValidationResult> => {
    const { signal, timeoutMs = DEFAULT_TIMEOUT_MS } = callOptions;
    signal?.throwIfAborted();
    const file = callOptions.file ?? '<entrada>';
    try {
      const [outcome] = await pool.run([{ file, bytes: input, options: workerOptions(callOptions) }], { timeoutMs, ...(signal ? { signal } : {}) });
      return settle(outcome!);
    } catch (e) {
      if (signal?.aborted) throw signal.reason;
      if (e instanceof TissError) throw e;
      // The worker died or hung: this message's error, as in a batch; piscina replaces the worker.
      return crashResult(file, e instanceof WorkerTimeout ? e.message : `o processo de validação caiu: ${(e as Error)?.message ?? String(e)}`);
    }
  };

  async function* validateFilesIter(paths: readonly string[], callOptions: ValidateFilesOptions = {}): AsyncGenerator<ValidationResult, void, undefined> {
    const { signal, timeoutMs } = callOptions;
    signal?.throwIfAborted();
    // Ends the run when the reader stops early (break, return, an exception in its loop body).
    const stop = new AbortController();
    const runSignal = signal ? AbortSignal.any([stop.signal, signal]) : stop.signal;
    const ready: ValidationResult[] = [];
    let wake: (() => void) | null = null;
    let resume: (() => void) | null = null;
    let end: { error?: unknown } | null = null;
    const notify = (): void => {
      wake?.();
      wake = null;
    };
    const release = (): void => {
      resume?.();
      resume = null;
    };
    runSignal.addEventListener('abort', release, { once: true });

    const inputs = paths.map((file) => ({ file }));
    const run = runBatch(inputs, workerOptions(callOptions), { jobs: pool.jobs, pool, ...(timeoutMs === undefined ? {} : { timeoutMs }), signal: runSignal }, async (o) => {
      ready.push(settle(o));
      notify();
      if (ready.length >= READ_AHEAD && !runSignal.aborted) await new Promise<void>((r) => (resume = r));
    }).then(
      () => {
        end = {};
        notify();
      },
      (error: unknown) => {
        end = { error };
        notify();
      },
    );
    try {
      for (;;) {
        signal?.throwIfAborted();
        const next = ready.shift();
        if (next) {
          if (ready.length < READ_AHEAD) release();
          yield next;
          continue;
        }
        // (Set by the run's callbacks: TypeScript cannot see that from here.)
        const ended = end as { error?: unknown } | null;
        if (ended) {
          if ('error' in ended) throw ended.error;
          return;
        }
        await new Promise<void>((r) => (wake = r));
      }
    } finally {
      stop.abort();
      release();
      runSignal.removeEventListener('abort', release);
      await run;
    }
  }

  return {
    get jobs() {
      return pool.jobs;
    },
    get threads() {
      return pool.threads;
    },
    get workersStarted() {
      return pool.started;
    },
    validateAsync,
    async validateFiles(paths, callOptions) {
      const results: ValidationResult[] = [];
      for await (const r of validateFilesIter(paths, callOptions)) results.push(r);
      return results;
    },
    validateFilesIter,
    close: () => pool.close(),
  };
}

/** The process's validators, one per `jobs` value asked (most programs use one). */
const shared = new Map<number, Validator>();

/** The validator the top-level functions use for `jobs` (started lazily, kept for the life of the process). */
export function sharedValidator(jobs?: number): Validator {
  const threads = threadsFor(jobs);
  let v = shared.get(threads);
  if (!v) shared.set(threads, (v = createValidator({ jobs: threads })));
  return v;
}

/** validate() in a worker of the process's shared pool (`jobs` threads, default the number of cores). */
export async function validateAsync(input: Uint8Array | string, options: AsyncValidateOptions & ValidatorOptions = {}): Promise<ValidationResult> {
  const { jobs, ...rest } = options;
  return sharedValidator(jobs).validateAsync(input, rest);
}

/** Reads and validates files in the process's shared pool; results in input order. */
export async function validateFiles(paths: readonly string[], options: ValidateFilesOptions & ValidatorOptions = {}): Promise<ValidationResult[]> {
  const { jobs, ...rest } = options;
  return sharedValidator(jobs).validateFiles(paths, rest);
}

/** validateFiles as an async iterable (`for await`), in input order, with bounded memory. */
export async function* validateFilesIter(paths: readonly string[], options: ValidateFilesOptions & ValidatorOptions = {}): AsyncGenerator<ValidationResult, void, undefined> {
  const { jobs, ...rest } = options;
  yield* sharedValidator(jobs).validateFilesIter(paths, rest);
}
