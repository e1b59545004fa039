import { availableParallelism } from 'node:os';
import { TissError } from '../errors.js';

/** The most files checked at once: 4 × the cores (at least 2); more would only spend memory. */
export function maxJobs(cores = availableParallelism()): number {
  return Math.max(2, 4 * cores);
}

/** `jobs` as a batch takes it: an integer from 1 (else a TissError), lowered to maxJobs(). */
export function checkedJobs(jobs: number): number {
  if (!Number.isInteger(jobs) || jobs < 1) throw new TissError(`jobs precisa ser um número inteiro a partir de 1 (recebido: ${String(jobs)}).`);
  return Math.min(jobs, maxJobs());
}
