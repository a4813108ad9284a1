/** The whole store set's contract on SQLite (a real file per test). */
import path from 'node:path';
import { openStores, type Stores } from '../../src/store/open-stores';
import { makeTempDir } from './fixtures';
import { describeStoreSet } from './store-set-contract';

let open: { stores: Stores; temp: ReturnType<typeof makeTempDir> } | undefined;
describeStoreSet('SQLite stores', {
  create() {
    if (!open) {
      const temp = makeTempDir();
      open = { temp, stores: openStores(path.join(temp.dir, 'safestep.db')) };
    }
    return open.stores;
  },
  release() {
    open?.stores.close();
    open?.temp.cleanup();
    open = undefined;
  },
});
