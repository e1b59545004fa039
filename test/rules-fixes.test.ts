import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixHash } from '../src/hash/api.js';
import { validate } from '../src/validate/index.js';
import { ROOT } from './helpers.js';

/**
 * Rules that fired on correct messages (issue 14). Each rule's passing sample (samples/rules/passa/)
 * holds the correct case and test/rules.test.ts checks the rule is silent there; these tests pin the
 * edges of each fix: what is still reported next to what no longer is.
 */
const TODAY = '2026-11-22';

/** Validates `file` after `edit` (latin1 text), with the hash recomputed so only the edit counts. */
function validateEdited(file: string, edit: (text: string) => string) {
  const text = edit(readFileSync(join(ROOT, file), 'latin1'));
  return validate(Buffer.from(fixHash(Buffer.from(text, 'latin1')).fixed!), { today: TODAY });
}

describe('TISS-R-SEQUENCIAL-ITEM-UNICO in a recurso de glosa', () => {
  const file = 'samples/rules/passa/recurso-item-duas-glosas.xml';

  it('allows the same item twice when each occurrence appeals a different glosa code', () => {
    expect(validateEdited(file, (t) => t).findings).toEqual([]);
  });

  it('still reports the same glosa of the same item appealed twice, on the second occurrence', () => {
    const r = validateEdited(file, (t) => t.replace('<ans:codGlosaItem>1709<', '<ans:codGlosaItem>1705<'));
    expect(r.findings.map((f) => [f.code, f.severity, f.line, f.message])).toEqual([
      ['TISS-R-SEQUENCIAL-ITEM-UNICO', 'error', 60, 'O recurso da glosa 1705 do item 5 se repete na mesma guia (já feito na linha 48).'],
    ]);
  });
});
