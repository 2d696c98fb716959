import { DomainError, invalidParam } from '../common/domain-error';
import { MAX_DOCUMENT_BYTES } from './document-limits';
import { text } from '../i18n/text';

/**
 * Turns what @fastify/multipart (and busboy) throw into a refusal naming the field `file`, so a bad
 * upload is a 4xx problem+json and never a 500. Domain errors pass through unchanged.
 */
export function multipartProblem(error: unknown): unknown {
  if (error instanceof DomainError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  const raw = (error as { message?: unknown } | null)?.message;
  const message = typeof raw === 'string' ? raw : '';
  switch (code) {
    case 'FST_REQ_FILE_TOO_LARGE':
      return new DomainError('payload-too-large', text('refusals.documents.tooLarge', { max: MAX_DOCUMENT_BYTES }), {
        invalidParams: [invalidParam('file', 'refusals.documents.largerThan', { max: MAX_DOCUMENT_BYTES })],
      });
    case 'FST_FILES_LIMIT':
      return DomainError.field('file', 'refusals.documents.oneFile');
    case 'FST_PARTS_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return DomainError.field('file', 'refusals.documents.tooManyParts');
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return DomainError.field('file', 'refusals.documents.sendMultipart');
    case 'ERR_STREAM_PREMATURE_CLOSE': // the body ended inside the file part (or the client went away)
      return DomainError.field('file', 'refusals.documents.endedEarly');
    case 'FST_PROTO_VIOLATION':
      return DomainError.field('file', 'refusals.documents.fieldName');
    default:
      break;
  }
  // busboy's parse errors ("Multipart: Boundary not found", "Part terminated early", malformed headers).
  if (/multipart|boundary|terminated early|malformed|unexpected end/i.test(message)) {
    return DomainError.field('file', 'refusals.documents.malformed');
  }
  return error;
}
