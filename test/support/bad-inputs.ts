import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';

/**
 * Generated bad input for every operation of the served OpenAPI document (issue 12 item 7): deep nesting,
 * odd offsets and dates, huge numbers, long arrays, control / bidi / zero-width / lone-surrogate text, overlong
 * strings, unknown fields, wrong types, malformed path and query parameters. Every generated request is bad in
 * a way no rule of the API accepts, so each must be refused with a 4xx problem — never a 5xx, never a 2xx —
 * and the database must end exactly as it began. Shared by test/bad-input.e2e-spec.ts (a few thousand, in CI)
 * and scripts/bad-input-sweep.ts (≥ 20,000, for the figure).
 */

/** A small seeded generator (mulberry32): the same seed gives the same inputs, so a failure can be replayed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const pick = <T>(r: () => number, list: readonly T[]): T => list[Math.floor(r() * list.length)];
const int = (r: () => number, min: number, max: number) => min + Math.floor(r() * (max - min + 1));

/** Characters no text field may hold (src/common/validators/safe-text.ts). */
export const FORBIDDEN_CHARACTERS = [
  '\u0000',
  '\u0001',
  '\u0007',
  '\u001b',
  '\u007f',
  '\u0085',
  '\u009b', // control (C0, DEL, C1)
  '\u202a',
  '\u202b',
  '\u202c',
  '\u202d',
  '\u202e',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
  '\u200e',
  '\u200f',
  '\u061c', // bidi
  '\u200b',
  '\u200c',
  '\u200d',
  '\u2060',
  '\ufeff', // zero-width, BOM inside a text
  '\ud800',
  '\udbff',
  '\udc00',
  '\udfff', // unpaired surrogates
] as const;

/** ISO instants every reader must refuse: offsets past ±14:00, hours past 23, impossible dates, implausible years. */
export const ODD_INSTANTS = [
  '2025-02-03T10:00:00+24:00',
  '2025-02-03T10:00:00+99:00',
  '2025-02-03T10:00:00-14:30',
  '2025-02-03T10:00:00+14:01',
  '2025-02-03T10:00:00+05:60',
  '2025-02-03T24:00:00Z',
  '2025-02-29T10:00:00Z',
  '2025-13-01T10:00:00Z',
  '0001-01-01T00:00:00Z',
  '1970-01-01T00:00:00Z',
  '9999-12-31T23:59:59+05:00',
  '2025-02-03T10:00:00',
  '2025-02-03',
  '+275760-09-13T00:00:00Z',
  '2025-02-03T10:00:00.1234567890Z',
  '2025-02-03T10:00:00+5:00',
  '2025-W06-1T10:00:00Z',
];
export const ODD_DATES = [
  '2025-02-30',
  '2025-02-29',
  '0001-01-01',
  '1970-01-01',
  '9999-12-31',
  '2025-1-1',
  '20250203',
  '2025-02-03T00:00:00Z',
  '2025-13-01',
];
/** Numbers past every bound of the API (src/common/validators/bounds.ts), and non-numbers that look like them. */
export const HUGE_NUMBERS: number[] = [1e20, -1e20, 1e308, -1e308, 2 ** 53 + 1, 1e20 - 1, 1e21, -(2 ** 31), 2 ** 31];
/** For a number field: also numbers written as text (JSON has them; the API wants numbers). */
const BAD_FOR_NUMBER: unknown[] = [...HUGE_NUMBERS, '99999999999999999999', '5', 'NaN', 'Infinity'];
export const HUGE_QUERY_NUMBERS = [
  '99999999999999999999',
  '1e400',
  '-1e400',
  '9007199254740993',
  '1e21',
  '2147483648',
  '-1',
  '1.5',
  'NaN',
  'Infinity',
  '0x10',
  ' 1',
  '1e3',
];
/** Query parameters that are instants (the rest are identifiers, codes, enums or free text). */
const INSTANT_QUERY = new Set(['from', 'at', 'since']);

export interface Operation {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  pathParams: string[];
  queryParams: string[];
  /** The schema type of each query parameter (`number`, `string`), and whether it is an enum. */
  queryTypes: Record<string, string>;
  bodySchema?: Schema;
  multipart: boolean;
}
type Schema = {
  $ref?: string;
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  example?: unknown;
};

