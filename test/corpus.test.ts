import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeHash } from '../src/hash/api.js';
import { CORPUS, validateSample } from './helpers.js';

/** Real files written by others (../shared/corpus, read in place): no crash, and the documented hash verdicts. */
const index = readFileSync(join(CORPUS, 'INDEX.tsv'), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((l) => l.split('\t'))
  .map(([file, , , , version, kind, verdict]) => ({ file: file!, version: version!, kind: kind!, verdict: verdict! }));

const HASH_CODE: Record<string, string[]> = {
  'ok-iso': [],
  'utf8-variant': ['TISS-HASH-UTF8'],
  empty: ['TISS-HASH-EMPTY'],
  'no-hash': ['TISS-HASH-MISSING'],
};

describe('corpus of real TISS files', () => {
  it('has files to test', () => expect(index.length).toBeGreaterThan(30));

  it.each(index)('$file ($verdict)', ({ file, verdict }) => {
    const r = validateSample(join(CORPUS, file));
    expect(r.findings.filter((f) => f.code === 'TISS-INTERNAL')).toEqual([]);
    const hashCodes = r.findings.filter((f) => f.source === 'hash').map((f) => f.code);
    if (verdict.startsWith('unparseable')) {
      expect(r.findings.some((f) => f.code === 'TISS-XML-NOT-WELL-FORMED')).toBe(true);
      expect(r.hash).toBeNull();
    } else if (verdict === 'mismatch') {
      expect(hashCodes.length).toBe(1);
      expect(hashCodes[0]).not.toBe('TISS-HASH-UTF8');
      expect(r.hash?.ok).toBe(false);
    } else {
      expect(hashCodes).toEqual(HASH_CODE[verdict]);
      expect(r.hash?.ok).toBe(verdict === 'ok-iso');
    }
  });

  it('the UTF-8 variant is diagnosed, and the canonical digest differs from it', () => {
    const file = index.find((e) => e.verdict === 'utf8-variant')!.file;
    const bytes = readFileSync(join(CORPUS, file));
    const iso = computeHash(bytes);
    const utf8 = computeHash(bytes, { encoding: 'utf-8' });
    expect(utf8.ok).toBe(true);
    expect(iso.ok).toBe(false);
    expect(iso.variant).toBe('utf-8');
    expect(iso.expected).not.toBe(utf8.expected);
  });
});
