import { Foundation1763800000000 } from './1763800000000-foundation';

/** Every migration, in order. The same list runs on SQLite and PostgreSQL. */
export const MIGRATIONS = [Foundation1763800000000];
