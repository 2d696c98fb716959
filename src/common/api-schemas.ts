import type { ReferenceObject, SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { PROBLEM_TYPES } from './problem-types';

/**
 * The response schemas of the public API (issue 11 item 1), as OpenAPI 3.0 schema objects registered under
 * `components.schemas` (src/common/api-contract.ts). Each read and command names its schema with `@ApiAnswer`,
 * and the e2e contract test validates real answers against them, so a schema that lies fails a test.
 * Kept by hand next to the readers they describe; the generated client (src/client/api.d.ts) is built from them.
 */
type S = SchemaObject | ReferenceObject;

export const s: S = { type: 'string' };
export const i: S = { type: 'integer' };
const n: S = { type: 'number' };
const b: S = { type: 'boolean' };
/** An instant: ISO 8601 with the Astana offset (docs/decisions.md, "The API contract"). */
export const dt: S = { type: 'string', format: 'date-time' };
const date: S = { type: 'string', format: 'date', example: '2025-02-03' };
const sha: S = { type: 'string', pattern: '^[0-9a-f]{64}$' };
const uuid: S = { type: 'string', format: 'uuid' };
const e = (...values: string[]): S => ({ type: 'string', enum: values });
/** An array of a schema, or of a component by name. */
export const arr = (items: S | string): S => ({ type: 'array', items: typeof items === 'string' ? ref(items) : items });
export const nul = (schema: S): S =>
  '$ref' in schema ? { allOf: [schema], nullable: true } : { ...schema, nullable: true };
/** A reference to a schema of this file (its name is checked where the decorators use it: src/common/api-contract.ts). */
export const ref = (name: string): ReferenceObject => ({ $ref: `#/components/schemas/${name}` });
/** Recorded data whose members depend on its kind (an event's payload, a rule set's settings): any JSON object. */
const open = (description: string): S => ({ type: 'object', additionalProperties: true, description });
/** An object: every member of `required` is always there; `optional` ones only when they apply. */
export const o = (required: Record<string, S>, optional: Record<string, S> = {}, description?: string): S => ({
  type: 'object',
  properties: { ...required, ...optional },
  ...(Object.keys(required).length ? { required: Object.keys(required) } : {}),
  ...(description ? { description } : {}),
});

const direction = e('personnel', 'it');
const texts = o({ kk: s, ru: s, en: s }, {}, 'One text in Kazakh, Russian and English');
const term = o({}, { workingDays: i, calendarDays: i });
const documentRef = o({ name: s, sha256: sha });
const caseDeadlines = o(
  { objection: nul(dt), table: nul(dt), result: nul(dt), escalation: nul(dt) },
  { signature: nul(dt) },
);
const overdue = arr(o({ kind: s, law: s, due: dt, at: dt }));
const conclusionItem = o(
  { code: s, title: s, score: n, maxScore: n },
  { scale: open('The catalogue scale: `max` (whole points 0…max) or `values`') },
);
const act = o(
  {
    title: s,
    number: nul(s),
    date: nul(date),
    adoptedOn: nul(date),
    inForceFrom: date,
    inForceUntil: nul(date),
    repealedBy: nul(s),
  },
  {},
  'The act that approved it and its time in force',
);
/** A page of a list (issue 11 item 3): the items, the total matching, and the page asked for. */
export const page = (items: S | string, description: string, extra: Record<string, S> = {}): S =>
  o({ items: arr(items), total: i, limit: i, offset: i, ...extra }, {}, description);

export const API_SCHEMAS = {
  Problem: o(
    {
      type: {
        type: 'string',
        description: 'The refusal type as a URI (/api/v1/problems/{code}); see /api/v1/problems',
      },
      code: e(...Object.keys(PROBLEM_TYPES)),
      title: {
        type: 'string',
        description: 'The type title in the language Accept-Language asked for (Kazakh by default)',
      },
      titles: texts,
      status: i,
      detail: s,
      instance: s,
      requestId: s,
    },
    {
      law: { type: 'string', description: 'The point of the law the rule comes from, e.g. p.98' },
      invalidParams: arr(o({ name: s, reason: s })),
      retryAfterSeconds: i,
    },
    'RFC 9457 application/problem+json; `code` is the stable type of the rule (SPEC §7)',
  ),
  Health: o(
    { status: e('ok') },
    { database: e('sqlite', 'postgres'), read: s, write: s, durability: open('SQLite: journal mode and synchronous') },
  ),
  ProblemType: o(
    { type: s, code: e(...Object.keys(PROBLEM_TYPES)), status: i, title: texts },
    { retryAfterSeconds: i },
  ),
  Deadline: o(
    {
      from: dt,
      term,
      firstDay: date,
      lastDay: date,
      deadline: { ...dt, description: 'The last valid instant: the end of lastDay, Astana time' },
      calendarVersion: i,
      skipped: arr(o({ date, kind: s, reason: texts })),
    },
    { forecast: b },
  ),
  CalendarDay: o({ date, working: b, kind: s, reason: texts, calendarVersion: i }, { act: s, forecast: b }),
  CalendarYear: o({
    year: i,
    calendarVersion: i,
    source: s,
    daysOff: i,
    workingWeekendDays: i,
    entries: arr(
      o(
        { date, kind: s, category: s, name: texts, act: s, working: b, reason: texts },
        {
          holiday: s,
          transferredFrom: date,
          transferredTo: date,
          movedFrom: date,
          forecast: b,
          note: s,
        },
      ),
    ),
  }),
  CalendarVersion: o({ id: i, createdAt: dt, actor: s, note: s }),
  CalendarImport: o({
    id: i,
    year: i,
    file: s,
    sha256: sha,
    revised: nul(date),
    calendarVersion: nul(i),
    basedOnVersion: nul(i),
    appliedDates: arr(date),
    conflicts: i,
    importedAt: dt,
  }),
  CalendarImportConflict: open('A date a shipped calendar file changed that an administrator had also changed'),
  CalendarChange: o({ calendarVersion: i }, { entry: open('The entry as recorded'), year: i }),
  Document: o({ sha256: sha, size: i, mediaType: s, originalName: s, createdAt: dt }),
  Body: o({ code: s, nameKk: s, nameRu: s, nameEn: nul(s), kind: s, createdAt: dt }),
  Person: o(
    {
      iin: { type: 'string', description: 'Masked (********1234) except for administrators and auditors' },
      fullName: s,
      bodyCode: nul(s),
      createdAt: dt,
    },
    { position: nul(s) },
  ),
  Cycle: o({ code: s, title: s, year: i, createdAt: dt }),
  RuleSet: o(
    { id: i, code: s, act, rules: open('The procedure settings (config/rules/)') },
    { createdAt: dt, createdBy: s },
  ),
  IndicatorCatalogue: o(
    {
      id: i,
      code: s,
      direction,
      act,
      indicators: arr(o({ code: s, title: texts, scale: open('`max` (whole points 0…max) or `values`') })),
    },
    { createdAt: dt, createdBy: s },
  ),
  Account: o(
    {
      id: uuid,
      role: s,
      displayName: s,
      personIin: nul(s),
      bodyCode: nul(s),
      authorityCode: nul(s),
      createdAt: dt,
      disabledAt: nul(dt),
      tokenExpiresAt: nul(dt),
      tokenRotatedAt: nul(dt),
      lastUsedAt: nul(dt),
      version: i,
      lastHash: s,
    },
    { userName: nul(s) },
  ),
  AccountCreated: o(
    { id: uuid, role: s, displayName: s, bodyCode: nul(s), authorityCode: nul(s) },
    {
      token: {
        type: 'string',
        nullable: true,
        description: 'The bearer token, shown this once (null in an idempotent replay)',
      },
      tokenShownOnce: {
        type: 'boolean',
        description: 'In an idempotent replay: the token was shown with the first answer',
      },
    },
  ),
  AccountToken: o(
    {
      id: uuid,
      role: s,
      displayName: s,
      version: i,
      token: { type: 'string', description: 'The new bearer token, shown this once' },
    },
    {
      personIin: nul(s),
      bodyCode: nul(s),
      authorityCode: nul(s),
      createdAt: dt,
      disabledAt: nul(dt),
      tokenExpiresAt: nul(dt),
      tokenRotatedAt: nul(dt),
      lastUsedAt: nul(dt),
      lastHash: s,
    },
  ),
  Me: o({ id: uuid, role: s, displayName: s, personIin: nul(s), bodyCode: nul(s), authorityCode: nul(s) }),
  Password: o({ accountId: uuid, userName: s, mustChangePassword: b, passwordSetAt: dt }),
  SignInAttempt: open('A sign-in attempt: user name, when, from where, whether it succeeded'),
  Event: o(
    {
      streamId: s,
      streamType: s,
      seq: i,
      type: s,
      payload: open('What the event says; its members depend on its type'),
      actorId: nul(s),
      actorRole: nul(s),
      businessTime: { ...s, description: 'The legal time of the event, as recorded and hashed' },
      recordedTime: { ...s, description: 'When the service wrote it, as recorded and hashed' },
      prevHash: s,
      hash: sha,
    },
    {},
    'A hash-chained event, quoted exactly as hashed (SPEC §6)',
  ),
  AllowedAction: o(
    { action: s, event: s, method: e('POST'), path: s },
    { row: i, term: o({ kind: s, law: s, due: dt }) },
  ),
  CaseSummary: o({
    id: uuid,
    state: s,
    outcome: nul(s),
    direction,
    bodyCode: s,
    cycle: s,
    authority: s,
    deadlines: caseDeadlines,
    overdue,
    escalated: b,
    version: i,
    updatedAt: dt,
  }),
  Case: o(
    {
      id: uuid,
      state: s,
      outcome: nul(s),
      direction,
      bodyCode: s,
      cycle: s,
      authority: s,
      deadlines: caseDeadlines,
      overdue,
      escalated: b,
      version: { ...i, description: 'The case version; sent back as ETag and accepted by If-Match / expectedVersion' },
      updatedAt: dt,
      createdAt: dt,
      issuedAt: dt,
      workflowVersion: i,
      conclusionVersion: i,
      finalAtAuthority: b,
      correctionOwed: b,
      objectionAt: nul(dt),
      dispatchedAt: nul(dt),
      escalatedAt: nul(dt),
      disputedItems: arr(open('An objected item: indicator, claimed score, argument')),
      documents: arr(documentRef),
      allowedActions: arr(ref('AllowedAction')),
    },
    {
      body: o({ code: s, nameKk: s, nameRu: s }, { nameEn: nul(s) }),
      ruleSetId: i,
      appealTo: nul(s),
      table: o(
        {
          rows: arr(open('A row of the disagreement table (SPEC §5)')),
          signatures: open('Signatures and a recorded refusal'),
        },
        {
          signed: o({ sha256: sha, members: arr(o({ role: s, name: s })) }),
        },
      ),
      settings: open('The procedure settings pinned for the case'),
      catalogue: o({ id: i, code: s }),
      delivery: o({ at: dt, recordedAt: dt }, { reference: s }),
      transmission: open('p.92/p.94/p.96: to whom the final conclusion goes'),
      withdrawals: arr(dt),
      dispatch: o({ recipients: arr(o({ kind: s, code: s })), note: s }),
      escalation: o({ at: dt, reason: s, documents: arr(documentRef) }),
    },
    'An appeal case as the caller may see it (SPEC §8), with the actions the caller may take now',
  ),
  CaseDeadline: o({
    id: uuid,
    caseId: uuid,
    kind: s,
    law: s,
    termFrom: dt,
    term,
    dueAt: dt,
    dueMs: i,
    calendarVersion: i,
    status: s,
    firedAt: nul(dt),
    createdAt: dt,
  }),
  Refusal: o(
    {
      id: i,
      streamId: nul(s),
      command: s,
      actorId: nul(s),
      actorRole: nul(s),
      problemType: s,
      law: nul(s),
      detail: s,
      recordedTime: dt,
    },
    {
      payload: { nullable: true, description: 'What was sent (bounded)' },
    },
  ),
  Conclusions: o({
    caseId: uuid,
    versions: arr(o({ version: i, issuedAt: dt, reason: nul(s), items: arr(conclusionItem) })),
    differences: arr(o({ from: i, to: i, changes: arr(o({ code: s, title: s, before: n, after: n })) })),
  }),
  CaseState: o({
    caseId: uuid,
    seq: i,
    at: dt,
    state: s,
    outcome: nul(s),
    context: open('The machine context after replay (its instants in Astana time, like every answer)'),
    workflowVersion: i,
    lastEvent: o({ seq: i, type: s, businessTime: dt, recordedTime: dt, hash: sha }),
  }),
  Timeline: o({
    caseId: uuid,
    state: s,
    outcome: nul(s),
    version: i,
    deadlines: arr(
      o({
        key: s,
        name: s,
        law: s,
        due: nul(dt),
        status: s,
        answeredBy: nul(open('The event that answered the term')),
        firedAt: nul(o({ seq: i, at: dt })),
      }),
    ),
    events: arr(
      o(
        { seq: i, type: s, actorRole: nul(s), businessTime: dt, recordedTime: dt },
        { deadline: s, due: dt, onTime: b, firesDeadline: s },
      ),
    ),
    overdue,
  }),
  AuditBundle: o(
    {
      format: s,
      exportedAt: { ...s, description: 'As recorded (UTC): the bundle is quoted whole, as a verifier reads it' },
      case: o({
        id: uuid,
        bodyCode: s,
        direction,
        cycle: s,
        authority: s,
        workflowVersion: i,
        state: s,
        outcome: nul(s),
        version: i,
        lastHash: sha,
      }),
      events: arr(ref('Event')),
      documents: arr(documentRef),
      digest: o({ id: nul(i), root: sha, recordedAt: nul(s), recorded: b }, { leafCount: i, leafIndex: i }),
      leaf: o({ streamId: s, lastSeq: i, lastHash: sha, hash: sha }),
      inclusionProof: arr(o({ side: e('left', 'right'), hash: sha })),
    },
    {},
    'Verifies offline with the documented algorithm (docs/audit-bundle.md); event records are quoted exactly as hashed',
  ),
  Verification: o({
    ok: b,
    streams: i,
    events: i,
    digest: sha,
    checkedAt: dt,
    recordedDigest: nul(open('The last recorded digest and whether it matches')),
    broken: arr(open('A broken link: stream, event, what is wrong')),
  }),
  Digest: o({ id: i, root: sha, streamCount: i, eventCount: i, recordedAt: dt }),
  AuditRefusal: open('A refused action: who, what, which rule'),
  Commission: o(
    {
      id: uuid,
      authority: s,
      direction,
      cycle: s,
      state: s,
      constituted: b,
      minMembers: i,
      members: arr(o({ iin: s, role: e('chair', 'secretary', 'member'), name: s })),
      objectingBodies: arr(s),
      recusals: arr(open('A recused member: IIN (masked), why, when')),
      meetings: arr(ref('Meeting')),
      version: i,
      workflowVersion: i,
      updatedAt: dt,
      allowedActions: arr(open('A command the caller may send now')),
    },
    {},
    'A special commission (p.100–p.103); `version` is sent back as ETag',
  ),
  Meeting: o(
    { id: uuid, scheduledFor: dt, invitees: arr(o({ name: s, kind: s }, { bodyCode: s, iin: s })) },
    {
      present: arr(s),
      presentCount: i,
      commissionVersion: {
        ...i,
        description: "In the answer to scheduling it: the commission's new version (also its ETag)",
      },
    },
  ),
  Webhook: o(
    { id: uuid, url: s, active: b, createdAt: dt },
    { secret: { type: 'string', description: 'The HMAC key, shown once when generated' } },
  ),
  Notification: o(
    {
      id: uuid,
      caseId: uuid,
      deadlineId: nul(s),
      kind: s,
      law: s,
      status: s,
      dueAt: dt,
      createdAt: dt,
      payload: open('What the webhook receives'),
      deliveries: arr(open('A delivery to a webhook: attempts, when delivered')),
    },
    { notBefore: nul(dt) },
  ),
  TransmittedConclusion: o({
    caseId: uuid,
    law: s,
    recipient: s,
    body: o({ code: s, nameKk: s, nameRu: s }, { nameEn: nul(s) }),
    authority: s,
    conclusionVersion: i,
    outcome: s,
    transmittedAt: dt,
    items: arr(conclusionItem),
  }),
} satisfies Record<string, S>;

export type SchemaName = keyof typeof API_SCHEMAS;
