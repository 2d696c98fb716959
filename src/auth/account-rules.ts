import { DomainError } from '../common/domain-error';
import type { ReferenceService } from '../reference/reference.service';
import type { CreateAccountDto } from './dto/create-account.dto';
import type { Role } from './roles';

const AUTHORITY_ROLES: Role[] = ['authorityOfficer', 'commissionSecretary', 'commissionChair'];
const AUTHORITY_KINDS = ['civilServiceAuthority', 'informatizationAuthority', 'presidentialAdministration', 'primeMinisterOffice'];

/**
 * What a new account must satisfy beyond its DTO, whoever creates it (the API, the administrator's page): an agency
 * representative represents one evaluated body; authority staff work for one evaluating authority; the chair and the
 * secretary sign as people (their IIN); a person named must be registered. Refused with `validation-failed`.
 */
export async function checkNewAccount(dto: CreateAccountDto, reference: ReferenceService): Promise<void> {
  if (dto.role === 'agencyRepresentative') {
    if (!dto.bodyCode) throw DomainError.validation([{ name: 'bodyCode', reason: 'an agency representative represents one body' }]);
    const body = await reference.body(dto.bodyCode);
    if (body.kind === 'workingBody') throw DomainError.validation([{ name: 'bodyCode', reason: 'the working body is not evaluated' }]);
  }
  if (AUTHORITY_ROLES.includes(dto.role) || dto.role === 'presidentialAdministration') {
    if (!dto.authorityCode) throw DomainError.validation([{ name: 'authorityCode', reason: `${dto.role} works for one authority` }]);
    const body = await reference.body(dto.authorityCode, 'authorityCode');
    if (!AUTHORITY_KINDS.includes(body.kind)) {
      throw DomainError.validation([{ name: 'authorityCode', reason: `${body.code} is not an evaluating authority` }]);
    }
    if (dto.role === 'presidentialAdministration' && body.kind !== 'presidentialAdministration') {
      throw DomainError.validation([{ name: 'authorityCode', reason: 'must be the Presidential Administration' }]);
    }
  }
  if ((dto.role === 'commissionChair' || dto.role === 'commissionSecretary') && !dto.personIin) {
    throw DomainError.validation([{ name: 'personIin', reason: 'a commission chair or secretary signs as a person: give their IIN' }]);
  }
  if (dto.personIin) await reference.people([dto.personIin], 'personIin');
}
