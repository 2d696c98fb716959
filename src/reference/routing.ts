import { AuthorityRoles as WorkflowAuthorityRoles, Direction, evaluatingAuthority } from '../../workflows';

export type { Direction };

/** The registered codes of the institutions of points 91–97 and 106; any may still be missing during set-up. */
export type AuthorityRoles = Partial<WorkflowAuthorityRoles> & { workingBody?: string };

/** The pure rule of workflows/routing.ts over the registered bodies; undefined when the authority is not registered yet. */
export function evaluatingAuthorityOf(
  direction: Direction,
  bodyCode: string,
  roles: AuthorityRoles,
): string | undefined {
  const authority = evaluatingAuthority(direction, bodyCode, {
    civilService: roles.civilService ?? '',
    informatization: roles.informatization ?? '',
    presidentialAdministration: roles.presidentialAdministration ?? '',
    primeMinisterOffice: roles.primeMinisterOffice ?? '',
  });
  return authority || undefined;
}
