import { Foundation1763800000000 } from './1763800000000-foundation';
import { Cases1763800000100 } from './1763800000100-cases';
import { Deadlines1763800000200 } from './1763800000200-deadlines';
import { Documents1763800000300 } from './1763800000300-documents';
import { Audit1763800000400 } from './1763800000400-audit';
import { Notifications1763800000500 } from './1763800000500-notifications';
import { ReferenceActs1763800001000 } from './1763800001000-reference-acts';
import { CalendarImports1763800001001 } from './1763800001001-calendar-imports';
import { Transmissions1763800001010 } from './1763800001010-transmissions';
import { WebSignIn1763800002000 } from './1763800002000-web-sign-in';
import { AccountLifecycle1763800003000 } from './1763800003000-account-lifecycle';

/** Every migration, in order. The same list runs on SQLite and PostgreSQL. */
export const MIGRATIONS = [
  Foundation1763800000000,
  Cases1763800000100,
  Deadlines1763800000200,
  Documents1763800000300,
  Audit1763800000400,
  Notifications1763800000500,
  ReferenceActs1763800001000,
  CalendarImports1763800001001,
  Transmissions1763800001010,
  WebSignIn1763800002000,
  AccountLifecycle1763800003000,
];
