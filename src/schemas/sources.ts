import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { zipMembers } from '../io/zip.js';
import { TissError } from '../errors.js';

/**
 * Where `tiss schemas install --from` finds XSDs: a folder (searched recursively, any layout) or the
 * ANS ZIP itself (`PadroTISSComunicao_AAAAMM.zip`, as downloaded: nested folders, accents in their names,
 * WSDLs beside the XSDs). Files are known by their name and verified by their sha256 (store.ts), so the
 * layout does not matter. Bounded: a ZIP or a folder cannot make the install read without limit.
 */
export interface Candidate {
  bytes: Uint8Array;
  /** Where it was found, for messages (`pasta/4.03.00/x.xsd`, `pacote.zip:Padrão/x.xsd`). */
  where: string;
}

const MAX_ZIP = 256 * 1024 * 1024;
const MAX_XSD = 8 * 1024 * 1024;
const MAX_ENTRIES = 20_000;
const MAX_DEPTH = 8;

/** Every `.xsd` under `from` (a folder or a ZIP), by file name; a name may have several candidates. */
export function collectXsds(from: string): Map<string, Candidate[]> {
  const found = new Map<string, Candidate[]>();
  const add = (name: string, c: Candidate): void => {
    const list = found.get(name);
    if (list) list.push(c);
    else found.set(name, [c]);
  };
  const st = statSync(from);
  if (st.isDirectory()) {
    walk(from, 0, { seen: 0 }, add);
  } else if (st.isFile()) {
    if (st.size > MAX_ZIP) throw new TissError(`${from} tem ${Math.round(st.size / 1024 / 1024)} MB; o pacote da ANS tem cerca de 100 KB. Não foi lido.`);
    const bytes = readFileSync(from);
    if (!isZip(bytes)) throw new TissError(`${from} não é uma pasta nem um arquivo ZIP.`, 'Indique a pasta com os XSDs ou o ZIP baixado da ANS (PadroTISSComunicao_AAAAMM.zip).');
    readZip(bytes, from, add);
  } else {
    throw new TissError(`${from} não é uma pasta nem um arquivo ZIP.`);
  }
  return found;
}

function walk(dir: string, depth: number, count: { seen: number }, add: (name: string, c: Candidate) => void): void {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (++count.seen > MAX_ENTRIES) throw new TissError(`${dir}: pasta grande demais (mais de ${MAX_ENTRIES} entradas); indique a pasta do pacote da ANS.`);
    const path = join(dir, e.name);
    if (e.isDirectory() && depth < MAX_DEPTH) walk(path, depth + 1, count, add);
    else if (e.isFile() && /\.xsd$/i.test(e.name) && statSync(path).size <= MAX_XSD) add(e.name, { bytes: readFileSync(path), where: path });
  }
}

function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 0x03 || bytes[2] === 0x05);
}

/**
 * Only `.xsd` members no larger (by their header) than any XSD could be are inflated, into a buffer of
 * that declared size: a member that lies about its size is cut there, and then fails its sha256.
 */
function readZip(bytes: Uint8Array, label: string, add: (name: string, c: Candidate) => void): void {
  let members: [string, Uint8Array][];
  try {
    members = zipMembers(bytes, (name, size) => /\.xsd$/i.test(name) && size <= MAX_XSD);
  } catch (e) {
    throw new TissError(`${label}: o ZIP está corrompido ou incompleto (${(e as Error).message}).`, 'Baixe o pacote da ANS de novo.');
  }
  for (const [path, data] of members) add(basename(path.replace(/\\/g, '/')), { bytes: data, where: `${label}:${path}` });
}
