import { Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { getMetadataStorage } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { DateTime } from 'luxon';
import { AccountEntity } from '../../auth/account.entity';
import { checkNewAccount } from '../../auth/account-rules';
import { AccountsService } from '../../auth/accounts.service';
import { CreateAccountDto } from '../../auth/dto/create-account.dto';
import { ROLES, Role } from '../../auth/roles';
import { KZ_ZONE } from '../../calendar/calendar-rules';
import { DomainError } from '../../common/domain-error';
import { ReadDb } from '../../database/read-db';
import { UnitOfWork } from '../../database/unit-of-work';
import { RepealDto } from '../../reference/dto/act.dto';
import { CreateIndicatorCatalogueDto } from '../../reference/dto/indicator-catalogue.dto';
import { CreateBodyDto, CreatePersonDto, RulesDto } from '../../reference/dto/reference.dto';
import { CreateRuleSetActDto } from '../../reference/dto/rule-set-act.dto';
import { IndicatorCatalogueService } from '../../reference/indicator-catalogue.service';
import { BODY_KINDS } from '../../reference/reference.entities';
import { ReferenceService } from '../../reference/reference.service';
import { CredentialsService } from '../../sign-in/credentials.service';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, passwordProblems } from '../../sign-in/password-policy';
import { AccountCredentialEntity } from '../../sign-in/sign-in.entities';
import { refusalToForm, validateForm, withoutBlanks } from '../forms';
import { Words } from '../presenters/words';
import { WebRequest, formField } from '../web-context';
import { WebPage } from '../web-page';
import { FormErrors, WebViews } from '../web-views';

const READERS = { roles: ['administrator', 'auditor'] as Role[] };
const ADMIN = { roles: ['administrator'] as Role[] };
const AUTHORITY_KINDS = [
  'civilServiceAuthority',
  'informatizationAuthority',
  'presidentialAdministration',
  'primeMinisterOffice',
];
const DONE = [
  'account',
  'password',
  'disabled',
  'enabled',
  'body',
  'person',
  'ruleSet',
  'ruleSetRepealed',
  'catalogue',
  'catalogueRepealed',
] as const;

/** The fields of a form as strings (the first when repeated). */
function fieldsOf(request: WebRequest, names: string[]): Record<string, string> {
  return Object.fromEntries(names.map((n) => [n, formField(request, n).trim()]));
}

/** A rule-set setting as a form field, read from RulesDto's validation rules (the DTO is the one truth). */
interface RuleField {
  name: string;
  kind: 'number' | 'choice' | 'boolean';
  min?: number;
  max?: number;
  integer: boolean;
  choices: string[];
}

function ruleFields(): RuleField[] {
  const byName = new Map<string, RuleField>();
  for (const m of getMetadataStorage().getTargetValidationMetadatas(RulesDto, '', true, false)) {
    const field = byName.get(m.propertyName) ?? { name: m.propertyName, kind: 'number', integer: false, choices: [] };
    if (m.name === 'isIn') Object.assign(field, { kind: 'choice', choices: (m.constraints?.[0] as string[]) ?? [] });
    if (m.name === 'isBoolean') field.kind = 'boolean';
    if (m.name === 'isInt') field.integer = true;
    if (m.name === 'min') field.min = Number(m.constraints?.[0]);
    if (m.name === 'max') field.max = Number(m.constraints?.[0]);
    byName.set(m.propertyName, field);
  }
  return [...byName.values()];
}

/**
 * The administrator's pages (issue 14, item 5): accounts (create, user name and one-time password), bodies, people
 * (IINs in full — only here and to auditors), rule sets and indicator catalogues as acts (create, repeal). Auditors
 * read them; only administrators change them. Every change goes through the same services as the API, validated by
 * the API's DTOs; the calendar has its own pages (calendar.controller.ts).
 */
