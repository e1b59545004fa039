import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from './package-root.js';

const pkg = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string; homepage?: unknown };

/** Version of this package, from package.json. */
export const VERSION: string = pkg.version;

/**
 * Who makes the reports (SARIF's tool.driver, the JSON and JUnit headers): the package's name, version and,
 * when package.json has one, its homepage, never a placeholder address.
 */
export const TOOL: { name: string; version: string; informationUri?: string } = {
  name: 'tiss',
  version: VERSION,
  ...(typeof pkg.homepage === 'string' && /^https:\/\//.test(pkg.homepage) ? { informationUri: pkg.homepage } : {}),
};
