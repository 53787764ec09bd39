/** Up to this size a file's progress is not worth reporting; above it, hashing says how far it got. Apart from
 * hash-blob.ts so that the page can know it without loading hash-wasm. */
export const WHOLE_FILE_HASH_LIMIT = 64 * 1024 * 1024;
