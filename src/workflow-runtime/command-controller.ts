import { Body, Controller, Headers, HttpCode, Inject, Param, Post, type Type } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiAnswer, operationIdOf } from '../common/api-contract';
import { Created, VersionTag } from '../common/answers';
import { AuthenticatedAccount, CurrentAccount } from '../auth/authenticated-account';
import { Access } from '../auth/roles';
import { Idempotency } from '../common/idempotency.interceptor';
import { withIfMatch } from '../common/if-match';
import type { AnyCommand } from './command';
import type { IdempotencyRequest } from '../common/idempotency';
import { StreamRuntime } from './stream-runtime';

const IDEMPOTENCY_HEADER = {
  name: 'Idempotency-Key',
  required: false,
  description: 'A retried request with the same key returns the first answer and acts once',
};
const IF_MATCH_HEADER = {
  name: 'If-Match',
  required: false,
  description: 'The version the command was prepared against, e.g. "7" (like expectedVersion)',
};

/**
 * The HTTP routes of a list of commands, built from the command files themselves: each command declares its
 * path, DTO, summary and policy action, and gets a POST route that validates the DTO (the global pipe reads
 * the parameter type), checks the action's roles (the guard reads @Access), takes `If-Match` and
 * `Idempotency-Key`, and hands the rest to the one runtime. Swagger documents it from the same metadata.
 * So adding a command is a machine transition, a command file and a policy line — no controller code.
 */
export function commandController(name: string, commands: readonly AnyCommand[]): Type<unknown> {
  @ApiBearerAuth()
  @Controller()
  class CommandRoutes {
    constructor(@Inject(StreamRuntime) readonly runtime: StreamRuntime) {}
  }

  for (const command of commands) {
    const method = `${command.kind}:${command.route.path}`;
    const handler = async function (
      this: CommandRoutes,
      params: Record<string, string>,
      dto: { expectedVersion?: number },
      ifMatch: string | undefined,
      idempotency: IdempotencyRequest | undefined,
      account: AuthenticatedAccount,
    ) {
      const { expectedVersion, ...body } = withIfMatch(dto ?? {}, ifMatch);
      const base = {
        account,
        params,
        dto: body,
        ...(expectedVersion !== undefined ? { expectedVersion } : {}),
        ...(idempotency ? { idempotency } : {}),
      };
      // An Answer: the interceptor sends its body and marks a replay.
      return command.kind === 'case' || command.kind === 'commission'
        ? this.runtime.execute(command, { ...base, streamId: params.id })
        : this.runtime.open(command, base);
    };
    Object.defineProperty(CommandRoutes.prototype, method, {
      value: handler,
      writable: true,
      configurable: true,
      enumerable: false,
    });
    const descriptor = Object.getOwnPropertyDescriptor(CommandRoutes.prototype, method)!;
    const proto = CommandRoutes.prototype as object;
    const decorate = (decorator: MethodDecorator) => decorator(proto, method, descriptor);
    decorate(Post(command.route.path));
    decorate(HttpCode(201));
    decorate(Access(command.action));
    decorate(ApiTags(command.route.tag));
    decorate(
      ApiOperation({
        operationId: operationIdOf('post', `/api/v1/${command.route.path.replace(/:([A-Za-z]+)/g, '{$1}')}`),
        summary: command.route.summary,
        ...(command.route.description ? { description: command.route.description } : {}),
      }),
    );
    // The DTO's schema, with an example that passes validation as sent (never an `expectedVersion` that 400s).
    decorate(
      ApiBody({ type: command.dto, examples: { example: { summary: 'A valid body', value: command.route.example } } }),
    );
    // Creates answer 201 with Location (the case, the commission, the meeting); every answer that is a case or a
    // commission carries its new version as ETag (issue 11 item 3).
    const schema =
      command.kind === 'case' || command.kind === 'case-open'
        ? 'Case'
        : command.kind === 'commission' && command.answerSchema
          ? command.answerSchema
          : 'Commission';
    const location =
      command.kind === 'case-open'
        ? (body: { id: string }) => `/api/v1/cases/${body.id}`
        : command.kind === 'commission-open'
          ? (body: { id: string }) => `/api/v1/commissions/${body.id}`
          : command.kind === 'commission' && command.location
            ? command.location.bind(command)
            : undefined;
    const headers: Record<string, string> = {};
    if (location) {
      decorate(Created(location));
      headers.Location = 'The address of the new resource';
    }
    if (schema !== 'Meeting') {
      decorate(VersionTag());
      headers.ETag = 'The new version, quoted ("8"): send it back as If-Match';
    }
    decorate(
      ApiAnswer(schema, {
        status: 201,
        description: location ? 'Created' : 'Done: the case or commission as it is now',
        headers,
      }),
    );
    decorate(ApiHeader(IDEMPOTENCY_HEADER));
    if (command.kind === 'case' || command.kind === 'commission') decorate(ApiHeader(IF_MATCH_HEADER));
    for (const param of command.route.path.match(/:([A-Za-z]+)/g) ?? [])
      decorate(ApiParam({ name: param.slice(1), type: String, required: true }));
    Param()(proto, method, 0);
    Body()(proto, method, 1);
    Headers('if-match')(proto, method, 2);
    Idempotency()(proto, method, 3);
    CurrentAccount()(proto, method, 4);
    // The global ValidationPipe validates the body against the command's DTO class (and only the body).
    Reflect.defineMetadata('design:paramtypes', [Object, command.dto, String, Object, Object], proto, method);
    Reflect.defineMetadata('design:returntype', Object, proto, method);
  }
  Object.defineProperty(CommandRoutes, 'name', { value: name });
  return CommandRoutes;
}
