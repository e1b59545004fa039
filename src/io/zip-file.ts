import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import { crc32 } from 'node:zlib';

/**
 * Members of a ZIP on disk read through its central directory, without reading the whole file: the ANS
 * TUSS package (Padrao_TISS_Representacao_de_Conceitos_em_Saude_AAAAMM.zip) is 333–560 MB and only one
 * member of a few MB is wanted. Only the end of the file (the directory) and the chosen member's bytes are
 * read; the member is inflated with fflate (loaded on first use) into a buffer of its declared size, and
 * its CRC-32 is checked. No ZIP64 (the ANS packages are below 4 GB and 65,535 members).
 * Errors are plain `Error`s in Portuguese; callers add the file name.
 */
export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  crc: number;
  localOffset: number;
}

const EOCD = 0x06054b50;
const CDH = 0x02014b50;
const LFH = 0x04034b50;

function readAt(fd: number, position: number, length: number): Buffer {
  const buf = Buffer.alloc(length);
  let got = 0;
  while (got < length) {
    const n = readSync(fd, buf, got, length - got, position + got);
    if (n === 0) throw new Error('o arquivo termina antes do esperado');
    got += n;
  }
  return buf;
}

/** The central directory of the ZIP open as `fd`. */
export function zipEntries(fd: number): ZipEntry[] {
  const fileSize = fstatSync(fd).size;
  const tailLength = Math.min(fileSize, 22 + 0xffff);
  const tail = readAt(fd, fileSize - tailLength, tailLength);
  let at = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD) {
      at = i;
      break;
    }
  }
  if (at < 0) throw new Error('não é um arquivo ZIP (fim do diretório não encontrado)');
  const count = tail.readUInt16LE(at + 10);
  const cdSize = tail.readUInt32LE(at + 12);
  const cdOffset = tail.readUInt32LE(at + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) throw new Error('ZIP64 não suportado');
  if (cdOffset + cdSize > fileSize) throw new Error('diretório do ZIP fora do arquivo (ZIP incompleto?)');
  const cd = readAt(fd, cdOffset, cdSize);
  const entries: ZipEntry[] = [];
  let p = 0;
  for (let n = 0; n < count; n++) {
    if (p + 46 > cd.length || cd.readUInt32LE(p) !== CDH) throw new Error('diretório do ZIP corrompido');
    const flags = cd.readUInt16LE(p + 8);
    const nameLength = cd.readUInt16LE(p + 28);
    const rawName = cd.subarray(p + 46, p + 46 + nameLength);
    entries.push({
      // Bit 11: UTF-8 names; otherwise CP437, read as latin1 (accents may show wrong; names are matched loosely).
      name: rawName.toString(flags & 0x800 ? 'utf8' : 'latin1'),
      method: cd.readUInt16LE(p + 10),
      crc: cd.readUInt32LE(p + 16),
      compressedSize: cd.readUInt32LE(p + 20),
      size: cd.readUInt32LE(p + 24),
      localOffset: cd.readUInt32LE(p + 42),
    });
    p += 46 + nameLength + cd.readUInt16LE(p + 30) + cd.readUInt16LE(p + 32);
  }
  return entries;
}

/** The bytes of one member (stored or deflated), refused above `maxSize` declared bytes. */
export function zipMember(fd: number, entry: ZipEntry, maxSize: number): Uint8Array {
  if (entry.size > maxSize || entry.compressedSize > maxSize) throw new Error(`${entry.name} tem ${entry.size} bytes, mais que o limite de ${maxSize}`);
  const header = readAt(fd, entry.localOffset, 30);
  if (header.readUInt32LE(0) !== LFH) throw new Error(`cabeçalho local de ${entry.name} corrompido`);
  const start = entry.localOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  const raw = readAt(fd, start, entry.compressedSize);
  let data: Uint8Array;
  if (entry.method === 0) data = raw;
  else if (entry.method === 8) {
    const { inflateSync } = createRequire(import.meta.url)('fflate') as typeof import('fflate');
    data = inflateSync(raw, { out: new Uint8Array(entry.size) });
  } else throw new Error(`${entry.name}: método de compressão ${entry.method} não suportado`);
  if (data.length !== entry.size || (crc32(data) >>> 0) !== entry.crc) throw new Error(`${entry.name}: conteúdo corrompido (tamanho ou CRC-32 não confere)`);
  return data;
}

/** Opens `path`, hands its entries to `pick`, and returns the chosen member's bytes (or null when none is chosen). */
export function readZipMember(path: string, pick: (entries: ZipEntry[]) => ZipEntry | null, maxSize: number): { entry: ZipEntry; bytes: Uint8Array } | null {
  const fd = openSync(path, 'r');
  try {
    const entry = pick(zipEntries(fd));
    return entry ? { entry, bytes: zipMember(fd, entry, maxSize) } : null;
  } finally {
    closeSync(fd);
  }
}
