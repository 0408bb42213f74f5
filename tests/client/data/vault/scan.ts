import type Dexie from 'dexie';

/**
 * Where `needle` can be read in what the database holds, as an attacker reading the raw rows
 * would: every string, and every byte buffer decoded as UTF-8 and as UTF-16LE. Returns
 * "table/key/path" for each hit.
 */
export async function findInRows(db: Dexie, needle: string): Promise<string[]> {
  const utf8 = Buffer.from(needle, 'utf8');
  const utf16 = Buffer.from(needle, 'utf16le');
  const hits: string[] = [];
  const visit = (value: unknown, path: string): void => {
    if (typeof value === 'string') {
      if (value.includes(needle)) hits.push(path);
    } else if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) {
      const bytes = value instanceof ArrayBuffer ? Buffer.from(value) : Buffer.from(value.buffer, value.byteOffset, value.byteLength);
      if (bytes.includes(utf8) || bytes.includes(utf16)) hits.push(path);
    } else if (Array.isArray(value)) value.forEach((v, i) => visit(v, `${path}[${i}]`));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) visit(v, `${path}.${k}`);
  };
  for (const table of db.tables) {
    const keys = await table.toCollection().primaryKeys();
    const rows = await table.toArray();
    rows.forEach((row, i) => visit(row, `${table.name}/${JSON.stringify(keys[i])}`));
  }
  return hits;
}