@ApiExcludeController()
@Controller('admin')
export class AdminController {
  constructor(
    private readonly views: WebViews,
    private readonly reader: ReadDb,
    private readonly unitOfWork: UnitOfWork,
    private readonly reference: ReferenceService,
    private readonly catalogues: IndicatorCatalogueService,
    private readonly accounts: AccountsService,
    private readonly credentials: CredentialsService,
  ) {}

  private notice(words: Words, done: unknown): string | null {
    return typeof done === 'string' && (DONE as readonly string[]).includes(done)
      ? words.d(`admin.done.${done}`)
      : null;
  }

  @Get()
  @WebPage(READERS)
  hub(@Req() request: WebRequest, @Res() reply: FastifyReply) {
    return this.views.send(reply, request, 'admin', {});
  }

  // ------------------------------------------------------------------ accounts

  @Get('accounts')
  @WebPage(READERS)
  async accountsPage(@Req() request: WebRequest, @Res() reply: FastifyReply, @Query('done') done?: string) {
    const words = new Words(request.web!.lang);
    return this.views.send(reply, request, 'admin-accounts', {
      ...(await this.accountsModel(words)),
      values: {},
      errors: new FormErrors(words.lang),
      notice: this.notice(words, done),
    });
  }

  @Post('accounts')
  @WebPage(ADMIN)
  async createAccount(@Req() request: WebRequest, @Res() reply: FastifyReply) {
    const words = new Words(request.web!.lang);
    const values = fieldsOf(request, ['role', 'displayName', 'bodyCode', 'authorityCode', 'personIin']);
    const errors = new FormErrors(words.lang);
    const dto = await validateForm(CreateAccountDto, withoutBlanks(values), errors, words.lang);
    if (dto) {
      try {
        await checkNewAccount(dto, this.reference);
        const administrator = request.web!.session!.account;
        const { account, token } = await this.unitOfWork.run((m) =>
          this.accounts.create(m, dto, { id: administrator.id, role: administrator.role }),
        );
        // The token is shown once, on this answer (never stored in the clear, never in a redirect's address).
        return this.views.send(
          reply,
          request,
          'admin-account-created',
          { created: { id: account.id, displayName: account.displayName, role: words.role(account.role) }, token },
          201,
        );
      } catch (error) {
        if (!refusalToForm(error, errors, words.lang, (name) => name)) throw error;
      }
    }
    return this.views.send(
      reply,
      request,
      'admin-accounts',
      { ...(await this.accountsModel(words)), values, errors },
      422,
    );
  }

  @Get('accounts/:id')
  @WebPage(READERS)
  async accountPage(
    @Param('id') id: string,
    @Req() request: WebRequest,
    @Res() reply: FastifyReply,
    @Query('done') done?: string,
  ) {
    const words = new Words(request.web!.lang);
    return this.views.send(reply, request, 'admin-account', {
      ...(await this.accountModel(id, words)),
      values: {},
      errors: new FormErrors(words.lang),
      notice: this.notice(words, done),
      minLength: PASSWORD_MIN_LENGTH,
    });
  }

  /** Issue 14, item 1: the administrator gives a user name and a one-time password; the person chooses their own at the next sign-in. */
  @Post('accounts/:id/password')
  @WebPage(ADMIN)
  async setPassword(@Param('id') id: string, @Req() request: WebRequest, @Res() reply: FastifyReply) {
    const words = new Words(request.web!.lang);
    const model = await this.accountModel(id, words);
    const values = fieldsOf(request, ['userName']);
    const password = formField(request, 'password');
    const errors = new FormErrors(words.lang);
    const userName = values.userName || model.userName || '';
    if (!userName) errors.add('userName', 'admin.accounts.userNameRequired');
    if (!password) errors.add('password', 'signIn.passwordRequired');
    else {
      const broken = passwordProblems(password, userName)[0];
      if (broken) errors.add('password', `password.${broken}`, { min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH });
    }
    if (!errors.any) {
      try {
        await this.credentials.setByAdministrator(
          id,
          { ...(values.userName ? { userName: values.userName } : {}), password },
          request.web!.session!.account.id,
        );
        return this.views.redirect(reply, `/admin/accounts/${id}?done=password`);
      } catch (error) {
        if (!refusalToForm(error, errors, words.lang, (name) => name)) throw error;
      }
    }
    return this.views.send(
      reply,
      request,
      'admin-account',
      { ...model, values, errors, minLength: PASSWORD_MIN_LENGTH },
      422,
    );
  }

