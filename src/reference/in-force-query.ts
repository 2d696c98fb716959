import { localDateOf } from '../calendar/calendar-rules';
import { DomainError, invalidParam } from '../common/domain-error';

/**
 * The local (Astana, Asia/Almaty) date a question "which version is in force?" is about: a date given as such,
 * or the Astana date of an instant — never its UTC date (issue 13: the local date decides everywhere).
 */
export function localDateOfQuery(query: { date?: string; at?: string }): string {
  if ((query.date === undefined) === (query.at === undefined)) {
    throw DomainError.validation([
      invalidParam('date', 'refusals.misc.dateOrAt'),
      invalidParam('at', 'refusals.misc.dateOrAt'),
    ]);
  }
  return query.date ?? localDateOf(query.at!);
}
