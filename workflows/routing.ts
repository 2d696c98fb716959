/**
 * Chapter 6 of the methodology (p.91–p.97): who evaluates a body in a direction, and where the
 * final conclusions go. Pure functions over the codes of the four authorities.
 */

export type Direction = 'personnel' | 'it';

/** Codes of the bodies that play a role in routing (administrator data, not code). */
export interface AuthorityRoles {
  /** The authorised body for civil service affairs ("Personnel management"). */
  civilService: string;
  /** The authorised body for informatization ("Application of information technologies"). */
  informatization: string;
  presidentialAdministration: string;
  primeMinisterOffice: string;
}

/** The evaluating authority of a case (body × direction). */
export function evaluatingAuthority(direction: Direction, bodyCode: string, roles: AuthorityRoles): string {
  if (direction === 'personnel') {
    // p.91: the Presidential Administration evaluates the civil-service authority itself.
    // p.95: the civil-service authority evaluates every other body.
    return bodyCode === roles.civilService ? roles.presidentialAdministration : roles.civilService;
  }
  // p.93: the Office of the Prime Minister evaluates the informatization authority itself.
  // p.97: the informatization authority evaluates every other body.
  return bodyCode === roles.informatization ? roles.primeMinisterOffice : roles.informatization;
}

/**
 * p.92, p.94, p.96: after the appeal procedure the conclusions of a direction go to the
 * informatization authority. (p.97: IT conclusions are drawn up by it already.)
 */
export function finalRecipient(direction: Direction, roles: AuthorityRoles): string {
  void direction; // every direction ends at the same recipient; kept for the call site's clarity
  return roles.informatization;
}

/** The form of the conclusion: appendix 12 for personnel (p.91/p.95), 15 for IT (p.93/p.97). */
export function conclusionForm(direction: Direction): 'appendix-12' | 'appendix-15' {
  return direction === 'personnel' ? 'appendix-12' : 'appendix-15';
}
