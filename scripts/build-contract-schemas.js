#!/usr/bin/env node
// Writes the JSON Schema of each generator input contract (built with zod from the installed XSDs'
// content model), so editors complete the input files: schemas/contracts/<contrato>.schema.json for the
// reference version 4.00.00, schemas/contracts/<versão>/<contrato>.schema.json for every other installed
// TISS version. `npm test` checks the committed files are current.
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CONTRACTS, contractJsonSchema } from '../dist/generate/contract.js';
import { DEFAULT_PADRAO, tissModel } from '../dist/generate/model.js';
import { loadManifest } from '../dist/schemas/manifest.js';

const base = fileURLToPath(new URL('../schemas/contracts/', import.meta.url));
for (const version of loadManifest().versions.filter((v) => v.standard === 'TISS').map((v) => v.version)) {
  const dir = version === DEFAULT_PADRAO ? base : `${base}${version}/`;
  mkdirSync(dir, { recursive: true });
  const model = tissModel(undefined, version);
  for (const name of Object.keys(CONTRACTS)) {
    writeFileSync(`${dir}${name}.schema.json`, `${JSON.stringify(contractJsonSchema(name, { model }), null, 2)}\n`);
    console.log(`escrito ${dir.slice(base.length - 'schemas/contracts/'.length)}${name}.schema.json`);
  }
}
