import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { TissError } from '../errors.js';
import { crashResult, type Outcome } from './outcome.js';
import { runTask, type Task } from './task.js';

export interface BatchOptions {
  /** Worker threads; 1 validates in this thread. */
  jobs: number;
  /** A file's processing is abandoned (and reported as that file's error) after this long. */
  timeoutMs?: number;
}

export const DEFAULT_TIMEOUT_MS = 120_000;

function workerFile(): string {
  const here = fileURLToPath(new URL('./worker.js', import.meta.url));
  // Running from the TypeScript sources (tests): use the compiled worker.
  return existsSync(here) ? here : fileURLToPath(new URL('../../dist/batch/worker.js', import.meta.url));
}

/**
 * Validates the inputs and calls `emit` with each outcome in input order, as soon as it and all the
 * ones before it are done. At most `2 × jobs` files are in flight, so memory stays bounded however many
 * files there are. A worker that crashes or hangs costs only its file (reported as TISS-INTERNAL).
 * A setup problem (schemas missing) stops the run with a TissError.
 */
export async function runBatch(inputs: Omit<Task, 'options'>[], taskOptions: Task['options'], options: BatchOptions, emit: (o: Outcome, index: number) => void): Promise<void> {
  const fatal = (o: Outcome): void => {
    if (o.kind === 'fatal') throw new TissError(o.message, o.hint);
  };

  if (!Number.isInteger(options.jobs) || options.jobs < 1) throw new TissError(`jobs precisa ser um número inteiro a partir de 1 (recebido: ${String(options.jobs)}).`);
  const jobs = Math.min(options.jobs, Math.max(2, 4 * availableParallelism()));
  if (jobs <= 1 || inputs.length <= 1) {
    for (const [i, input] of inputs.entries()) {
      const o = runTask({ ...input, options: taskOptions });
      fatal(o);
      emit(o, i);
      // Back to the event loop between files: Ctrl-C, a closed pipe and progress are handled as they come.
      if (i + 1 < inputs.length) await new Promise((r) => setImmediate(r));
    }
    return;
  }

  // piscina, not tinypool: measured here, tinypool left a task pending forever when its worker died; piscina rejects it at once.
  const pool = new Piscina({ filename: workerFile(), minThreads: jobs, maxThreads: jobs, idleTimeout: 1000 });
  const timeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const done = new Map<number, Outcome>();
  let nextToEmit = 0;
  let nextToStart = 0;
  let stop: Outcome | null = null;

  const one = async (i: number): Promise<Outcome> => {
    const input = inputs[i]!;
    if (input.bytes) return runTask({ ...input, options: taskOptions }); // standard input, already in memory
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeout);
    try {
      return (await pool.run({ file: input.file, ...(input.path ? { path: input.path } : {}), options: taskOptions } satisfies Task, { signal: controller.signal })) as Outcome;
    } catch (e) {
      const reason = controller.signal.aborted ? `tempo esgotado após ${Math.round(timeout / 1000)} s` : `o processo de validação caiu: ${(e as Error)?.message ?? String(e)}`;
      return { kind: 'result', result: crashResult(input.file, reason) };
    } finally {
      clearTimeout(timer);
    }
  };

  const lanes = Array.from({ length: Math.min(inputs.length, jobs * 2) }, async () => {
    while (nextToStart < inputs.length && !stop) {
      const i = nextToStart++;
      const o = await one(i);
      if (o.kind === 'fatal') {
        stop ??= o;
        return;
      }
      done.set(i, o);
      while (done.has(nextToEmit)) {
        emit(done.get(nextToEmit)!, nextToEmit);
        done.delete(nextToEmit);
        nextToEmit++;
      }
    }
  });
  try {
    await Promise.all(lanes);
  } finally {
    await pool.destroy();
  }
  if (stop) fatal(stop);
}
