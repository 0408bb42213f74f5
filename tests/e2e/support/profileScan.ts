import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Reads a browser profile folder from disk, as someone holding the device's storage would, and
 * says where given strings can be read in it: as UTF-8 and as UTF-16LE bytes, in every file, and
 * also inside LevelDB's own framing, which a plain byte search can miss: table files (.ldb/.sst)
 * keep their blocks Snappy-compressed, and log files (.log) split records at 32 KiB boundaries.
 * IndexedDB, Local Storage and Session Storage in Chromium are LevelDB.
 */

export interface Hit {
  needle: string;
  file: string;
  how: 'raw' | 'leveldb-table' | 'leveldb-log';
}

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    let stat;
    try {
      stat = statSync(path);
    } catch {
      continue; // vanished (a lock file, say)
    }
    if (stat.isDirectory()) walk(path, out);
    else if (stat.isFile()) out.push(path);
  }
  return out;
}

function varint(buf: Buffer, pos: number): [number, number] {
  let value = 0;
  let shift = 0;
  for (;;) {
    const b = buf[pos++]!;
    value += (b & 0x7f) * 2 ** shift;
    if (b < 0x80) return [value, pos];
    shift += 7;
  }
}

/** Raw Snappy (the block format LevelDB uses). */
export function snappyUncompress(input: Buffer): Buffer {
  let [length, pos] = varint(input, 0);
  const out = Buffer.alloc(length);
  let op = 0;
  while (pos < input.length) {
    const tag = input[pos++]!;
    const kind = tag & 3;
    if (kind === 0) {
      let len = tag >> 2;
      if (len >= 60) {
        const bytes = len - 59;
        len = 0;
        for (let i = 0; i < bytes; i++) len += input[pos++]! * 2 ** (8 * i);
      }
      len += 1;
      input.copy(out, op, pos, pos + len);
      pos += len;
      op += len;
      continue;
    }
    let len: number;
    let offset: number;
    if (kind === 1) {
      len = ((tag >> 2) & 7) + 4;
      offset = ((tag >> 5) << 8) | input[pos++]!;
    } else if (kind === 2) {
      len = (tag >> 2) + 1;
      offset = input.readUInt16LE(pos);
      pos += 2;
    } else {
      len = (tag >> 2) + 1;
      offset = input.readUInt32LE(pos);
      pos += 4;
    }
    for (let i = 0; i < len; i++, op++) out[op] = out[op - offset]!;
  }
  length = op;
  return out.subarray(0, length);
}

const TABLE_MAGIC = Buffer.from([0x57, 0xfb, 0x80, 0x8b, 0x24, 0x75, 0x47, 0xdb]);

function readBlock(file: Buffer, offset: number, size: number): Buffer {
  const contents = file.subarray(offset, offset + size);
  const type = file[offset + size];
  return type === 1 ? snappyUncompress(contents) : contents;
}

/** The values (and key suffixes) of a block: entries with prefix-shared keys, then the restart array. */
function blockEntries(block: Buffer): Buffer[] {
  const restarts = block.readUInt32LE(block.length - 4);
  const end = block.length - 4 - restarts * 4;
  const parts: Buffer[] = [];
  let pos = 0;
  while (pos < end) {
    let unshared: number, valueLength: number;
    [, pos] = varint(block, pos); // bytes shared with the previous key
    [unshared, pos] = varint(block, pos);
    [valueLength, pos] = varint(block, pos);
    parts.push(block.subarray(pos, pos + unshared));
    pos += unshared;
    parts.push(block.subarray(pos, pos + valueLength));
    pos += valueLength;
  }
  return parts;
}

/** Every data block of a LevelDB table, decompressed. */
export function tableBlocks(file: Buffer): Buffer[] {
  if (file.length < 48 || !file.subarray(file.length - 8).equals(TABLE_MAGIC)) return [];
  // footer: metaindex handle, index handle (varints), padding, magic
  const footer = file.subarray(file.length - 48);
  const [, afterMetaOffset] = varint(footer, 0);
  const [, afterMetaSize] = varint(footer, afterMetaOffset);
  const [indexOffset, afterIndexOffset] = varint(footer, afterMetaSize);
  const [indexSize] = varint(footer, afterIndexOffset);
  const index = readBlock(file, indexOffset, indexSize);
  const blocks: Buffer[] = [];
  const entries = blockEntries(index);
  for (let i = 1; i < entries.length; i += 2) {
    const handle = entries[i]!;
    const [offset, next] = varint(handle, 0);
    const [size] = varint(handle, next);
    blocks.push(readBlock(file, offset, size));
  }
  return blocks;
}

/** The records of a LevelDB log, reassembled across its 32 KiB blocks. */
export function logRecords(file: Buffer): Buffer[] {
  const records: Buffer[] = [];
  let pending: Buffer[] = [];
  for (let block = 0; block < file.length; block += 32768) {
    let pos = block;
    const end = Math.min(block + 32768, file.length);
    while (pos + 7 <= end) {
      const length = file.readUInt16LE(pos + 4);
      const type = file[pos + 6]!;
      const data = file.subarray(pos + 7, pos + 7 + length);
      pos += 7 + length;
      if (type === 0) break;
      if (type === 1) records.push(data);
      else if (type === 2) pending = [data];
      else if (type === 3) pending.push(data);
      else if (type === 4) {
        pending.push(data);
        records.push(Buffer.concat(pending));
        pending = [];
      }
    }
  }
  return records;
}

/** Where each needle can be read in `dir`. An empty list: nowhere. */
export function findInProfile(dir: string, needles: readonly string[]): Hit[] {
  const patterns = needles.map((needle) => ({ needle, bytes: [Buffer.from(needle, 'utf8'), Buffer.from(needle, 'utf16le')] }));
  const hits: Hit[] = [];
  for (const path of walk(dir)) {
    let content: Buffer;
    try {
      content = readFileSync(path);
    } catch {
      continue;
    }
    const file = relative(dir, path);
    const views: { how: Hit['how']; parts: Buffer[] }[] = [{ how: 'raw', parts: [content] }];
    try {
      if (/\.(ldb|sst)$/.test(path)) views.push({ how: 'leveldb-table', parts: tableBlocks(content) });
      if (/\/\d{6}\.log$/.test(path)) views.push({ how: 'leveldb-log', parts: logRecords(content) });
    } catch {
      // not the format its name says: the raw search still ran
    }
    for (const { needle, bytes } of patterns)
      for (const view of views)
        if (view.parts.some((part) => bytes.some((b) => part.includes(b)))) {
          hits.push({ needle, file, how: view.how });
          break;
        }
  }
  return hits;
}
