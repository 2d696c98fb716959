import { Controller, Get, HttpCode, Param, Post, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthenticatedAccount, CurrentAccount } from '../auth/authenticated-account';
import { Access } from '../auth/roles';
import { DomainError, invalidParam } from '../common/domain-error';
import { contentDisposition } from './content-disposition';
import { DocumentView, DocumentsService, normalizeSha256 } from './documents.service';
import { multipartProblem } from './multipart-problem';
import { text } from '../i18n/text';
import { ApiAnswer, ApiCreated, ApiFileAnswer } from '../common/api-contract';
import { Created } from '../common/answers';

function shaParam(sha256: string): string {
  const key = normalizeSha256(sha256);
  if (!key) throw DomainError.field('sha256', 'refusals.documents.sha256');
  return key;
}

/**
 * Supporting documents of objections (p.98). Upload once, then cite by SHA-256.
 * Reading by SHA-256 here: administrators, auditors and authority staff; an agency only what its own
 * body uploaded (others: 404). Documents attached to a case are also downloadable through the case,
 * `GET /cases/{id}/documents/{sha256}` (cases module, via DocumentsService.open), scoped by case access.
 */
@ApiTags('documents')
@ApiBearerAuth()
@Controller('documents')
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  @Post()
  @HttpCode(201)
  @Access('document.upload')
  @ApiOperation({
    summary: 'Upload a supporting document (p.98): multipart/form-data with one file field `file`, at most 10 MiB',
    description:
      'The type is detected from the content (PDF, PNG, JPEG, DOCX, XLSX, PPTX, OpenDocument, UTF-8 text), not from the name. ' +
      'Identical content is stored once: uploading it again returns the same SHA-256.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } },
  })
  @ApiCreated('Document')
  @Created((document: { sha256: string }) => `/api/v1/documents/${document.sha256}`)
  async upload(@Req() req: FastifyRequest, @CurrentAccount() account: AuthenticatedAccount): Promise<DocumentView> {
    const form = await openForm(req);
    try {
      return await this.documents.store({
        stream: form.file.file,
        originalName: form.file.filename,
        account,
        beforeRecord: form.rest,
      });
    } catch (error) {
      throw multipartProblem(error);
    } finally {
      form.file.file.resume(); // a refused upload is drained, so the request completes and the client gets its answer
    }
  }

  @Get(':sha256')
  @Access('document.own')
  @ApiOperation({
    summary:
      "A document's metadata, for the side that uploaded it (others read documents through the case that cites them)",
  })
  @ApiAnswer('Document')
  metadata(@Param('sha256') sha256: string, @CurrentAccount() account: AuthenticatedAccount): Promise<DocumentView> {
    return this.documents.viewFor(shaParam(sha256), account);
  }

  @Get(':sha256/content')
  @Access('document.own')
  @ApiOperation({ summary: "A document's bytes, as an attachment with its original name" })
  @ApiProduces('application/octet-stream')
  @ApiFileAnswer(['application/pdf', 'application/octet-stream'], 'The document as uploaded')
  async content(
    @Param('sha256') sha256: string,
    @CurrentAccount() account: AuthenticatedAccount,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const { view, stream } = await this.documents.openFor(shaParam(sha256), account);
    void reply
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .header('etag', `"${view.sha256}"`)
      .header('x-content-sha256', view.sha256);
    return new StreamableFile(stream, {
      type: view.mediaType,
      disposition: contentDisposition(view.originalName),
      length: view.size,
    });
  }
}

/**
 * The multipart form: its first file part (which must be the field `file`) and `rest`, which reads the
 * parts after it and refuses a second file or any multipart limit hit on the way.
 */
async function openForm(req: FastifyRequest): Promise<{ file: MultipartFile; rest: () => Promise<void> }> {
  if (!req.isMultipart()) {
    throw DomainError.validation(
      [invalidParam('file', 'refusals.documents.sendMultipart')],
      text('refusals.documents.notMultipart'),
    );
  }
  let parts: AsyncIterator<Awaited<ReturnType<FastifyRequest['file']>>>;
  let file: MultipartFile | undefined;
  try {
    parts = req.parts()[Symbol.asyncIterator]() as typeof parts;
    for (;;) {
      const next = await parts.next();
      if (next.done) break;
      if (next.value?.type === 'file') {
        file = next.value;
        break;
      }
    }
  } catch (error) {
    throw multipartProblem(error);
  }
  if (!file) throw DomainError.field('file', 'refusals.documents.noFile');
  if (file.fieldname !== 'file') {
    file.file.resume();
    throw DomainError.field('file', 'refusals.documents.wrongField', { field: file.fieldname });
  }
  const upload = file;
  const rest = async (): Promise<void> => {
    if (upload.file.truncated) throw multipartProblem({ code: 'FST_REQ_FILE_TOO_LARGE' });
    try {
      for (;;) {
        const next = await parts.next();
        if (next.done) return;
        if (next.value?.type === 'file') {
          next.value.file.resume();
          throw DomainError.field('file', 'refusals.documents.oneFile');
        }
      }
    } catch (error) {
      throw multipartProblem(error);
    }
  };
  return { file: upload, rest };
}
