/**
 * How a failure while checking a Teams token is answered: the token's fault is 401 whatever
 * botbuilder threw; only signing keys that could not be fetched are 500.
 */
import { authFailure } from '../../src/channels/teams/authenticate';

test.each([
  ['a bad signature (jsonwebtoken)', Object.assign(new Error('invalid signature'), { name: 'JsonWebTokenError' })],
  ['a token not yet valid', Object.assign(new Error('jwt not active'), { name: 'NotBeforeError' })],
  ['botbuilder refusing the token', Object.assign(new Error('Unauthorized'), { statusCode: 401 })],
  ['a malformed token', new TypeError("Cannot read properties of null (reading 'kid')")],
  ['something that is not an Error', 'nope'],
  ['nothing at all', undefined],
])('%s is 401', (_what, err) => {
  expect(authFailure(err)).toEqual({ ok: false, status: 401, code: 'token_refused' });
});

test.each([
  ['keys answered 5xx (botbuilder)', Object.assign(new Error('Failed to load Keys: 503'), { statusCode: 500 })],
  ['keys unreachable (node-fetch)', Object.assign(new Error('request failed'), { name: 'FetchError', code: 'ECONNREFUSED' })],
  ['DNS failure', Object.assign(new Error('getaddrinfo'), { code: 'ENOTFOUND' })],
])('%s is 500', (_what, err) => {
  expect(authFailure(err)).toEqual({ ok: false, status: 500, code: 'signing_keys_unavailable' });
});
