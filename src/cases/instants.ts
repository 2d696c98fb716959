/** `at` is at or before `due` (a deadline is the last valid instant); an unknown due is never reached. */
export function atOrBeforeInstant(at: string, due: string | undefined): boolean {
  return due !== undefined && Date.parse(at) <= Date.parse(due);
}
