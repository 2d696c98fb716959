import { DomainError } from '../common/domain-error';
import type { ReferenceService } from '../reference/reference.service';
import type { CreateAccountDto } from './dto/create-account.dto';
import type { Role } from './roles';
import { textOr } from '../i18n/text';

const AUTHORITY_ROLES: Role[] = ['authorityOfficer', 'commissionSecretary', 'commissionChair'];
const AUTHORITY_KINDS = [
  'civilServiceAuthority',
  'informatizationAuthority',
  'presidentialAdministration',
  'primeMinisterOffice',
];

/**
 * What a new account must satisfy beyond its DTO, whoever creates it (the API, the administrator's page): an agency
 * representative represents one evaluated body; authority staff work for one evaluating authority; the chair and the
 * secretary sign as people (their IIN); a person named must be registered. Refused with `validation-failed`.
 */
export async function checkNewAccount(dto: CreateAccountDto, reference: ReferenceService): Promise<void> {
  if (dto.role === 'agencyRepresentative') {
    if (!dto.bodyCode) throw DomainError.field('bodyCode', 'refusals.accounts.needsBody');
    const body = await reference.body(dto.bodyCode);
    if (body.kind === 'workingBody') throw DomainError.field('bodyCode', 'reasons.workingBodyNotEvaluated');
  }
  if (AUTHORITY_ROLES.includes(dto.role) || dto.role === 'presidentialAdministration') {
    if (!dto.authorityCode)
      throw DomainError.field('authorityCode', 'refusals.accounts.worksForOne', {
        role: textOr(`roles.${dto.role}`, dto.role),
      });
    const body = await reference.body(dto.authorityCode, 'authorityCode');
    if (!AUTHORITY_KINDS.includes(body.kind)) {
      throw DomainError.field('authorityCode', 'refusals.accounts.notAuthority', { code: body.code });
    }
    if (dto.role === 'presidentialAdministration' && body.kind !== 'presidentialAdministration') {
      throw DomainError.field('authorityCode', 'refusals.accounts.mustBePa');
    }
  }
  if ((dto.role === 'commissionChair' || dto.role === 'commissionSecretary') && !dto.personIin) {
    throw DomainError.field('personIin', 'refusals.accounts.needsPerson');
  }
  if (dto.personIin) await reference.people([dto.personIin], 'personIin');
}
