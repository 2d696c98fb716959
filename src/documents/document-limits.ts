/** The largest accepted document: 10 MiB (also the multipart limit set in bootstrap.ts). */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

/** Longest kept file name, in characters (the `original_name` column). */
export const MAX_NAME_LENGTH = 300;
