import { appendFileSync, openSync, closeSync } from 'node:fs';

/** One access: no token, no file contents, nothing a client sent but the route. */
export interface AccessEntry {
  time: string;
  client: string;
  method: string;
  route: string;
  status: number;
  ms: number;
}

/**
 * The access log the ANS security component asks for (every access and every refused attempt): one JSON
 * line per request, on stderr or appended to a file (`--access-log`). Keeping it for 90 days is the job
 * of the operator's log system (README).
 */
export interface AccessLog {
  write(entry: AccessEntry): void;
}

export function accessLog(path: string | null): AccessLog {
  if (!path) return { write: (e) => process.stderr.write(`${JSON.stringify(e)}\n`) };
  // Opened once to fail early (a folder, no permission) with a clear error before the server starts.
  closeSync(openSync(path, 'a'));
  return { write: (e) => appendFileSync(path, `${JSON.stringify(e)}\n`) };
}
