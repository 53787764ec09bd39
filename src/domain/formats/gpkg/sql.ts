/**
 * The part of an SQLite database the GeoPackage code needs: sql.js's Database has exactly these methods, so the
 * browser and the CLI hand one in (SQLite compiled to WebAssembly), and the rules stay here, free of any runtime.
 */
export type SqlValue = number | string | Uint8Array | null;

export interface SqlDatabase {
  run(sql: string, params?: SqlValue[]): unknown;
  exec(sql: string, params?: SqlValue[]): { columns: string[]; values: SqlValue[][] }[];
  export(): Uint8Array;
  close(): void;
}

/** Opens an empty database, or the one in `bytes`. */
export type OpenSql = (bytes?: Uint8Array) => Promise<SqlDatabase>;

/** Rows of a query as objects, column name → value. */
export function rows(db: SqlDatabase, sql: string, params?: SqlValue[]): Record<string, SqlValue>[] {
  const [result] = db.exec(sql, params);
  if (!result) return [];
  return result.values.map((values) => Object.fromEntries(result.columns.map((c, i) => [c, values[i] ?? null])));
}

/** An SQL identifier in double quotes (a layer or field name a person chose). */
export const quoteId = (name: string) => `"${name.replace(/"/g, '""')}"`;
