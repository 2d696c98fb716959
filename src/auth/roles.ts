import { SetMetadata } from '@nestjs/common';

/** The roles of SPEC §1. */
export const ROLES = [
  'administrator',
  'authorityOfficer',
  'commissionSecretary',
  'commissionChair',
  'agencyRepresentative',
  'workingBody',
  'presidentialAdministration',
  'auditor',
] as const;
export type Role = (typeof ROLES)[number];

export const ACCESS_KEY = 'appeals:access';
export type AccessRule = { public: true } | { roles: Role[] };

/** Anyone may call it, without a token (health, the public calendar, the API description). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(ACCESS_KEY, { public: true } satisfies AccessRule);

/** Only these roles may call it. Every handler carries either @Public() or @Roles(...): no rule means no access. */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator =>
  SetMetadata(ACCESS_KEY, { roles } satisfies AccessRule);
