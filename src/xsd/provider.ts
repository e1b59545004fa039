import type { XmlInputProvider } from 'libxml2-wasm';
import { libxml2 } from '../xml/libxml2.js';

/**
 * The only way libxml2 reads anything but the bytes we hand it: an in-memory provider that serves
 * the installed schema files under `tiss-xsd:///<version>/<file>`. There is no filesystem or network
 * provider, so neither a schema nor an instance document can make libxml2 read another file.
 */
const PREFIX = 'tiss-xsd:///';
const files = new Map<string, Uint8Array>();
const open = new Map<number, { bytes: Uint8Array; pos: number }>();
let nextFd = 1;
let registered = false;

const provider: XmlInputProvider = {
  match: (url) => files.has(url),
  open: (url) => {
    const bytes = files.get(url);
    if (!bytes) return undefined;
    const fd = nextFd++;
    open.set(fd, { bytes, pos: 0 });
    return fd;
  },
  read: (fd, buf) => {
    const f = open.get(fd);
    if (!f) return -1;
    const n = Math.min(buf.byteLength, f.bytes.length - f.pos);
    buf.set(f.bytes.subarray(f.pos, f.pos + n));
    f.pos += n;
    return n;
  },
  close: (fd) => open.delete(fd),
};

/** Makes the files of one schema version readable by libxml2; returns the URL of each file by name. */
export function serveSchemaFiles(versionId: string, contents: Map<string, Uint8Array>): (name: string) => string {
  if (!registered) {
    libxml2().xmlRegisterInputProvider(provider);
    registered = true;
  }
  for (const [name, bytes] of contents) files.set(`${PREFIX}${versionId}/${name}`, bytes);
  return (name) => `${PREFIX}${versionId}/${name}`;
}
