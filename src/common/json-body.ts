import type { FastifyInstance } from 'fastify';
import { DomainError, invalidParam } from './domain-error';
import { text as textOf } from '../i18n/text';

/**
 * The deepest JSON a request body may nest (arrays and objects). The deepest body the API takes is a calendar
 * year: { entries: [ { name: { … } } ] } — four levels; ten leaves room and stops `[` × 5,000 long before any
 * recursive reader (JSON.parse, class-transformer, class-validator) could run out of stack.
 */
export const MAX_JSON_DEPTH = 10;

/**
 * The first nesting level above `max` in a JSON text, or 0 when there is none. One pass, no recursion,
 * strings skipped (a `[` inside a string does not nest); run on the raw text BEFORE it is parsed.
 */
export function jsonDepthOver(text: string, max: number): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return depth;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return 0;
}

/**
 * Replaces the JSON body parser of a Fastify instance: the size limit (413) is Fastify's, then the nesting
 * depth is checked on the raw text (400 validation-failed naming the body), then Fastify's own secure parser
 * (prototype poisoning refused) runs. Validation only ever sees bounded input.
 */
export function installJsonBodyParser(fastify: FastifyInstance, bodyLimit: number): void {
  const secureParse = fastify.getDefaultJsonParser('error', 'error');
  if (fastify.hasContentTypeParser('application/json')) fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit }, (request, body, done) => {
    const text = body as string;
    if (jsonDepthOver(text, MAX_JSON_DEPTH)) {
      done(
        DomainError.validation(
          [invalidParam('body', 'reasons.jsonTooDeep', { limit: MAX_JSON_DEPTH })],
          textOf('refusals.common.tooDeepJson', { limit: MAX_JSON_DEPTH }),
        ),
        undefined,
      );
      return;
    }
    void secureParse(request, text, done);
  });
}
