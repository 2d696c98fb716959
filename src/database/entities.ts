import { AccountEntity } from '../auth/account.entity';
import { CalendarEntryEntity, CalendarVersionEntity, CalendarYearEntity } from '../calendar/calendar.entities';

/** Every TypeORM entity of the service. */
export const ENTITIES = [CalendarVersionEntity, CalendarYearEntity, CalendarEntryEntity, AccountEntity];