  /** Disable or enable an account (issue 12): its token and every web session stop at once; the reason is audited. */
  @Post('accounts/:id/disable')
  @WebPage(ADMIN)
  disable(@Param('id') id: string, @Req() request: WebRequest, @Res() reply: FastifyReply) {
    return this.changeAccess(id, 'disable', request, reply);
  }

  @Post('accounts/:id/enable')
  @WebPage(ADMIN)
  enable(@Param('id') id: string, @Req() request: WebRequest, @Res() reply: FastifyReply) {
    return this.changeAccess(id, 'enable', request, reply);
  }

  private async changeAccess(id: string, change: 'disable' | 'enable', request: WebRequest, reply: FastifyReply) {
    const words = new Words(request.web!.lang);
    const model = await this.accountModel(id, words);
    const values = fieldsOf(request, ['reason']);
    const errors = new FormErrors(words.lang);
    if (!values.reason) errors.add('reason', 'admin.accounts.reasonRequired');
    if (!errors.any) {
      try {
        const administrator = request.web!.session!.account;
        await this.unitOfWork.run((m) =>
          change === 'disable'
            ? this.accounts.disable(m, id, values.reason, administrator)
            : this.accounts.enable(m, id, values.reason, administrator),
        );
        return this.views.redirect(reply, `/admin/accounts/${id}?done=${change}d`);
      } catch (error) {
        if (!refusalToForm(error, errors, words.lang, () => 'reason', 'reason')) throw error;
      }
    }
    return this.views.send(
      reply,
      request,
      'admin-account',
      { ...model, values, errors, minLength: PASSWORD_MIN_LENGTH },
      422,
    );
  }

  /** A new API token for the account (issue 12): the old one stops at once, the new one is shown on this answer only. */
  @Post('accounts/:id/token')
  @WebPage(ADMIN)
  async rotateToken(@Param('id') id: string, @Req() request: WebRequest, @Res() reply: FastifyReply) {
    const words = new Words(request.web!.lang);
    const model = await this.accountModel(id, words);
    const values = fieldsOf(request, ['tokenReason', 'expiresAt']);
    const errors = new FormErrors(words.lang);
    if (!values.tokenReason) errors.add('tokenReason', 'admin.accounts.reasonRequired');
    let expiresAt: string | null = null;
    if (values.expiresAt) {
      const date = DateTime.fromISO(values.expiresAt, { zone: KZ_ZONE });
      if (!/^\d{4}-\d{2}-\d{2}$/.test(values.expiresAt) || !date.isValid) errors.add('expiresAt', 'forms.rules.date');
      else expiresAt = date.endOf('day').toUTC().toISO();
    }
    if (!errors.any) {
      try {
        const administrator = request.web!.session!.account;
        const reason = values.tokenReason;
        const { account, token } = await this.unitOfWork.run((m) =>
          this.accounts.rotateToken(m, id, expiresAt, reason, { id: administrator.id, role: administrator.role }),
        );
        return this.views.send(reply, request, 'admin-account-created', {
          created: { id: account.id, displayName: account.displayName, role: words.role(account.role) },
          token,
          rotated: true,
        });
      } catch (error) {
        if (!refusalToForm(error, errors, words.lang, (name) => name, 'tokenReason')) throw error;
      }
    }
    return this.views.send(
      reply,
      request,
      'admin-account',
      { ...model, values, errors, minLength: PASSWORD_MIN_LENGTH },
      422,
    );
  }