export function operationsFrom(doc: {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: { in: string; name: string; schema?: Schema }[];
        requestBody?: { content: Record<string, { schema: Schema }> };
      }
    >
  >;
}): Operation[] {
  const out: Operation[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const content = op.requestBody?.content ?? {};
      out.push({
        method: method.toUpperCase() as Operation['method'],
        path,
        pathParams: (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name),
        queryParams: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
        queryTypes: Object.fromEntries(
          (op.parameters ?? [])
            .filter((p) => p.in === 'query')
            .map((p) => [p.name, p.schema?.enum ? 'enum' : (p.schema?.type ?? 'string')]),
        ),
        bodySchema: content['application/json']?.schema,
        multipart: 'multipart/form-data' in content,
      });
    }
  }
  return out;
}

export interface Fixtures {
  /** A real value for each path parameter of an operation (ids of the seeded world), by name and path. */
  pathValue(operation: Operation, name: string): string;
  /** Schemas of the document's components. */
  schemas: Record<string, Schema>;
}

function resolve(schema: Schema | undefined, fixtures: Fixtures): Schema | undefined {
  if (!schema?.$ref) return schema;
  return fixtures.schemas[schema.$ref.replace('#/components/schemas/', '')];
}

/** A plausible value for a schema: a body close to valid, so the one bad field is what is refused. */
function plausible(schema: Schema | undefined, fixtures: Fixtures, depth = 0): unknown {
  const s = resolve(schema, fixtures);
  if (!s || depth > 4) return 'x';
  if (s.example !== undefined && !Array.isArray(s.example)) return s.example;
  if (s.enum?.length) return s.enum[0];
  switch (s.type) {
    case 'number':
    case 'integer':
      return 1;
    case 'boolean':
      return false;
    case 'array':
      return [plausible(s.items, fixtures, depth + 1)];
    case 'object':
    case undefined: {
      const out: Record<string, unknown> = {};
      for (const [name, prop] of Object.entries(s.properties ?? {}))
        if ((s.required ?? []).includes(name)) out[name] = plausible(prop, fixtures, depth + 1);
      return out;
    }
    default:
      return 'Жарамды мәтін';
  }
}

/** Deep nesting: arrays or objects `levels` deep (the parser refuses past 10 before anything recurses). */
export function nested(levels: number, kind: 'array' | 'object' | 'mixed', r: () => number): string {
  let open = '';
  let close = '';
  for (let i = 0; i < levels; i++) {
    const asArray = kind === 'array' || (kind === 'mixed' && r() < 0.5);
    open += asArray ? '[' : '{"a":';
    close = (asArray ? ']' : '}') + close;
  }
  return `${open}1${close}`;
}

/** A text with a forbidden character strictly inside it (a leading or trailing one might be trimmed away). */
function badText(r: () => number): string {
  const base = pick(r, ['Қазақстан', 'Министерство', 'Objection text', 'Ab']);
  const at = int(r, 1, base.length - 1);
  return base.slice(0, at) + pick(r, FORBIDDEN_CHARACTERS) + base.slice(at);
}

