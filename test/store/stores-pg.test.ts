/**
 * The same store contracts (test/store/contracts.ts, store-set-contract.ts) on a real PostgreSQL:
 * a throwaway cluster for this file, a fresh database per test. Skipped, saying so, when the
 * PostgreSQL binaries are absent (failing instead under CI=true).
 */
import { openStores, type Stores } from '../../src/store/open-stores';
import { describePg } from '../support/describe-pg';
import { startPostgres, type PgCluster } from '../support/postgres';
import { describeStoreSet } from './store-set-contract';

let cluster: PgCluster | undefined;
let open: Stores | undefined;

describePg('PostgreSQL', () => {
  afterAll(() => cluster?.stop());
  describeStoreSet('PostgreSQL stores', {
    create() {
      cluster ??= startPostgres();
      open ??= openStores(cluster.freshDatabase());
      return open;
    },
    release() {
      open?.close();
      open = undefined;
    },
  });
});
