/**
 * `attachment` with the original name (RFC 6266): an ASCII fallback in `filename` and the exact name,
 * UTF-8 percent-encoded, in `filename*` (RFC 8187), since names are usually Kazakh or Russian.
 */
export function contentDisposition(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\%;]/g, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeRfc8187(name)}`;
}

/** RFC 8187 `attr-char` is ALPHA / DIGIT / "!#$&+-.^_`|~"; everything else is percent-encoded. */
export function encodeRfc8187(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}
