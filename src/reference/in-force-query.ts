import { localDateOf } from '../calendar/calendar-rules';
import { DomainError } from '../common/domain-error';

/**
 * The local (Astana, Asia/Almaty) date a question "which version is in force?" is about: a date given as such,
 * or the Astana date of an instant — never its UTC date (issue 13: the local date decides everywhere).
 */
export function localDateOfQuery(query: { date?: string; at?: string }): string {
  if ((query.date === undefined) === (query.at === undefined)) {
    const reason = 'give either date (a local date YYYY-MM-DD) or at (an instant with its offset), not both';
    throw DomainError.validation([
      { name: 'date', reason },
      { name: 'at', reason },
    ]);
  }
  return query.date ?? localDateOf(query.at!);
}
