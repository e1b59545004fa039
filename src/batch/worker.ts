import { runTask, type Task } from './task.js';

/** Worker-thread entry: each worker compiles the schemas once (module state) and validates many files. */
export default function work(task: Task): ReturnType<typeof runTask> {
  // Test seam (test/pipeline.test.ts): kill this worker on a chosen file, to prove a crash costs only that file.
  const crashOn = process.env.TISS_TEST_WORKER_CRASH;
  if (crashOn && task.file.includes(crashOn)) process.exit(70);
  return runTask(task);
}
