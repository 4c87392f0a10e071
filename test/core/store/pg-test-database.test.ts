import { createTestDatabase, maintenanceUrl, pgTestsDisabled } from './pg-test-database';

describe('PostgreSQL test database helper', () => {
  test('an unreachable server fails with a message saying how to configure or skip', async () => {
    const failure = createTestDatabase('postgres://postgres:pw@127.0.0.1:1/postgres');
    await expect(failure).rejects.toThrow(/ASSETBRIDGE_TEST_PG_URL/);
    await expect(failure).rejects.toThrow(/ASSETBRIDGE_TEST_PG=off/);
    await expect(failure).rejects.toThrow(/postgres:\*\*\*@127\.0\.0\.1:1/);
  });

  test('reads its settings from the environment', () => {
    expect(maintenanceUrl({})).toBe('postgres://postgres@127.0.0.1:5432/postgres');
    expect(maintenanceUrl({ ASSETBRIDGE_TEST_PG_URL: 'postgres://x@h/db' })).toBe(
      'postgres://x@h/db',
    );
    expect(pgTestsDisabled({ ASSETBRIDGE_TEST_PG: 'OFF' })).toBe(true);
    expect(pgTestsDisabled({})).toBe(false);
  });
});
