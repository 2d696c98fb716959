import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

/**
 * A supporting document (p.98: "objection with supporting documents"), content-addressed: the SHA-256
 * of its bytes is its key, so identical content uploaded twice is one row and one file.
 * `original_name`, `uploaded_by` and `body_code` are those of the first upload.
 */
@Entity('documents')
export class DocumentEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  sha256: string;

  @Column({ type: 'integer' })
  size: number;

  /** Detected from the bytes, never taken from the file name or the client's Content-Type. */
  @Column({ name: 'media_type', type: 'varchar', length: 100 })
  mediaType: string;

  @Column({ name: 'original_name', type: 'varchar', length: 300 })
  originalName: string;

  /** Account id of the first uploader. */
  @Column({ name: 'uploaded_by', type: 'varchar', length: 36 })
  uploadedBy: string;

  /** The first uploader's body, when an agency representative uploaded it. */
  @Column({ name: 'body_code', type: 'varchar', length: 40, nullable: true })
  bodyCode: string | null;

  @Column({ name: 'created_at', type: 'varchar', length: 40 })
  createdAt: string;
}

/**
 * Each evaluated body whose agency uploaded a document, with the name and time of that body's own
 * first upload. Content addressing shares the bytes; this keeps access per body (SPEC §7): a second
 * agency uploading the same bytes may read its upload, and sees neither the first agency's file name
 * nor when it uploaded it.
 */
@Entity('document_bodies')
export class DocumentBodyEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  sha256: string;

  /** The foreign key the migration declares (never loaded). */
  @ManyToOne(() => DocumentEntity, { nullable: false })
  @JoinColumn({ name: 'sha256' })
  document?: DocumentEntity;

  @PrimaryColumn({ name: 'body_code', type: 'varchar', length: 40 })
  bodyCode: string;

  @Column({ name: 'original_name', type: 'varchar', length: 300 })
  originalName: string;

  @Column({ name: 'uploaded_by', type: 'varchar', length: 36 })
  uploadedBy: string;

  @Column({ name: 'created_at', type: 'varchar', length: 40 })
  createdAt: string;
}