/** A value no field of the given schema accepts. */
function badValueFor(
  schema: Schema | undefined,
  fixtures: Fixtures,
  r: () => number,
): { value: unknown; kind: string } {
  const s = resolve(schema, fixtures);
  const type = s?.type ?? (s?.properties ? 'object' : 'string');
  const roll = r();
  if (type === 'array') {
    if (roll < 0.45)
      return {
        value: Array.from({ length: int(r, 1_001, 3_000) }, () => plausible(s?.items, fixtures)),
        kind: 'long array',
      };
    if (roll < 0.6) return { value: [[]], kind: 'array of arrays' };
    if (roll < 0.75) return { value: JSON.parse(nested(int(r, 11, 40), 'array', r)), kind: 'nested array' };
    if (roll < 0.9) return { value: [badText(r)], kind: 'bad text in array' };
    return { value: pick(r, HUGE_NUMBERS), kind: 'number for array' };
  }
  if (type === 'object') {
    if (roll < 0.4) return { value: JSON.parse(nested(int(r, 11, 40), 'object', r)), kind: 'nested object' };
    if (roll < 0.7) return { value: [[]], kind: 'array for object' };
    return { value: badText(r), kind: 'text for object' };
  }
  if (type === 'number' || type === 'integer') {
    if (roll < 0.8) return { value: pick(r, BAD_FOR_NUMBER), kind: 'huge number' };
    return { value: badText(r), kind: 'text for number' };
  }
  if (type === 'boolean') return { value: pick(r, [badText(r), 1e20, [[]]]), kind: 'not a boolean' };
  // Strings: an odd instant where the field is one, else forbidden characters, overlong text, or wrong types.
  const example = typeof s?.example === 'string' ? s.example : '';
  if (/^\d{4}-\d{2}-\d{2}T/.test(example) && roll < 0.6) return { value: pick(r, ODD_INSTANTS), kind: 'odd instant' };
  if (/^\d{4}-\d{2}-\d{2}$/.test(example) && roll < 0.6) return { value: pick(r, ODD_DATES), kind: 'odd date' };
  if (roll < 0.6) return { value: badText(r), kind: 'forbidden character' };
  if (roll < 0.75) return { value: 'Ә'.repeat(int(r, 10_001, 60_000)), kind: 'overlong text' };
  if (roll < 0.9) return { value: pick(r, HUGE_NUMBERS), kind: 'number for text' };
  return { value: JSON.parse(nested(int(r, 11, 30), 'mixed', r)), kind: 'nested for text' };
}

/** Every field of a body schema, with its path (one level of nested objects and array items). */
function fieldsOf(schema: Schema | undefined, fixtures: Fixtures): { path: string[]; schema: Schema }[] {
  const s = resolve(schema, fixtures);
  const out: { path: string[]; schema: Schema }[] = [];
  for (const [name, prop] of Object.entries(s?.properties ?? {})) {
    out.push({ path: [name], schema: prop });
    const inner = resolve(prop.type === 'array' ? prop.items : prop, fixtures);
    for (const [sub, subProp] of Object.entries(inner?.properties ?? {})) {
      out.push({ path: prop.type === 'array' ? [name, '0', sub] : [name, sub], schema: subProp });
    }
  }
  return out;
}

function setPath(
  target: Record<string, unknown>,
  path: string[],
  value: unknown,
  fixtures: Fixtures,
  schema: Schema | undefined,
): void {
  let node: Record<string, unknown> = target;
  let s = resolve(schema, fixtures);
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i];
    const prop = s?.properties?.[key] ?? resolve(s?.items, fixtures);
    if (node[key] === undefined || typeof node[key] !== 'object' || node[key] === null)
      node[key] = /^\d+$/.test(path[i + 1])
        ? [plausible(resolve(prop?.items, fixtures), fixtures)]
        : plausible(prop, fixtures);
    node = node[key] as Record<string, unknown>;
    s = resolve(prop?.type === 'array' ? prop.items : prop, fixtures);
  }
  node[path[path.length - 1]] = value;
}

/**
 * encodeURIComponent, except that a lone surrogate (which it refuses) is sent as its three WTF-8 bytes, e.g.
 * %ED%A0%80 — invalid UTF-8 in the URL, which the service must refuse like any other malformed parameter.
 */
export function encodeComponent(value: string): string {
  let out = '';
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    if (code >= 0xd800 && code <= 0xdfff) {
      out += [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)]
        .map((b) => `%${b.toString(16).toUpperCase()}`)
        .join('');
    } else out += encodeURIComponent(ch);
  }
  return out;
}

export interface GeneratedRequest {
  method: Operation['method'];
  url: string;
  payload?: string;
  headers: Record<string, string>;
  what: string;
}

