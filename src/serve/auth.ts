import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Bearer authentication of `tiss serve` (ANS security component, items 69–71: secrets stored protected,
 * lock-out after at most 5 invalid attempts for at least 5 minutes). Only the token's SHA-256 is kept in
 * memory; a presented token is hashed and compared in constant time.
 */
export const MAX_FAILURES = 5;
export const LOCKOUT_MS = 5 * 60 * 1000;

const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();

export class TokenCheck {
  private readonly expected: Buffer;
  constructor(token: string) {
    this.expected = digest(token);
  }

  /** The `Authorization` header carries this token (`Bearer <token>`). */
  accepts(header: string | undefined): boolean {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
    return timingSafeEqual(digest(m?.[1] ?? ''), this.expected) && m !== null;
  }
}

/** Failed attempts per client; a client with MAX_FAILURES within the window is refused until LOCKOUT_MS pass. */
export class Lockout {
  private readonly failures = new Map<string, { count: number; until: number }>();
  constructor(private readonly now: () => number = Date.now) {}

  /** Milliseconds the client is still locked out for, or 0. */
  lockedFor(client: string): number {
    const f = this.failures.get(client);
    if (!f || f.count < MAX_FAILURES) return 0;
    const left = f.until - this.now();
    if (left > 0) return left;
    this.failures.delete(client);
    return 0;
  }

  fail(client: string): void {
    const f = this.failures.get(client);
    const count = (f && f.until > this.now() ? f.count : 0) + 1;
    this.failures.set(client, { count, until: this.now() + LOCKOUT_MS });
    // Bounded: a flood of clients cannot grow the table without end (the oldest entries go first).
    if (this.failures.size > 10_000) this.failures.delete(this.failures.keys().next().value!);
  }

  succeed(client: string): void {
    this.failures.delete(client);
  }
}