  private async accountsModel(words: Words) {
    const [rows, credentials, bodies, people] = await Promise.all([
      this.reader.manager.find(AccountEntity, { order: { createdAt: 'ASC' } }),
      this.reader.manager.find(AccountCredentialEntity),
      this.reference.listBodies(),
      this.reference.listPeople(),
    ]);
    const userNames = new Map(credentials.map((c) => [c.accountId, c]));
    const bodyName = (code: string | null) =>
      code
        ? words.bodyName(
            bodies.find((b) => b.code === code),
            code,
          )
        : '';
    return {
      accounts: rows.map((a) => ({
        href: `/admin/accounts/${a.id}`,
        name: a.displayName,
        role: words.role(a.role),
        unit: bodyName(a.bodyCode ?? a.authorityCode),
        userName: userNames.get(a.id)?.userName ?? null,
        mustChange: userNames.get(a.id)?.mustChange ?? false,
        created: words.dateTime(a.createdAt),
      })),
      choices: {
        roles: ROLES.map((r) => ({ value: r, text: words.role(r) })),
        bodies: bodies.map((b) => ({ value: b.code, text: `${b.code} — ${words.bodyName(b)}` })),
        authorities: bodies
          .filter((b) => AUTHORITY_KINDS.includes(b.kind))
          .map((b) => ({ value: b.code, text: `${b.code} — ${words.bodyName(b)}` })),
        people: people.map((p) => ({ value: p.iin, text: `${p.fullName} (${p.iin})` })),
      },
    };
  }

  private async accountModel(id: string, words: Words) {
    const account = /^[0-9a-f-]{36}$/i.test(id) ? await this.reader.manager.findOneBy(AccountEntity, { id }) : null;
    if (!account) throw new DomainError('not-found', `No account ${id}`);
    const credential = await this.reader.manager.findOneBy(AccountCredentialEntity, { accountId: id });
    const unit = account.bodyCode ?? account.authorityCode;
    const body = unit ? await this.reference.body(unit).catch(() => null) : null;
    const person = account.personIin
      ? (await this.reference.listPeople()).find((p) => p.iin === account.personIin)
      : undefined;
    return {
      id,
      name: account.displayName,
      userName: credential?.userName ?? null,
      disabled: account.disabledAt !== null,
      rows: [
        { key: words.t('admin.accounts.role'), value: words.role(account.role) },
        ...(unit
          ? [
              {
                key: words.t(account.bodyCode ? 'admin.accounts.body' : 'admin.accounts.authority'),
                value: words.bodyName(body, unit),
              },
            ]
          : []),
        ...(account.personIin
          ? [{ key: words.t('admin.accounts.person'), value: `${person?.fullName ?? ''} (${account.personIin})` }]
          : []),
        {
          key: words.t('admin.accounts.userName'),
          value: credential?.userName ?? words.t('admin.accounts.noUserName'),
        },
        ...(credential
          ? [
              {
                key: words.t('admin.accounts.passwordSet'),
                value: `${words.dateTime(credential.passwordSetAt)}${credential.mustChange ? ` — ${words.t('admin.accounts.mustChange')}` : ''}`,
              },
            ]
          : []),
        { key: words.t('admin.accounts.created'), value: words.dateTime(account.createdAt) },
        {
          key: words.t('admin.accounts.status'),
          value: account.disabledAt
            ? words.t('admin.accounts.disabledSince', { when: words.dateTime(account.disabledAt) })
            : words.t('admin.accounts.active'),
        },
      ],
    };
  }

  // ------------------------------------------------------------------ bodies and people

  @Get('bodies')
  @WebPage(READERS)
  async bodiesPage(@Req() request: WebRequest, @Res() reply: FastifyReply, @Query('done') done?: string) {
    const words = new Words(request.web!.lang);
    return this.views.send(reply, request, 'admin-bodies', {
      ...(await this.bodiesModel(words)),
      values: {},
      errors: new FormErrors(words.lang),
      notice: this.notice(words, done),
    });
  }

