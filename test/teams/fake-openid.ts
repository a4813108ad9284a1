/**
 * A local stand-in for the Bot Framework's OpenID metadata on 127.0.0.1 (Microsoft's is not
 * reachable from the tests): serves an OpenID configuration whose jwks_uri lists one RSA key
 * under a published key id, and signs tokens with it the way the Bot Connector service does.
 * `forge` signs the same claims with another key under the same key id (a forged signature).
 */
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export const KEY_ID = 'published-key-1';
/** The issuer of tokens the Bot Connector service sends to bots. */
export const CHANNEL_ISSUER = 'https://api.botframework.com';

export interface FakeOpenId {
  /** The OpenID configuration URL (what TeamsConfig.openIdMetadataUrl points at). */
  metadataUrl: string;
  /** A token signed with the published key. */
  token(claims: Record<string, unknown>): string;
  /** A token with the published key id but signed by a different key. */
  forge(claims: Record<string, unknown>): string;
  /** Every request path served, in order. */
  requests: string[];
  close(): Promise<void>;
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function jwt(claims: Record<string, unknown>, key: KeyObject): string {
  const now = Math.floor(Date.now() / 1000);
  const head = `${b64({ alg: 'RS256', typ: 'JWT', kid: KEY_ID })}.${b64({ iss: CHANNEL_ISSUER, nbf: now - 60, exp: now + 3600, ...claims })}`;
  return `${head}.${sign('sha256', Buffer.from(head), key).toString('base64url')}`;
}

export async function startFakeOpenId(): Promise<FakeOpenId> {
  const published = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = published.publicKey.export({ format: 'jwk' });
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(req.url ?? '');
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const body =
      req.url === '/openid-configuration'
        ? { issuer: CHANNEL_ISSUER, jwks_uri: `${base}/keys`, id_token_signing_alg_values_supported: ['RS256'] }
        : req.url === '/keys'
          ? { keys: [{ kty: 'RSA', use: 'sig', kid: KEY_ID, n: jwk.n, e: jwk.e }] }
          : undefined;
    res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' }).end(JSON.stringify(body ?? {}));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    metadataUrl: `http://127.0.0.1:${port}/openid-configuration`,
    token: (claims) => jwt(claims, published.privateKey),
    forge: (claims) => jwt(claims, other.privateKey),
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
