#!/usr/bin/env node
// Makes sure the official XSDs are installed (sha256-verified) before tests and the README's run
// command: installs them from ../shared/tiss-schemas (the ANS files beside the project) when the
// store is empty or damaged. With TISS_SCHEMAS_DIR set, only checks that folder.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defaultStoreDir, installSchemas, listSchemas, resolveSchemaRoot } from '../dist/index.js';

const shared = fileURLToPath(new URL('../../shared/tiss-schemas', import.meta.url));
const root = resolveSchemaRoot();
const missing = listSchemas(root).filter((v) => v.status !== 'ok');
if (missing.length === 0) process.exit(0);

if (root.origin !== 'store') {
  console.error(`tiss: esquemas ausentes ou corrompidos em ${root.dir} (${root.origin}): ${missing.map((v) => `${v.id} ${v.status}`).join(', ')}`);
  process.exit(1);
}
if (!existsSync(shared)) {
  console.error(`tiss: esquemas não instalados em ${root.dir} e ${shared} não existe.\nInstale com: tiss schemas install --from <pasta com os XSDs da ANS>`);
  process.exit(1);
}
const report = installSchemas(shared, defaultStoreDir());
for (const v of report.installed) console.error(`tiss: esquemas ${v.id} instalados em ${v.dir} (sha256 conferido)`);
