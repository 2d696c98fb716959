import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { IdempotencyStore } from '../common/idempotency';
import { EventStore } from '../events/event-store';
import { openReader } from './database-options';
import { ReadDb } from './read-db';
import { SqliteUnitOfWork, UnitOfWork, createUnitOfWork } from './unit-of-work';

/** The unit of work every write goes through, the read connection, and idempotent writes (all global). */
@Global()
@Module({
  providers: [
    {
      provide: UnitOfWork,
      useFactory: (dataSource: DataSource) => createUnitOfWork(dataSource),
      inject: [getDataSourceToken()],
    },
    {
      provide: ReadDb,
      useFactory: async (dataSource: DataSource) => {
        const { dataSource: reader, owned } = await openReader(dataSource);
        return new ReadDb(reader, owned);
      },
      inject: [getDataSourceToken()],
    },
    IdempotencyStore,
    EventStore,
  ],
  exports: [UnitOfWork, ReadDb, IdempotencyStore, EventStore],
})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(
    @Inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
    private readonly reader: ReadDb,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.unitOfWork instanceof SqliteUnitOfWork) await this.unitOfWork.close();
    await this.reader.close();
  }
}
