import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FindingCollector } from '../src/findings/collector.js';
import { checkBudget, estimatePeak, peakBound, shapeOf, type Shape } from '../src/xml/budget.js';

const MB = 1024 * 1024;

interface Recorded extends Shape {
  name: string;
  fit: boolean;
  peakMb: { compiled: number; libxml2: number };
}

/** Written by `node bench/calibrate-budget.js --write`: the peaks COST was fitted on (no RSS is measured here). */
const calibration = JSON.parse(readFileSync(new URL('../bench/budget-calibration.json', import.meta.url), 'utf8')) as { margin: number; shapes: Recorded[] };
const fitted = calibration.shapes.filter((s) => s.fit);

describe('memory budget (src/xml/budget.ts) against its calibration (bench/budget-calibration.json)', () => {
  it('the calibration covers both engines, lotes with right and wrong hash, signed or not, up to ~140 MB', () => {
    expect(fitted.length).toBeGreaterThanOrEqual(30);
    expect(fitted.some((s) => /hash errado/.test(s.name) && /ds:Signature/.test(s.name))).toBe(true);
    expect(Math.max(...fitted.map((s) => s.bytes))).toBeGreaterThan(130 * MB);
    for (const s of fitted) expect(s.peakMb.compiled > 0 && s.peakMb.libxml2 > 0).toBe(true);
  });

  it.each(fitted.map((s) => [s.name, s] as const))('%s: the estimate is above the costliest recorded peak, with the margin', (_name, s) => {
    const peak = Math.max(s.peakMb.compiled, s.peakMb.libxml2) * MB;
    expect(estimatePeak(s) / peak).toBeGreaterThanOrEqual(calibration.margin);
  });
});

describe('the quick bound (no counting pass) is never below the estimate', () => {
  it('for the worst bytes: all `<`, all `=`, all `>a`', () => {
    for (const text of ['<'.repeat(1000), '='.repeat(1000), '>a'.repeat(500), '<a b="1">x</a>'.repeat(70)]) {
      const bytes = Buffer.from(text, 'latin1');
      expect(estimatePeak(shapeOf(bytes))).toBeLessThanOrEqual(peakBound(bytes.length));
    }
  });

  it('for any bytes', () => {
    const b = fc.constantFrom(0x3c, 0x3e, 0x3d, 0x2f, 0x21, 0x3f, 0x61, 0x20);
    fc.assert(
      fc.property(fc.array(b, { maxLength: 300 }), (arr) => {
        const bytes = Uint8Array.from(arr);
        expect(estimatePeak(shapeOf(bytes))).toBeLessThanOrEqual(peakBound(bytes.length));
      }),
    );
  });

  it('a file that passes it is accepted without counting, one that does not is counted and judged by its shape', () => {
    const small = Buffer.from(`<a>${'<x/>'.repeat(10)}</a>`, 'latin1');
    // Accepted without counting: no shape to hand to the scanner.
    expect(checkBudget(small, peakBound(small.length), new FindingCollector('x.xml'))).toBe(null);
    // Below the bound but above the estimate: counted, and accepted with its shape (the scanner sizes its table from it).
    const out = new FindingCollector('x.xml');
    expect(checkBudget(small, estimatePeak(shapeOf(small)), out)).toEqual(shapeOf(small));
    expect(checkBudget(small, estimatePeak(shapeOf(small)) - 1, out)).toBe(false);
    expect(out.findings.map((f) => f.code)).toEqual(['TISS-INPUT-TOO-COMPLEX']);
  });
});