/** Path parameter values that are malformed for any parameter. */
function badPathValue(name: string, r: () => number): { value: string; kind: string } {
  const roll = r();
  if (roll < 0.35) return { value: `a${pick(r, FORBIDDEN_CHARACTERS)}b`, kind: 'forbidden character in path' };
  if (roll < 0.5 && (name === 'date' || name === 'year'))
    return { value: pick(r, [...ODD_DATES, '0001', '9999', '99999999999999999999']), kind: 'odd date in path' };
  if (roll < 0.65) return { value: pick(r, HUGE_QUERY_NUMBERS), kind: 'huge number in path' };
  if (roll < 0.8) return { value: 'x'.repeat(int(r, 300, 2_000)), kind: 'overlong path segment' };
  // Not '..': a client resolves it before sending (GET /cases/../documents/X is GET /documents/X, a real endpoint).
  return {
    value: pick(r, ['%', '%2e%2e', '\\', "' OR 1=1 --", '{}', '[]', '*', '<script>']),
    kind: 'odd path segment',
  };
}

/**
 * A value the query parameter refuses, by its kind: numbers out of range or not plain decimals for a number;
 * odd instants for an instant; for any text, forbidden characters or more than the longest any takes (2,000).
 * (A number such as `1e400` is a valid code or cycle name, so it is sent only where a number is wanted.)
 */
function badQueryValue(name: string, type: string, r: () => number): { value: string; kind: string } {
  const roll = r();
  if ((type === 'number' || type === 'integer') && roll < 0.6)
    return { value: pick(r, HUGE_QUERY_NUMBERS), kind: 'huge number in query' };
  if (INSTANT_QUERY.has(name) && roll < 0.6) return { value: pick(r, ODD_INSTANTS), kind: 'odd instant in query' };
  if (type === 'enum' && roll < 0.6)
    return {
      value: pick(r, ['', 'x', 'ALL', '*', '1', 'true']).concat(name === 'overdue' ? 'x' : ''),
      kind: 'not one of the values in query',
    };
  if (roll < 0.85) return { value: `a${pick(r, FORBIDDEN_CHARACTERS)}b`, kind: 'forbidden character in query' };
  return { value: 'x'.repeat(int(r, 2_001, 8_000)), kind: 'overlong query value' };
}

/**
 * One bad request for `operation`. Kinds: a malformed path parameter, a bad query parameter, a body nested too
 * deep, a bad value in one field of an otherwise plausible body, an unknown field, or garbage for the body.
 */
export function badRequest(
  operation: Operation,
  fixtures: Fixtures,
  token: string | undefined,
  r: () => number,
): GeneratedRequest | null {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const params = Object.fromEntries(operation.pathParams.map((name) => [name, fixtures.pathValue(operation, name)]));
  const query: Record<string, string> = {};
  const kinds: string[] = [];
  if (operation.pathParams.length) kinds.push('path');
  if (operation.queryParams.length) kinds.push('query');
  if (operation.bodySchema) kinds.push('deep', 'field', 'field', 'field', 'extra', 'garbage');
  if (operation.multipart) kinds.push('multipart');
  if (kinds.length === 0) return null;
  const kind = pick(r, kinds);
  let what = kind;
  let payload: string | undefined;
  if (kind === 'path') {
    const name = pick(r, operation.pathParams);
    const bad = badPathValue(name, r);
    params[name] = bad.value;
    what = `${bad.kind} (${name})`;
  } else if (kind === 'query') {
    const name = pick(r, operation.queryParams);
    const bad = badQueryValue(name, operation.queryTypes[name] ?? 'string', r);
    query[name] = bad.value;
    what = bad.kind;
  }
  if (operation.bodySchema) {
    const body = plausible(operation.bodySchema, fixtures) as Record<string, unknown>;
    if (kind === 'deep') {
      payload = nested(pick(r, [11, 12, 50, 1_000, 5_000, 20_000]), pick(r, ['array', 'object', 'mixed'] as const), r);
      what = 'deep nesting';
    } else if (kind === 'field') {
      const fields = fieldsOf(operation.bodySchema, fixtures);
      if (fields.length === 0) {
        payload = JSON.stringify({ unknownField: badText(r) });
        what = 'unknown field';
      } else {
        const field = pick(r, fields);
        const bad = badValueFor(field.schema, fixtures, r);
        setPath(body, field.path, bad.value, fixtures, operation.bodySchema);
        payload = JSON.stringify(body);
        what = `${bad.kind} in ${field.path.join('.')}`;
      }
    } else if (kind === 'extra') {
      // defineProperty: an own `__proto__` member, as JSON.parse makes one (assignment would set the prototype).
      Object.defineProperty(body, pick(r, ['__proto__', 'constructor', 'admin', 'role', 'version', 'x\u0000', 'id']), {
        value: pick(r, [1, 'x', true, { a: 1 }]),
        enumerable: true,
      });
      payload = JSON.stringify(body);
      what = 'unknown field';
    } else if (kind === 'garbage') {
      payload = pick(r, [
        '',
        'null',
        '[]',
        '"x"',
        '1e999',
        '{',
        '{"a":',
        '\u0000',
        'true',
        '[[[]]]',
        '{"a":1,"a":2}',
        JSON.stringify(badText(r)),
      ]);
      what = 'garbage body';
      if (payload === 'null' || payload === '') {
        // An empty object is a valid body for commands whose fields are all optional: send an unknown field instead.
        payload = JSON.stringify({ nothing: badText(r) });
      }
    } else {
      payload = JSON.stringify(body);
    }
    headers['content-type'] = 'application/json';
  } else if (kind === 'multipart') {
    payload = nested(int(r, 11, 5_000), 'array', r);
    headers['content-type'] = pick(r, ['application/json', 'multipart/form-data; boundary=x', 'text/plain']);
    what = `not a multipart upload (${headers['content-type']})`;
  }
  const path = operation.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeComponent(params[name]));
  const search = Object.entries(query)
    .map(([k, v]) => `${encodeComponent(k)}=${encodeComponent(v)}`)
    .join('&');
  return {
    method: operation.method,
    url: search ? `${path}?${search}` : path,
    payload,
    headers,
    what: `${operation.method} ${operation.path}: ${what}`,
  };
}

