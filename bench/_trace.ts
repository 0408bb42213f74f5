import SqliteDatabase from 'better-sqlite3';
const stats = new Map<string, { n: number; ms: number }>();
const proto = (SqliteDatabase as unknown as { prototype: { prepare: (s: string) => unknown } }).prototype;
const orig = proto.prepare;
proto.prepare = function (this: unknown, source: string) {
  const stmt = orig.call(this, source) as Record<string, (...a: unknown[]) => unknown>;
  const key = source.replace(/\?(, \?)+/g, '?…').replace(/\(\?…\)(, \(\?…\))+/g, '(…)…').slice(0, 110);
  for (const m of ['all', 'run', 'get', 'iterate']) {
    const f = stmt[m]!;
    stmt[m] = (...a: unknown[]) => {
      const t = performance.now();
      try { return f.apply(stmt, a); } finally {
        const s = stats.get(key) ?? { n: 0, ms: 0 }; s.n++; s.ms += performance.now() - t; stats.set(key, s);
      }
    };
  }
  return stmt;
};
export function dump() {
  for (const [k, v] of [...stats].sort((a, b) => b[1].ms - a[1].ms).slice(0, 25)) console.log(v.ms.toFixed(0).padStart(6), String(v.n).padStart(5), k);
}
