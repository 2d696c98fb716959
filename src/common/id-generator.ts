import { randomUUID } from 'node:crypto';

/** Id generation behind a provider, so tests can make ids predictable. */
export class IdGenerator {
  uuid(): string {
    return randomUUID();
  }
}
