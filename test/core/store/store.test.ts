import { createStore } from '../../../core/store/create-store';
import type { KyselyStore } from '../../../core/store/kysely-store';
import type { StoreOptions } from '../../../core/store/store-options';
import { assetCases } from './cases/asset-cases';
import { disposalCases } from './cases/disposal-cases';
import { indexCases } from './cases/index-cases';
import { trackingCases } from './cases/tracking-cases';
import { transactionCases } from './cases/transaction-cases';
import type { StoreContext } from './store-context';
import { storeTargets } from './store-targets';

/** One suite, run against SQLite (temp dir) and PostgreSQL (fresh database per file). */
describe.each(storeTargets())('store on $name', (target) => {
  if (target.skipReason !== undefined) {
    test.skip(`skipped: ${target.skipReason}`, () => undefined);
    return;
  }

  let store: KyselyStore | undefined;
  let options: StoreOptions | undefined;
  const ctx: StoreContext = {
    store: () => {
      if (store === undefined) throw new Error(`no ${target.name} store is open`);
      return store;
    },
    options: () => {
      if (options === undefined) throw new Error(`no ${target.name} store is open`);
      return options;
    },
    freshOptions: () => target.freshOptions(),
  };

  beforeAll(() => target.setup());
  afterAll(() => target.teardown());
  beforeEach(async () => {
    options = target.freshOptions();
    store = await createStore(options);
    await store.migrate();
  });
  afterEach(async () => {
    await store?.close();
    store = undefined;
  });

  test('reports its dialect', () => {
    expect(ctx.store().dialect).toBe(target.name);
  });

  describe('assets', () => assetCases(ctx));
  describe('identity index, provenance and history', () => indexCases(ctx));
  describe('conflicts, ticket links and runs', () => trackingCases(ctx));
  describe('transactions', () => transactionCases(ctx));
  describe('disposal records', () => disposalCases(ctx));
});
