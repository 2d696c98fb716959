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

/**
 * p.92, p.94, p.96: where the final conclusion of a case goes when its appeal procedure ends, and the point that
 * sends it. p.92: the PA's conclusion on the civil-service authority; p.94: the Office of the Prime Minister's on
 * the informatization authority; p.96: the civil-service authority's on every other body. p.97: the
 * informatization authority drew the IT conclusion up itself — it is recorded in its register, nothing is sent.
 */
export function finalTransmission(
  direction: Direction,
  bodyCode: string,
  roles: AuthorityRoles,
): { to: string; law: 'p.92' | 'p.94' | 'p.96' | 'p.97' } {
  const to = finalRecipient(direction, roles);
  if (direction === 'personnel') return { to, law: bodyCode === roles.civilService ? 'p.92' : 'p.96' };
  return { to, law: bodyCode === roles.informatization ? 'p.94' : 'p.97' };
}

/**
 * p.108: to whom the body appeals after the procedure at its authority — the Presidential Administration, unless
 * the PA itself was the evaluating authority (p.91): its results are final (p.106) and there is no appeal to it
 * against itself (null). When the Office of the Prime Minister evaluated (p.93), the appeal goes to the PA as usual.
 */
export function appealInstance(direction: Direction, bodyCode: string, roles: AuthorityRoles): string | null {
  const authority = evaluatingAuthority(direction, bodyCode, roles);
  return authority === roles.presidentialAdministration ? null : roles.presidentialAdministration;
}

/** The form of the conclusion: appendix 12 for personnel (p.91/p.95), 15 for IT (p.93/p.97). */
export function conclusionForm(direction: Direction): 'appendix-12' | 'appendix-15' {
  return direction === 'personnel' ? 'appendix-12' : 'appendix-15';
}
