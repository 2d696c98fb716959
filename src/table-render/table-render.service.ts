import { Injectable } from '@nestjs/common';
import { AuthenticatedAccount } from '../auth/authenticated-account';
import { CaseReader } from '../cases/case-reader';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { Language } from '../common/i18n';
import { ReferenceService } from '../reference/reference.service';
import { signedTableSha256 } from '../cases/signed-table';
import { BodyNames, DisagreementTable, buildDisagreementTable } from './disagreement-table.model';
import { TableFormat } from './dto/disagreement-table-query.dto';
import { renderHtml } from './render-html';
import { renderPdf } from './render-pdf';
import { renderXlsx } from './render-xlsx';
import { text, textOr } from '../i18n/text';

export interface RenderedTable {
  contentType: string;
  body: Buffer | string;
  /** For downloads (pdf, xlsx): the localized file name; the page is shown inline. */
  fileName?: string;
}

/** The disagreement table (SPEC §5, appendix 18) as a page, a PDF or a workbook — all from one model. */
@Injectable()
export class TableRenderService {
  constructor(
    private readonly clock: Clock,
    private readonly cases: CaseReader,
    private readonly reference: ReferenceService,
  ) {}

  async render(id: string, format: TableFormat, lang: Language, account: AuthenticatedAccount): Promise<RenderedTable> {
    const now = this.clock.now();
    const table = await this.model(id, lang, account, now);
    switch (format) {
      case 'html':
        return { contentType: 'text/html; charset=utf-8', body: renderHtml(table) };
      case 'pdf':
        return {
          contentType: 'application/pdf',
          body: await renderPdf(table, { createdAt: now }),
          fileName: `${table.fileName}.pdf`,
        };
      case 'xlsx':
        return {
          contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          body: await renderXlsx(table, { createdAt: now }),
          fileName: `${table.fileName}.xlsx`,
        };
    }
  }

  /** Reads what the table shows — under the caller's access to the case (others get 404) — and builds the model. */
  async model(
    id: string,
    lang: Language,
    account: AuthenticatedAccount,
    now = this.clock.now(),
  ): Promise<DisagreementTable> {
    const stream = await this.cases.visible(id, account);
    const view = await this.cases.get(id, account);
    if (view.table.rows.length === 0) {
      throw new DomainError(
        'invalid-transition',
        text('refusals.misc.noTableYet', { id, stage: textOr(`caseStates.${view.state}`, String(view.state)) }),
        { rule: 'table-not-drawn-up', state: view.state },
      );
    }
    const { versions } = await this.cases.conclusions(id, account);
    const latest = versions[versions.length - 1];
    const commission = stream.commission?.snapshot;
    const body = await this.reference.body(view.bodyCode);
    // p.105: the table shown must hash to what the signatures recorded.
    const signed = stream.snapshot.context.signedTable;
    const signedIntact = signed
      ? signedTableSha256(stream.row, stream.snapshot.context, signed.members) === signed.sha256
      : undefined;
    return buildDisagreementTable(
      {
        view,
        conclusion: latest ? { version: latest.version, issuedAt: latest.issuedAt, items: latest.items } : null,
        // Names and roles only: IINs stay out of every rendering.
        members: (commission?.context.members ?? []).map((m) => ({
          role: m.role,
          ...(m.name ? { name: m.name } : {}),
        })),
        body,
        authority: await this.authorityBody(view.authority),
        generatedAt: now.toISOString(),
        ...(signedIntact !== undefined ? { signedIntact } : {}),
      },
      lang,
    );
  }

  /** Authorities are registered as bodies; an unregistered code is shown as it is. */
  private async authorityBody(code: string): Promise<BodyNames | null> {
    try {
      return await this.reference.body(code, 'authority');
    } catch (error) {
      if (error instanceof DomainError && error.type === 'validation-failed') return null;
      throw error;
    }
  }
}
