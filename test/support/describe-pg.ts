/** `describe` for suites that need PostgreSQL; `describe.skip` (saying why) when it is absent, a failure under CI=true. */
import { postgresAvailable } from './postgres';

export const describePg: jest.Describe = (postgresAvailable() ? describe : describe.skip) as jest.Describe;
