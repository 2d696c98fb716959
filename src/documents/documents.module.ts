import { Module } from '@nestjs/common';
import { DocumentStorage, FileDocumentStorage } from './document-storage';
import { DocumentsController } from './documents.controller';
import { DocumentsService } from './documents.service';

/** Supporting documents (p.98): upload, content-addressed storage, download. Other modules use DocumentsService. */
@Module({
  controllers: [DocumentsController],
  providers: [DocumentsService, { provide: DocumentStorage, useClass: FileDocumentStorage }],
  exports: [DocumentsService],
})
export class DocumentsModule {}
