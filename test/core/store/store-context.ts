import type { KyselyStore } from '../../../core/store/kysely-store';
import type { StoreOptions } from '../../../core/store/store-options';
import { isAssetbridgeError } from '../../../core/errors';

/** What each test of the shared suite gets: a fresh migrated store and where it lives. */
export interface StoreContext {
  store(): KyselyStore;
  options(): StoreOptions;
  /** Options of another fresh location of the same dialect. */
  freshOptions(): StoreOptions;
}

/** Awaits `promise`, expecting a STORE AssetbridgeError; returns its message. */
export async function storeFailure(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    if (isAssetbridgeError(err, 'STORE')) return err.message;
    throw err;
  }
  throw new Error('expected a STORE error, but the operation succeeded');
}