  @Post('bodies')
  @WebPage(ADMIN)
  async createBody(@Req() request: WebRequest, @Res() reply: FastifyReply) {
    const words = new Words(request.web!.lang);
    const values = fieldsOf(request, ['code', 'nameKk', 'nameRu', 'nameEn', 'kind']);
    const errors = new FormErrors(words.lang);
    const dto = await validateForm(CreateBodyDto, withoutBlanks(values), errors, words.lang);
    if (dto) {
      try {
        await this.unitOfWork.run((m) => this.reference.createBody(m, dto));
        return this.views.redirect(reply, '/admin/bodies?done=body');
      } catch (error) {
        if (!refusalToForm(error, errors, words.lang, (name) => name)) throw error;
      }
    }
    return this.views.send(reply, request, 'admin-bodies', { ...(await this.bodiesModel(words)), values, errors }, 422);
  }

  private async bodiesModel(words: Words) {
    const bodies = await this.reference.listBodies();
    return {
      bodies: bodies.map((b) => ({
        code: b.code,
        nameKk: b.nameKk,
        nameRu: b.nameRu,
        nameEn: b.nameEn ?? '',
        kind: words.d(`bodyKinds.${b.kind}`),
      })),
      kinds: BODY_KINDS.map((k) => ({ value: k, text: words.d(`bodyKinds.${k}`) })),
    };
  }

  @Get('people')
  @WebPage(READERS)
  async peoplePage(@Req() request: WebRequest, @Res() reply: FastifyReply, @Query('done') done?: string) {
    const words = new Words(request.web!.lang);
    return this.views.send(reply, request, 'admin-people', {
      ...(await this.peopleModel(words)),
      values: {},
      errors: new FormErrors(words.lang),
      notice: this.notice(words, done),
    });
  }

  @Post('people')
  @WebPage(ADMIN)
  async createPerson(@Req() request: WebRequest, @Res() reply: FastifyReply) {
    const words = new Words(request.web!.lang);
    const values = fieldsOf(request, ['iin', 'fullName', 'bodyCode', 'position']);
    const errors = new FormErrors(words.lang);
    const dto = await validateForm(CreatePersonDto, withoutBlanks(values), errors, words.lang);
    if (dto) {
      try {
        await this.unitOfWork.run((m) => this.reference.createPerson(m, dto));
        return this.views.redirect(reply, '/admin/people?done=person');
      } catch (error) {
        if (!refusalToForm(error, errors, words.lang, (name) => name)) throw error;
      }
    }
    return this.views.send(reply, request, 'admin-people', { ...(await this.peopleModel(words)), values, errors }, 422);
  }

  private async peopleModel(words: Words) {
    const [people, bodies] = await Promise.all([this.reference.listPeople(), this.reference.listBodies()]);
    return {
      // IINs in full: this page is for administrators and auditors only (SPEC §4).
      people: people.map((p) => ({
        iin: p.iin,
        name: p.fullName,
        body: p.bodyCode
          ? words.bodyName(
              bodies.find((b) => b.code === p.bodyCode),
              p.bodyCode,
            )
          : '',
        position: p.position ?? '',
      })),
      bodies: bodies.map((b) => ({ value: b.code, text: `${b.code} — ${words.bodyName(b)}` })),
    };
  }

  // ------------------------------------------------------------------ rule sets

  @Get('rule-sets')
  @WebPage(READERS)
  async ruleSetsPage(@Req() request: WebRequest, @Res() reply: FastifyReply, @Query('done') done?: string) {
    const words = new Words(request.web!.lang);
    const model = await this.ruleSetsModel(words);
    return this.views.send(reply, request, 'admin-rule-sets', {
      ...model,
      values: model.defaults,
      errors: new FormErrors(words.lang),
      notice: this.notice(words, done),
    });
  }

