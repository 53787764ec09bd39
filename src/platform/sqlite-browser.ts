// SQLite (sql.js, compiled to WebAssembly) in the browser: the .wasm is a file of this build (precached for
// offline use), never fetched from elsewhere.
import initSqlJs from 'sql.js';
import wasmUrl from 'sql.js/dist/sql-wasm-browser.wasm?url';
import type { OpenSql } from '../domain/formats/gpkg/sql';

let sql: ReturnType<typeof initSqlJs> | undefined;

export const openSqlBrowser: OpenSql = async (bytes) => {
  sql ??= initSqlJs({ locateFile: () => wasmUrl });
  const { Database } = await sql;
  return new Database(bytes);
};
