import { DataSource, EntityManager } from 'typeorm';

/**
 * Reads outside a transaction (SPEC §9: nobody reads uncommitted work). On SQLite this is a read-only
 * connection of its own (src/database/database-options.ts `openReader`); on PostgreSQL the writer's pool.
 * Writes go only through the UnitOfWork.
 */
export class ReadDb {
  constructor(
    readonly dataSource: DataSource,
    private readonly owned: boolean,
  ) {}

  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  query<T = unknown[]>(sql: string, params?: unknown[]): Promise<T> {
    return this.dataSource.query<T>(sql, params);
  }

  /** `?` placeholders, written once; numbered ($1, $2 …) for PostgreSQL. */
  get postgres(): boolean {
    return this.dataSource.options.type === 'postgres';
  }

  async close(): Promise<void> {
    if (this.owned && this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
