#!/usr/bin/env node
// `tiss --version` needs nothing but the version: answer it before loading the CLI (yargs, libxml2 and
// ~160 modules cost ~200 ms of start-up that a version check would pay for nothing).
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-v')) {
  const { VERSION } = await import('../dist/version.js');
  process.stdout.write(`${VERSION}\n`);
} else {
  // The bundled CLI (scripts/bundle-cli.js, made by `npm run build`): one module instead of ~180.
  await import('../dist/bundle/tiss.js');
}
