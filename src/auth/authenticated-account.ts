import { ExecutionContext, createParamDecorator } from '@nestjs/common';
import type { Role } from './roles';

/** Who is calling: set on the request by the AuthGuard. */
export interface AuthenticatedAccount {
  id: string;
  role: Role;
  displayName: string;
  personIin: string | null;
  bodyCode: string | null;
  authorityCode: string | null;
}

export const CurrentAccount = createParamDecorator(
  (_: unknown, context: ExecutionContext): AuthenticatedAccount =>
    context.switchToHttp().getRequest<{ account: AuthenticatedAccount }>().account,
);
