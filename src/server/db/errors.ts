/** True when a write failed on a UNIQUE or PRIMARY KEY constraint, on either database. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  // PostgreSQL: SQLSTATE 23505; better-sqlite3: extended result codes.
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/**
 * True when the database refused the data itself, not its own state: the same rows would fail
 * the same way on every retry, so the record that carries them must be answered on its own.
 * PostgreSQL SQLSTATE classes 22 (data exception, e.g. a NUL in text), 23 (a constraint),
 * 54 (a value beyond a limit, e.g. too large to index) and P0001 (a trigger raised); SQLite's
 * constraint family (including a trigger's RAISE), a value too big, a datatype mismatch.
 * Anything else (a lost connection, a full disk, a bug in a query) is not the record's fault:
 * it stays an error, so the device keeps its batch and retries.
 */
export function isDataRefusal(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return false;
  if (/^(22|23|54)[0-9A-Z]{3}$/.test(code) || code === 'P0001') return true;
  return code.startsWith('SQLITE_CONSTRAINT') || code === 'SQLITE_TOOBIG' || code === 'SQLITE_MISMATCH';
}
