#!/usr/bin/env node
// Regenerates the README tables that come from the catalogues (finding codes, rules, terminology
// tables). `npm test` fails when README.md is not current.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { regenerate } from '../dist/docs.js';

for (const file of ['README.md', 'samples/README.md']) {
  const path = fileURLToPath(new URL(`../${file}`, import.meta.url));
  const before = readFileSync(path, 'utf8');
  const after = regenerate(before);
  if (after !== before) writeFileSync(path, after);
  console.log(after === before ? `${file} já estava atual` : `${file} atualizado`);
}