  @Post('rule-sets')
  @WebPage(ADMIN)
  async createRuleSet(@Req() request: WebRequest, @Res() reply: FastifyReply) {
    const words = new Words(request.web!.lang);
    const fields = ruleFields();
    const values = fieldsOf(request, [
      'code',
      'actTitle',
      'actNumber',
      'actDate',
      'actAdoptedOn',
      'inForceFrom',
      'inForceUntil',
      ...fields.map((f) => `rule-${f.name}`),
    ]);
    const errors = new FormErrors(words.lang);
    const rules: Record<string, unknown> = {};
    for (const f of fields) {
      const text = values[`rule-${f.name}`];
      if (text === '') continue;
      rules[f.name] =
        f.kind === 'boolean'
          ? text === 'true'
          : f.kind === 'choice'
            ? text
            : /^-?\d+(\.\d+)?$/.test(text.replace(',', '.'))
              ? Number(text.replace(',', '.'))
              : text;
    }
    const plain = withoutBlanks({
      code: values.code,
      act: withoutBlanks({
        title: values.actTitle,
        number: values.actNumber,
        date: values.actDate,
        adoptedOn: values.actAdoptedOn,
      }),
      inForceFrom: values.inForceFrom,
      inForceUntil: values.inForceUntil,
      rules,
    });
    const fieldOf = (path: string) =>
      path.startsWith('act.')
        ? `act${path[4].toUpperCase()}${path.slice(5)}`
        : path.startsWith('rules.')
          ? `rule-${path.slice(6)}`
          : path === 'act'
            ? 'actTitle'
            : path;
    const dto = await validateForm(CreateRuleSetActDto, plain, errors, words.lang, fieldOf);
    if (dto) {
      try {
        await this.reference.createRuleSet(dto, request.web!.session!.account.displayName);
        return this.views.redirect(reply, '/admin/rule-sets?done=ruleSet');
      } catch (error) {
        if (!refusalToForm(error, errors, words.lang, fieldOf)) throw error;
      }
    }
    return this.views.send(
      reply,
      request,
      'admin-rule-sets',
      { ...(await this.ruleSetsModel(words)), values, errors },
      422,
    );
  }

  @Post('rule-sets/:code/repeal')
  @WebPage(ADMIN)
  async repealRuleSet(@Param('code') code: string, @Req() request: WebRequest, @Res() reply: FastifyReply) {
    const words = new Words(request.web!.lang);
    const { errors, dto, values } = await this.repealForm(request, words, code);
    if (dto) {
      try {
        await this.reference.repealRuleSet(code, dto, request.web!.session!.account.displayName);
        return this.views.redirect(reply, '/admin/rule-sets?done=ruleSetRepealed');
      } catch (error) {
        if (!refusalToForm(error, errors, words.lang, (name) => `${this.repealFieldOf(name)}-${code}`)) throw error;
      }
    }
    const model = await this.ruleSetsModel(words);
    return this.views.send(
      reply,
      request,
      'admin-rule-sets',
      { ...model, values: model.defaults, repeal: { code, values }, errors },
      422,
    );
  }

  private repealFieldOf(path: string): string {
    return path === 'act.number'
      ? 'repealNumber'
      : path === 'act.date'
        ? 'repealDate'
        : path === 'act'
          ? 'repealNumber'
          : 'repealFrom';
  }

  private async repealForm(request: WebRequest, words: Words, code: string) {
    const values = fieldsOf(request, ['repealNumber', 'repealDate', 'repealFrom']);
    const errors = new FormErrors(words.lang);
    const dto = await validateForm(
      RepealDto,
      withoutBlanks({
        act: withoutBlanks({ number: values.repealNumber, date: values.repealDate }),
        effectiveFrom: values.repealFrom,
      }),
      errors,
      words.lang,
      (p) => `${this.repealFieldOf(p)}-${code}`,
    );
    return { errors, dto, values };
  }

