import { runTaskLoading, type Task } from './task.js';

/**
 * Worker-thread entry: each worker compiles the schemas once (module state) and validates many files.
 * It takes a chunk of files per message (batch/run.ts): one round trip per chunk, not per file; a chunk
 * holds about 512 KB of input at most, so the garbage of one synchronous stretch stays small.
 */
export default async function work(tasks: Task[]): Promise<Awaited<ReturnType<typeof runTaskLoading>>[]> {
  // Test seams (test/pipeline.test.ts): kill or hang this worker on a chosen file, to prove a crash or a
  // hang costs only that file.
  const crashOn = process.env.TISS_TEST_WORKER_CRASH;
  const hangOn = process.env.TISS_TEST_WORKER_HANG;
  const out: Awaited<ReturnType<typeof runTaskLoading>>[] = [];
  for (const task of tasks) {
    if (crashOn && task.file.includes(crashOn)) process.exit(70);
    if (hangOn && task.file.includes(hangOn)) for (;;);
    const o = await runTaskLoading(task);
    out.push(o);
    // A setup problem stops the chunk: the run stops on it anyway.
    if (o.kind === 'fatal') break;
  }
  return out;
}
