import { statSync } from 'node:fs';
import { TissError } from '../errors.js';
import { crashResult, type Outcome } from './outcome.js';
import { WorkerPool, WorkerTimeout } from './pool.js';
import { runTaskLoading, taskFor, type BatchInput, type Task } from './task.js';
import { checkedJobs } from './jobs.js';

export interface BatchOptions {
  /** Worker threads; 1 validates in this thread. */
  jobs: number;
  /** A file's processing is abandoned (and reported as that file's error) after this long. */
  timeoutMs?: number;
  /**
   * The workers to run on (the library's long-lived pool); every file then goes to a worker, even one
   * alone. Otherwise a pool of `jobs` threads is started for this run and stopped at its end.
   */
  pool?: WorkerPool;
  /** Stops the run: no further file is started, the ones in flight are abandoned, runBatch rejects with the signal's reason. */
  signal?: AbortSignal;
}

export const DEFAULT_TIMEOUT_MS = 120_000;

/**
 * Files per worker message, at most (CHUNK_BYTES bounds a chunk too). A small TISS message takes about
 * half a millisecond, less than a round trip to a worker: one file per message left both workers waiting
 * (10,000 small lotes: --jobs 2 took longer than --jobs 1). Up to 16 keeps every lane busy while leaving
 * at least 4 chunks per thread to balance the work.
 */
export function chunkSize(files: number, jobs: number): number {
  return Math.max(1, Math.min(16, Math.floor(files / (jobs * 4))));
}

/** Input bytes a chunk carries at most (beyond its first file). */
export const CHUNK_BYTES = 512 * 1024;

/** The size of an input for chunking: its bytes, or its file's size (0 when it cannot be known; the worker reports why). */
function inputSize(input: BatchInput): number {
  if (input.bytes !== undefined) return input.bytes.length;
  try {
    return statSync(input.path ? Buffer.from(input.path) : input.file).size;
  } catch {
    return 0;
  }
}

/**
 * Validates the inputs and calls `emit` with each outcome in input order, as soon as it and all the
 * ones before it are done. At most `2 × jobs` chunks (of up to 16 files or ~512 KB) are in flight, so memory stays
 * bounded however many files there are. A worker that crashes or hangs costs only its file (reported as TISS-INTERNAL).
 * A setup problem (schemas missing) stops the run with a TissError. An input's own `config` replaces
 * the batch's for that file (it travels with the file to the worker). When `emit` returns a promise, no
 * further chunk is started until it settles (the library's async iterator: a slow reader holds the run back).
 */