  private act(
    words: Words,
    act: {
      title: string;
      number: string | null;
      date: string | null;
      adoptedOn: string | null;
      inForceFrom: string;
      inForceUntil: string | null;
      repealedBy: { number: string; date: string; effectiveFrom: string } | null;
    },
  ) {
    return {
      title: act.title,
      // Shipped acts are cited in English; an administrator's may be in Kazakh or Russian.
      titleLang: /[\u0400-\u04FF]/.test(act.title) ? null : 'en',
      number: act.number
        ? words.t('admin.acts.numberDate', { number: act.number, date: act.date ? words.date(act.date) : '—' })
        : words.t('admin.acts.noNumber'),
      period: act.inForceUntil
        ? words.t('admin.acts.periodUntil', { from: words.date(act.inForceFrom), until: words.date(act.inForceUntil) })
        : words.t('admin.acts.periodOpen', { from: words.date(act.inForceFrom) }),
      repealed: act.repealedBy
        ? words.t('admin.acts.repealedBy', {
            number: act.repealedBy.number,
            date: words.date(act.repealedBy.date),
            from: words.date(act.repealedBy.effectiveFrom),
          })
        : null,
      open: !act.repealedBy,
    };
  }

  private async ruleSetsModel(words: Words) {
    const list = await this.reference.listRuleSets();
    const fields = ruleFields();
    const latest = list[0]?.rules as unknown as Record<string, unknown> | undefined;
    const label = (name: string) => {
      const text = words.d(`ruleSettings.${name}`);
      return text === `ruleSettings.${name}` ? name : text;
    };
    const valueText = (value: unknown) =>
      typeof value === 'boolean'
        ? words.t(value ? 'admin.yes' : 'admin.no')
        : typeof value === 'string'
          ? words.d(`ruleValues.${value}`) === `ruleValues.${value}`
            ? value
            : words.d(`ruleValues.${value}`)
          : String(value);
    return {
      ruleSets: list.map((r) => ({
        code: r.code,
        act: this.act(words, r.act),
        settings: Object.entries(r.rules as unknown as Record<string, unknown>).map(([k, v]) => ({
          key: label(k),
          value: valueText(v),
        })),
      })),
      fields: fields.map((f) => ({
        ...f,
        id: `rule-${f.name}`,
        label: label(f.name),
        hint:
          f.kind === 'number' && f.min !== undefined && f.max !== undefined
            ? words.t('admin.ruleSets.range', { min: f.min, max: f.max })
            : undefined,
        options:
          f.kind === 'choice'
            ? f.choices.map((c) => ({ value: c, text: valueText(c) }))
            : f.kind === 'boolean'
              ? [
                  { value: 'true', text: words.t('admin.yes') },
                  { value: 'false', text: words.t('admin.no') },
                ]
              : [],
      })),
      // A new version starts from the settings of the newest one.
      defaults: Object.fromEntries(
        fields.map((f) => [`rule-${f.name}`, latest && latest[f.name] !== undefined ? String(latest[f.name]) : '']),
      ),
    };
  }

  // ------------------------------------------------------------------ indicator catalogues

  @Get('catalogues')
  @WebPage(READERS)
  async cataloguesPage(@Req() request: WebRequest, @Res() reply: FastifyReply, @Query('done') done?: string) {
    const words = new Words(request.web!.lang);
    return this.views.send(reply, request, 'admin-catalogues', {
      ...(await this.cataloguesModel(words)),
      values: {},
      errors: new FormErrors(words.lang),
      notice: this.notice(words, done),
    });
  }

