// SQLite (sql.js, compiled to WebAssembly) in Node: the package finds its .wasm beside its own script.
import initSqlJs from 'sql.js';
import type { OpenSql } from '../domain/formats/gpkg/sql';

let sql: ReturnType<typeof initSqlJs> | undefined;

export const openSqlNode: OpenSql = async (bytes) => {
  sql ??= initSqlJs();
  const { Database } = await sql;
  return new Database(bytes);
};
