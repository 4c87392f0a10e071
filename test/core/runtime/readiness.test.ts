import { createStore } from '../../../core/store/create-store';
import { storeReadiness } from '../../../core/runtime/readiness';
import { storeTargets } from '../store/store-targets';

describe.each(storeTargets())('store readiness on $name', (target) => {
  if (target.skipReason !== undefined) {
    test.skip(`skipped: ${target.skipReason}`, () => undefined);
    return;
  }
  beforeAll(() => target.setup());
  afterAll(() => target.teardown());

  test('not ready before the migrations, ready after them', async () => {
    const store = await createStore(target.freshOptions());
    try {
      const ready = storeReadiness(store);
      expect(await ready()).toEqual({
        ok: false,
        reason: expect.stringMatching(/^store not reachable or not migrated: /),
      });
      await store.migrate();
      expect(await ready()).toEqual({ ok: true });
    } finally {
      await store.close();
    }
  });

  test('not ready when the store is closed', async () => {
    const store = await createStore(target.freshOptions());
    await store.migrate();
    await store.close();
    expect((await storeReadiness(store)()).ok).toBe(false);
  });
});