  /**
   * A new version of a direction's catalogue. Its indicators are typed one per line:
   * `CODE | Kazakh title | Russian title | English title | 5` (whole points 0…5) or `… | +1 +2 +3 +4 +5` (allowed values).
   */
  @Post('catalogues')
  @WebPage(ADMIN)
  async createCatalogue(@Req() request: WebRequest, @Res() reply: FastifyReply) {
    const words = new Words(request.web!.lang);
    const values = fieldsOf(request, [
      'code',
      'direction',
      'actTitle',
      'actNumber',
      'actDate',
      'actAdoptedOn',
      'inForceFrom',
      'inForceUntil',
      'indicators',
    ]);
    const errors = new FormErrors(words.lang);
    const lines = values.indicators
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean);
    const indicators = lines.map((line, i) => {
      const parts = line.split('|').map((p) => p.trim());
      if (parts.length !== 5) {
        errors.add('indicators', 'admin.catalogues.lineShape', { n: i + 1 });
        return null;
      }
      const [code, kk, ru, en, scaleText] = parts;
      const numbers = scaleText
        .split(/[\s,;]+/)
        .filter(Boolean)
        .map((v) => Number(v.replace(',', '.')));
      if (numbers.length === 0 || numbers.some((n) => !Number.isFinite(n))) {
        errors.add('indicators', 'admin.catalogues.scaleShape', { n: i + 1 });
        return null;
      }
      const scale = numbers.length === 1 && !/^[+-]/.test(scaleText) ? { max: numbers[0] } : { values: numbers };
      return { code, title: { kk, ru, en }, scale };
    });
    if (lines.length === 0) errors.add('indicators', 'admin.catalogues.noIndicators');
    const fieldOf = (path: string) =>
      path.startsWith('act.')
        ? `act${path[4].toUpperCase()}${path.slice(5)}`
        : path.startsWith('indicators')
          ? 'indicators'
          : path === 'act'
            ? 'actTitle'
            : path;
    if (!errors.any) {
      const plain = withoutBlanks({
        code: values.code,
        direction: values.direction,
        act: withoutBlanks({
          title: values.actTitle,
          number: values.actNumber,
          date: values.actDate,
          adoptedOn: values.actAdoptedOn,
        }),
        inForceFrom: values.inForceFrom,
        inForceUntil: values.inForceUntil,
        indicators,
      });
      const dto = await validateForm(CreateIndicatorCatalogueDto, plain, errors, words.lang, fieldOf);
      if (dto) {
        try {
          await this.catalogues.create(dto, request.web!.session!.account.displayName);
          return this.views.redirect(reply, '/admin/catalogues?done=catalogue');
        } catch (error) {
          if (!refusalToForm(error, errors, words.lang, fieldOf)) throw error;
        }
      }
    }
    return this.views.send(
      reply,
      request,
      'admin-catalogues',
      { ...(await this.cataloguesModel(words)), values, errors },
      422,
    );
  }

  @Post('catalogues/:code/repeal')
  @WebPage(ADMIN)
  async repealCatalogue(@Param('code') code: string, @Req() request: WebRequest, @Res() reply: FastifyReply) {
    const words = new Words(request.web!.lang);
    const { errors, dto, values } = await this.repealForm(request, words, code);
    if (dto) {
      try {
        await this.catalogues.repeal(code, dto, request.web!.session!.account.displayName);
        return this.views.redirect(reply, '/admin/catalogues?done=catalogueRepealed');
      } catch (error) {
        if (!refusalToForm(error, errors, words.lang, (name) => `${this.repealFieldOf(name)}-${code}`)) throw error;
      }
    }
    return this.views.send(
      reply,
      request,
      'admin-catalogues',
      { ...(await this.cataloguesModel(words)), values: {}, repeal: { code, values }, errors },
      422,
    );
  }

  private async cataloguesModel(words: Words) {
    const list = await this.catalogues.list();
    return {
      catalogues: list.map((c) => ({
        code: c.code,
        direction: words.direction(c.direction),
        act: this.act(words, c.act),
        indicators: c.indicators.map((i) => ({
          code: i.code,
          title: i.title[words.lang],
          scale:
            'max' in i.scale
              ? words.t('admin.catalogues.scaleMax', { max: i.scale.max })
              : words.t('admin.catalogues.scaleValues', {
                  values: i.scale.values.map((v) => (v > 0 ? `+${v}` : String(v))).join(', '),
                }),
        })),
      })),
    };
  }
}
