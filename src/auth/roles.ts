import { SetMetadata } from '@nestjs/common';
import type { Action } from './policy';

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
export type AccessRule = { public: true } | { action: Action };

/** Anyone may call it, without a token (health, the public calendar, the API description). */
export const Public = (): MethodDecorator & ClassDecorator =>
  SetMetadata(ACCESS_KEY, { public: true } satisfies AccessRule);

/**
 * The action of the access policy (src/auth/policy.ts) this handler takes. The guard lets through only the
 * roles the policy names for it; the scope (whose case) is judged where the stream is known. Every handler
 * carries either @Public() or @Access(...): no rule means no access.
 */
export const Access = (action: Action): MethodDecorator & ClassDecorator =>
  SetMetadata(ACCESS_KEY, { action } satisfies AccessRule);