export async function runBatch(inputs: BatchInput[], taskOptions: Task['options'], options: BatchOptions, emit: (o: Outcome, index: number) => void | Promise<void>): Promise<void> {
  const fatal = (o: Outcome): void => {
    if (o.kind === 'fatal') throw new TissError(o.message, o.hint);
  };

  const jobs = checkedJobs(options.jobs);
  const signal = options.signal;
  signal?.throwIfAborted();
  if (!options.pool && (jobs <= 1 || inputs.length <= 1)) {
    for (const [i, input] of inputs.entries()) {
      const o = await runTaskLoading(taskFor(input, taskOptions));
      fatal(o);
      await emit(o, i);
      signal?.throwIfAborted();
      // Back to the event loop between files: Ctrl-C, a closed pipe and progress are handled as they come.
      if (i + 1 < inputs.length) await new Promise((r) => setImmediate(r));
    }
    return;
  }

  // Workers start as needed, never more than there are files (a pool of this run's own).
  const threads = Math.min(options.pool?.jobs ?? jobs, inputs.length);
  const size = chunkSize(inputs.length, threads);
  const pool = options.pool ?? new WorkerPool(threads, 1000);
  const timeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const done = new Map<number, Outcome>();
  let nextToEmit = 0;
  let nextInput = 0;
  let stop: Outcome | null = null;
  /** Why the run ended early beyond a fatal outcome: the caller's signal, or `emit` throwing. */
  let failed: { error: unknown } | null = null;

  /** One worker task over some files: their outcomes, or why the worker gave none (a crash, a timeout). */
  const run = async (indexes: number[], limit: number): Promise<Outcome[] | string> => {
    try {
      const tasks = indexes.map((i) => {
        const { file, path, config } = inputs[i]!;
        return taskFor({ file, ...(path ? { path } : {}), ...(config ? { config } : {}) }, taskOptions);
      });
      return await pool.run(tasks, { timeoutMs: limit, ...(signal ? { signal } : {}) });
    } catch (e) {
      // The caller's abort is the run's end, not this file's error.
      if (signal?.aborted) throw signal.reason;
      return e instanceof WorkerTimeout ? e.message : `o processo de validação caiu: ${(e as Error)?.message ?? String(e)}`;
    }
  };

  /**
   * The outcomes of one chunk. Standard input is validated here (its bytes are in memory). When the chunk
   * crashes or times out, each of its files is run again alone, so a crash or a hang costs only its file.
   */
  const chunkOutcomes = async (indexes: number[]): Promise<Outcome[]> => {
    const onDisk = indexes.filter((i) => inputs[i]!.bytes === undefined);
    const here = new Map<number, Outcome>();
    for (const i of indexes.filter((k) => inputs[k]!.bytes !== undefined)) here.set(i, await runTaskLoading(taskFor(inputs[i]!, taskOptions)));
    const got = onDisk.length === 0 ? [] : await run(onDisk, timeout * (onDisk.length === 1 ? 1 : 2));
    const byIndex = new Map<number, Outcome>(here);
    if (typeof got !== 'string' && got.length === onDisk.length) onDisk.forEach((i, k) => byIndex.set(i, got[k]!));
    else if (typeof got !== 'string' && got.some((o) => o.kind === 'fatal')) onDisk.slice(0, got.length).forEach((i, k) => byIndex.set(i, got[k]!));
    else if (onDisk.length === 1) byIndex.set(onDisk[0]!, { kind: 'result', result: crashResult(inputs[onDisk[0]!]!.file, got as string) });
    else {
      for (const i of onDisk) {
        const alone = await run([i], timeout);
        byIndex.set(i, typeof alone === 'string' ? { kind: 'result', result: crashResult(inputs[i]!.file, alone) } : alone[0]!);
      }
    }
    return indexes.filter((i) => byIndex.has(i)).map((i) => byIndex.get(i)!);
  };

  /**
   * The next chunk: consecutive files, up to `size` of them and about CHUNK_BYTES of input, so that small
   * messages travel together and a big lote goes alone (16 big lotes in one worker message kept their
   * garbage together: 1,000 lotes peaked at 1.9 GB against 0.4 GB one by one).
   */
  const nextChunk = (): number[] | null => {
    if (nextInput >= inputs.length) return null;
    const indexes: number[] = [];
    let bytes = 0;
    while (nextInput < inputs.length && indexes.length < size) {
      const b = inputSize(inputs[nextInput]!);
      if (indexes.length > 0 && bytes + b > CHUNK_BYTES) break;
      indexes.push(nextInput++);
      bytes += b;
    }
    return indexes;
  };

  /**
   * Emits what is done, in input order, one emission at a time: a lane that finished a chunk waits here for
   * the emissions before it (an awaited `emit` thus holds every lane back, and `done` stays small).
   */
  let emitting: Promise<void> = Promise.resolve();
  const drain = async (): Promise<void> => {
    while (!failed && done.has(nextToEmit)) {
      const o = done.get(nextToEmit)!;
      done.delete(nextToEmit);
      await emit(o, nextToEmit++);
    }
  };

  const lanes = Array.from({ length: Math.min(inputs.length, threads * 2) }, async () => {
    try {
      for (let indexes = nextChunk(); indexes && !stop && !failed && !signal?.aborted; indexes = nextChunk()) {
        const outcomes = await chunkOutcomes(indexes);
        for (const [k, o] of outcomes.entries()) {
          if (o.kind === 'fatal') {
            stop ??= o;
            return;
          }
          done.set(indexes[k]!, o);
        }
        emitting = emitting.then(drain);
        await emitting;
      }
    } catch (e) {
      failed ??= { error: e };
    }
  });
  try {
    await Promise.all(lanes);
  } finally {
    if (!options.pool) await pool.close();
  }
  // (Set by the lanes: TypeScript cannot see that from here.)
  const failure = failed as { error: unknown } | null;
  if (failure) throw failure.error;
  if (stop) fatal(stop);
  signal?.throwIfAborted();
}
