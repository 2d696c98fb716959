import { DomainError } from '../common/domain-error';
import { MAX_DOCUMENT_BYTES } from './document-limits';

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
      return new DomainError('payload-too-large', `A document may be at most ${MAX_DOCUMENT_BYTES} bytes (10 MiB)`, {
        invalidParams: [{ name: 'file', reason: `larger than ${MAX_DOCUMENT_BYTES} bytes` }],
      });
    case 'FST_FILES_LIMIT':
      return DomainError.validation([{ name: 'file', reason: 'send exactly one file' }]);
    case 'FST_PARTS_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return DomainError.validation([{ name: 'file', reason: 'the form has too many parts: send only the field "file"' }]);
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return DomainError.validation([
        { name: 'file', reason: 'send the document as multipart/form-data with one file field named "file"' },
      ]);
    case 'ERR_STREAM_PREMATURE_CLOSE': // the body ended inside the file part (or the client went away)
      return DomainError.validation([{ name: 'file', reason: 'the multipart/form-data body ended before the file did' }]);
    case 'FST_PROTO_VIOLATION':
      return DomainError.validation([{ name: 'file', reason: 'a field name is not allowed' }]);
    default:
      break;
  }
  // busboy's parse errors ("Multipart: Boundary not found", "Part terminated early", malformed headers).
  if (/multipart|boundary|terminated early|malformed|unexpected end/i.test(message)) {
    return DomainError.validation([{ name: 'file', reason: 'the multipart/form-data body is malformed' }]);
  }
  return error;
}
