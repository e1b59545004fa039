#!/usr/bin/env node
// Writes schemas/manifest.json from the official ANS XSDs in ../shared/tiss-schemas (src/schemas/build-manifest.ts).
//   npm run build && node scripts/build-manifest.js      (test/manifest.test.ts fails when it is stale)
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildManifest } from '../dist/schemas/build-manifest.js';

const out = fileURLToPath(new URL('../schemas/manifest.json', import.meta.url));
writeFileSync(out, `${JSON.stringify(buildManifest(fileURLToPath(new URL('../../shared/tiss-schemas', import.meta.url))), null, 2)}\n`);
process.stdout.write(`escrito ${out}\n`);
