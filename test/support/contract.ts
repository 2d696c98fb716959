import Ajv, { ValidateFunction } from 'ajv';
import { createApiClient } from '../../src/client';
import type { Api } from '../../src/demo/api-client';

type Doc = {
  paths: Record<string, Record<string, any>>;
  components: { schemas: Record<string, unknown>; responses?: Record<string, any> };
};

/**
 * An instant in an answer: ISO 8601 in Astana time, milliseconds written, with its offset (+05:00; +06:00 before
 * 1 March 2024) — the one rule of docs/decisions.md, "The API contract".
 */
export const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0[56]:00$/;
/** Anything that looks like an instant at all. */
const ANY_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
/** Answers that quote recorded data exactly as hashed (events, the bundle, an account's history): not rewritten. */
const RECORDED = [/\/events$/, /\/export$/, /\/history$/];

function instantsNotInAstanaTime(value: unknown, at = ''): string[] {
  if (typeof value === 'string')
    return ANY_INSTANT.test(value) && !INSTANT.test(value) ? [`${at || '(body)'} = ${value}`] : [];
  if (Array.isArray(value)) return value.flatMap((v, k) => instantsNotInAstanaTime(v, `${at}/${k}`));
  // The disagreement table's rows are quoted as signed (p.105: a client recomputes the signed hash from them).
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => (k === 'rows' ? [] : instantsNotInAstanaTime(v, `${at}/${k}`)));
  return [];
}

/**
 * Checks real answers against the served OpenAPI document (issue 11 item 1): the status must be documented for the
 * operation, a JSON body must validate against its schema (ajv, OpenAPI 3.0 `nullable` included), a problem must be
 * application/problem+json with the Problem schema. Answers `[]` or the list of what is wrong.
 */
/** OpenAPI 3.0 `nullable: true` as JSON Schema: the schema, or null. */
function jsonSchemaOf(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(jsonSchemaOf);
  if (!schema || typeof schema !== 'object') return schema;
  const { nullable, ...rest } = schema as Record<string, unknown>;
  const out = Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, k === 'example' ? v : jsonSchemaOf(v)]));
  return nullable ? { anyOf: [out, { type: 'null' }] } : out;
}

export function contractChecker(doc: Doc) {
  const components = jsonSchemaOf(doc.components);
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addFormat('date-time', INSTANT);
  ajv.addFormat('date', /^\d{4}-\d{2}-\d{2}$/);
  ajv.addFormat('uuid', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
  ajv.addFormat('binary', true);
  const compiled = new Map<string, ValidateFunction>();
  const routes = Object.keys(doc.paths).map((template) => ({
    template,
    pattern: new RegExp('^' + template.replace(/\{[^}]+\}/g, '[^/]+') + '$'),
    specificity: template.split('{').length,
  }));
  // `/cases/{id}` and a literal `/rule-sets/in-force` both match: the one with fewer parameters wins.
  const find = (method: string, path: string) => {
    const bare = path.split('?')[0];
    const candidates = routes
      .filter((r) => r.pattern.test(bare) && doc.paths[r.template][method.toLowerCase()])
      .sort((a, b) => a.specificity - b.specificity);
    return candidates[0]?.template;
  };
  const validator = (key: string, schema: unknown) => {
    let v = compiled.get(key);
    if (!v) {
      v = ajv.compile({ allOf: [jsonSchemaOf(schema)], components });
      compiled.set(key, v);
    }
    return v;
  };
  const result = {
    /** Operations whose answers were checked (`GET /api/v1/cases/{id}`), for a test to count. */
    checked: new Set<string>(),
    check(method: string, path: string, status: number, body: unknown, headers: Record<string, string> = {}): string[] {
      const template = find(method, path);
      if (!template) return [`${method} ${path}: no such operation in the document`];
      const op = doc.paths[template][method.toLowerCase()];
      const given = op.responses[String(status)];
      const response = given?.$ref ? doc.components.responses?.[given.$ref.split('/').pop()] : given;
      const where = `${method} ${template} → ${status}`;
      if (!response) return [`${where}: status not documented (documented: ${Object.keys(op.responses).join(', ')})`];
      const wrong: string[] = [];
      // Documented headers are sent: Location on a create, ETag = the quoted version on a case or a commission.
      for (const name of Object.keys(response.headers ?? {})) {
        const value = headers[name.toLowerCase()];
        if (!value) wrong.push(`${where}: no ${name} header`);
        if (name === 'ETag' && value !== `"${(body as { version?: number }).version}"`)
          wrong.push(`${where}: ETag ${value} is not the version`);
        if (name === 'Location' && value && !/^\/api\/v1\/[^?#]+$/.test(value))
          wrong.push(`${where}: Location ${value}`);
      }
      if (status < 300 && !RECORDED.some((r) => r.test(template)))
        wrong.push(...instantsNotInAstanaTime(body).map((w) => `${where}: not Astana time: ${w}`));
      if (wrong.length) return wrong;
      const media = status >= 400 ? 'application/problem+json' : 'application/json';
      const schema = response.content?.[media]?.schema;
      if (!schema) return response.content ? [] : [`${where}: no schema`];
      result.checked.add(`${method} ${template}`);
      const validate = validator(`${where}`, schema);
      if (validate(body)) return [];
      return (validate.errors ?? [])
        .slice(0, 5)
        .map((e) => `${where}: ${e.instancePath || '(body)'} ${e.message} ${JSON.stringify(e.params)}`);
    },
  };
  return result;
}

/**
 * The Api with every answer checked against the document it serves (fetched on the first call); what is wrong is
 * collected in `problems`, and `checked` names the operations whose answers were checked.
 */
export function checkedApi(api: Api, fetchImpl?: (request: Request) => Promise<Response>) {
  let checker: ReturnType<typeof contractChecker> | undefined;
  const problems: string[] = [];
  const checked = new Set<string>();
  const ready = async () => {
    if (!checker) {
      checker = contractChecker((await api.call('GET', '/api/docs-json')).body as Doc);
      checker.checked = checked;
    }
    return checker;
  };
  // The typed client too, when the fetch under it is given: every answer it gets is checked the same way.
  const client = fetchImpl
    ? createApiClient('http://in-process', async (request: Request) => {
        const c = await ready();
        const response = await fetchImpl(request);
        const text = await response.clone().text();
        const url = new URL(request.url);
        const body =
          text && /json/.test(response.headers.get('content-type') ?? '') ? (JSON.parse(text) as unknown) : text;
        problems.push(
          ...c.check(
            request.method,
            url.pathname + url.search,
            response.status,
            body,
            Object.fromEntries(response.headers.entries()),
          ),
        );
        return response;
      })
    : api.client;
  const wrapped: Api = {
    client,
    async call(method, path, token, body, headers) {
      const c = await ready();
      const r = await api.call(method, path, token, body, headers);
      problems.push(...c.check(method, path, r.status, r.body, r.headers));
      return r;
    },
    async upload(path, token, fileName, bytes) {
      const c = await ready();
      const r = await api.upload(path, token, fileName, bytes);
      problems.push(...c.check('POST', path, r.status, r.body, r.headers));
      return r;
    },
  };
  return { api: wrapped, problems, checked };
}