/**
 * Every table's contents, as a digest per table (row count and SHA-256 over the rows in a canonical order): the
 * "nothing changed" check compares contents, not row counts — an UPDATE that keeps the count is caught too.
 */
export async function tableDigests(dataSource: DataSource): Promise<Record<string, string>> {
  const tables: string[] =
    dataSource.options.type === 'postgres'
      ? (
          await dataSource.query(
            `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`,
          )
        ).map((t: { name: string }) => t.name)
      : (
          await dataSource.query(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
        ).map((t: { name: string }) => t.name);
  const out: Record<string, string> = {};
  for (const table of tables.sort()) {
    const rows: Record<string, unknown>[] = await dataSource.query(`SELECT * FROM "${table}"`);
    const canonical = rows
      .map((row) =>
        JSON.stringify(
          Object.keys(row)
            .sort()
            .map((k) => [
              k,
              row[k] instanceof Date
                ? row[k].toISOString()
                : Buffer.isBuffer(row[k])
                  ? row[k].toString('base64')
                  : row[k],
            ]),
        ),
      )
      .sort();
    out[table] = `${rows.length} rows, ${createHash('sha256').update(canonical.join('\n')).digest('hex').slice(0, 16)}`;
  }
  return out;
}

export interface Refusal {
  statusCode: number;
  headers: Record<string, unknown>;
  body: string;
}

/** Why a response to a bad request is wrong, or null when it is a proper refusal (4xx problem+json, fields named). */
export function improperRefusal(res: Refusal): string | null {
  if (res.statusCode >= 500) return `status ${res.statusCode}: ${res.body.slice(0, 300)}`;
  if (res.statusCode < 400) return `accepted with ${res.statusCode}: ${res.body.slice(0, 300)}`;
  if (!String(res.headers['content-type']).startsWith('application/problem+json'))
    return `${res.statusCode} without problem+json`;
  let body: { code?: string; invalidParams?: { name?: unknown }[] };
  try {
    body = JSON.parse(res.body);
  } catch {
    return 'problem body is not JSON';
  }
  if (
    body.code === 'validation-failed' &&
    !(body.invalidParams?.length && body.invalidParams.every((p) => typeof p.name === 'string' && p.name.length > 0))
  ) {
    return `validation-failed without named fields: ${res.body.slice(0, 300)}`;
  }
  if (/at .*\.(ts|js):\d+/.test(res.body)) return 'stack trace in a response';
  return null;
}
