import { bearer, dataOf } from '../../src/client';
import { Api, ApiResponse, expectOk } from '../../src/demo/api-client';
import { World, conclusionOf, demoPdf, meetingInvitees } from '../../src/demo/world';
import { TestApp } from './test-app';

/**
 * The steps of the procedure over HTTP, for the e2e tests of the law (issue 13): each returns the API's answer, so a
 * test can either expect it to succeed (`ok`) or look at the refusal.
 */
export function procedure(sut: TestApp, api: Api, world: World) {
  const t = (k: string) => world.tokens[k];
  const post = (path: string, token: string, body: unknown = {}): Promise<ApiResponse> =>
    api.call('POST', path, token, body);
  const get = (path: string, token: string): Promise<ApiResponse> => api.call('GET', path, token);
  const ok = expectOk;
  const officerOf = (direction: 'personnel' | 'it') => (direction === 'personnel' ? 'ascOfficer' : 'mdaiOfficer');
  const secretaryOf = (direction: 'personnel' | 'it') => (direction === 'personnel' ? 'ascSecretary' : 'mdaiSecretary');

  return {
    t,
    post,
    get,
    ok,
    /** Sets the clock to a local Astana time (`2025-02-04T11:00`). */
    at: (local: string) => sut.clock.set(new Date(`${local}:00+05:00`).toISOString()),

    /** p.95/p.97: a conclusion of the world's cycle, delivered now (no deliveredAt: the receipt time is the delivery). */
    issue: (
      bodyCode: string,
      direction: 'personnel' | 'it' = 'personnel',
      extra: Record<string, unknown> = {},
      token = t(officerOf(direction)),
    ) => {
      const { deliveredAt: _d, ...body } = conclusionOf(world, bodyCode, '', direction);
      return post('/api/v1/conclusions', token, { ...body, ...extra });
    },

    /** p.100/p.101: the authority's commission for the world's cycle, with five members, constituted. */
    commission: async (
      direction: 'personnel' | 'it' = 'personnel',
      members = world.members.personnel,
      token = t(secretaryOf(direction)),
    ) => {
      // Through the typed client (src/client): the document's paths and bodies, checked by the compiler.
      const as = { headers: bearer(token) };
      const c = await dataOf(
        api.client.POST('/api/v1/commissions', { body: { direction, cycle: world.cycle }, ...as }),
        'commission',
      );
      const at = { params: { path: { id: c.id } }, ...as };
      for (const m of members)
        await dataOf(api.client.POST('/api/v1/commissions/{id}/members', { ...at, body: m }), `member ${m.role}`);
      await dataOf(api.client.POST('/api/v1/commissions/{id}/constitution', { ...at, body: {} }), 'constitution');
      return c.id;
    },

    /** p.98: an objection with one supporting document. */
    object: async (
      caseId: string,
      bodyCode: string,
      items: { indicatorCode: string; claimedScore?: number; argument: string }[],
    ) => {
      const doc = await api.upload(
        '/api/v1/documents',
        t(`agency:${bodyCode}`),
        `Анықтама ${bodyCode}.pdf`,
        demoPdf(`objection ${bodyCode} ${caseId}`),
      );
      return post(`/api/v1/cases/${caseId}/objection`, t(`agency:${bodyCode}`), {
        items,
        documents: [doc.body.sha256],
      });
    },

    /** p.102: the table from the disputed items, and its submission to the commission. */
    tableAndSubmission: async (caseId: string, codes: string[], direction: 'personnel' | 'it' = 'personnel') => {
      await ok(
        post(`/api/v1/cases/${caseId}/table`, t(officerOf(direction)), {
          rows: codes.map((indicatorCode) => ({ indicatorCode, authorityPosition: 'Бағалау деректері расталған' })),
        }),
        'table',
      );
      return ok(post(`/api/v1/cases/${caseId}/table/submission`, t(secretaryOf(direction))), 'submission');
    },

    /** p.103: a meeting inviting the body's representative and its evaluators (unless told otherwise). */
    meeting: async (
      commissionId: string,
      scheduledFor: string,
      bodyCode: string,
      direction: 'personnel' | 'it' = 'personnel',
      invitees = meetingInvitees(world, bodyCode, direction),
      token = t(secretaryOf(direction)),
    ) => {
      const r = await post(`/api/v1/commissions/${commissionId}/meetings`, token, { scheduledFor, invitees });
      return { response: r, id: r.status === 201 ? (r.body.id as string) : '' };
    },

    attend: (
      commissionId: string,
      meetingId: string,
      present: string[],
      direction: 'personnel' | 'it' = 'personnel',
      token = t(secretaryOf(direction)),
    ) => post(`/api/v1/commissions/${commissionId}/meetings/${meetingId}/attendance`, token, { present }),

    decide: (
      caseId: string,
      n: number,
      body: Record<string, unknown>,
      direction: 'personnel' | 'it' = 'personnel',
      token = t(secretaryOf(direction)),
    ) =>
      post(`/api/v1/cases/${caseId}/table/rows/${n}/decision`, token, {
        rationale: 'Құжаттармен расталды / Подтверждено документами',
        ...body,
      }),

    sign: (caseId: string, token: string, body: Record<string, unknown> = {}) =>
      post(`/api/v1/cases/${caseId}/table/signatures`, token, body),

    events: async (caseId: string) => {
      const page = await dataOf(
        api.client.GET('/api/v1/cases/{id}/events', {
          params: { path: { id: caseId }, query: { limit: 1000 } },
          headers: bearer(t('auditor')),
        }),
        'events',
      );
      return page.items as { type: string; payload: any; businessTime: string }[];
    },

    // Typed as the document says (Schemas['Case']), but tests reach into recorded members (table rows), so `any`.
    view: async (caseId: string, token = t('auditor')): Promise<any> =>
      dataOf(
        api.client.GET('/api/v1/cases/{id}', { params: { path: { id: caseId } }, headers: bearer(token) }),
        'case',
      ),

    sql: (text: string, params: unknown[] = []) =>
      sut.dataSource.query(sut.dataSource.options.type === 'postgres' ? text : text.replace(/\$\d+/g, '?'), params),
  };
}
