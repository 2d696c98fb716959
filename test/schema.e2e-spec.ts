import { TestApp, startTestApp } from './support/test-app';

/**
 * Entities and migrations agree (issue 10): after the migrations run, TypeORM's schema builder — asked what
 * `synchronize` would change — has nothing to say, on SQLite and on PostgreSQL. Indexes, uniques (the ones
 * "a race answers version-conflict" depends on), foreign keys and defaults are declared on the entities
 * too, so the next `migration:generate` would not drop them.
 */
describe('Schema: entities = migrations', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp();
  });
  afterAll(async () => {
    await sut.close();
  });

  it('synchronize would change nothing', async () => {
    const log = await sut.dataSource.driver.createSchemaBuilder().log();
    expect(log.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('keeps the unique constraints that make a race answer version-conflict', () => {
    const names = sut.dataSource.entityMetadatas.flatMap((e) => e.uniques.map((u) => u.name));
    expect(names).toEqual(expect.arrayContaining(['uq_cases_conclusion', 'uq_commissions_scope']));
  });
});
