import { applyDecorators } from '@nestjs/common';
import { ApiProduces, ApiResponse } from '@nestjs/swagger';
import type {
  OpenAPIObject,
  OperationObject,
  ReferenceObject,
  SchemaObject,
} from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { API_SCHEMAS, SchemaName, ref } from './api-schemas';
import { PROBLEM_TYPES, ProblemType } from './problem-types';

/**
 * The documented answer of an operation (issue 11 item 1): its 2xx status and schema (a component name, or a
 * schema object such as `page(ref('Case'))`). Errors are added to every operation by `completeApiDocument`.
 */
export function ApiAnswer(
  schema: SchemaName | SchemaObject | ReferenceObject,
  options: { status?: number; description?: string; headers?: Record<string, string> } = {},
) {
  const status = options.status ?? 200;
  return applyDecorators(
    ApiResponse({
      status,
      description: options.description ?? (status === 201 ? 'Created' : 'OK'),
      schema: typeof schema === 'string' ? ref(schema) : schema,
      ...(options.headers
        ? {
            headers: Object.fromEntries(
              Object.entries(options.headers).map(([k, d]) => [k, { description: d, schema: { type: 'string' } }]),
            ),
          }
        : {}),
    }),
  );
}

/** A create (issue 11 item 3): 201 with the new resource and its address in `Location` (see `@Created`). */
export function ApiCreated(
  schema: SchemaName | SchemaObject | ReferenceObject,
  description = 'Created: the new resource, its address in Location',
) {
  return ApiAnswer(schema, { status: 201, description, headers: { Location: 'The address of the new resource' } });
}

/** An answer that is a file (a document's bytes, a rendered table): its media types. */
export function ApiFileAnswer(mediaTypes: string[], description: string) {
  const content = Object.fromEntries(mediaTypes.map((t) => [t, { schema: { type: 'string', format: 'binary' } }]));
  return applyDecorators(ApiProduces(...mediaTypes), ApiResponse({ status: 200, description, content }));
}

const PROBLEM_MEDIA = 'application/problem+json';

/** Which problems an operation can answer with, by what it is. */
function problemStatuses(method: string, op: OperationObject, path: string): number[] {
  const statuses = new Set<number>([400, 429, 500, 503]);
  if (op.security?.length) [401, 403].forEach((s) => statuses.add(s));
  if (path.includes('{')) statuses.add(404);
  if (method !== 'get') {
    [404, 409, 422].forEach((s) => statuses.add(s));
    if (op.requestBody && 'content' in op.requestBody && op.requestBody.content['multipart/form-data'])
      [413, 415].forEach((s) => statuses.add(s));
  }
  return [...statuses].sort((a, b) => a - b);
}

function typesOf(status: number): ProblemType[] {
  return (Object.keys(PROBLEM_TYPES) as ProblemType[]).filter((t) => PROBLEM_TYPES[t].status === status);
}

/**
 * Finishes the generated document: registers the response schemas, gives every operation its problem+json
 * answers (the Problem schema with the `code` values that status can carry) and a unique operationId.
 */
export function completeApiDocument(document: OpenAPIObject): OpenAPIObject {
  document.components ??= {};
  document.components.schemas = { ...(document.components.schemas ?? {}), ...API_SCHEMAS };
  const seen = new Set<string>();
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of ['get', 'post', 'put', 'delete', 'patch'] as const) {
      const op = item[method];
      if (!op) continue;
      if (!op.operationId || seen.has(op.operationId) || op.operationId.endsWith('_handler'))
        op.operationId = operationIdOf(method, path);
      seen.add(op.operationId);
      for (const status of problemStatuses(method, op, path)) {
        if (op.responses[String(status)]) continue;
        // One shared response per status (components.responses.Problem404, …), so the document stays small.
        const name = `Problem${status}`;
        const types = typesOf(status);
        document.components.responses ??= {};
        document.components.responses[name] ??= {
          description: `Problem: ${types.join(', ')}`,
          content: {
            [PROBLEM_MEDIA]: {
              schema: {
                allOf: [ref('Problem'), { type: 'object', properties: { code: { type: 'string', enum: types } } }],
              },
            },
          },
        };
        op.responses[String(status)] = { $ref: `#/components/responses/${name}` };
      }
    }
  }
  return document;
}

/** `post /api/v1/cases/{id}/table/rows/{n}/decision` → `postCasesTableRowsDecision`. */
export function operationIdOf(method: string, path: string): string {
  const words = path
    .replace(/^\/api\/v1\//, '')
    .split('/')
    .filter((p) => p && !p.startsWith('{'))
    .flatMap((p) => p.split('-'));
  return method + words.map((w) => w[0].toUpperCase() + w.slice(1)).join('');
}
