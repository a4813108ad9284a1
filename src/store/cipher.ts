/**
 * Encryption at rest: AES-256-GCM (Node's crypto) of every data column that holds what a person
 * typed or a reporter's name. A sealed value is "enc:v1:<key id>:<iv>:<tag>:<ciphertext>"
 * (base64 parts), stored as a JSON string so the columns' json_valid checks hold. New data is
 * sealed with the newest key; older keys still open what they sealed until `keys rotate` has
 * re-sealed it. When the key file changes (a rotation by another process) it is re-read, so a
 * running server follows a rotation. Never falls back to plain text.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { SafeStepError } from '../core/errors';
import type { DataSeal } from './data-seal';
import { describeSource, readKeys, type Key, type KeySource } from './keys';

const PREFIX = 'enc:v1:';

/** True if a stored data value is sealed. */
export function isSealed(stored: string): boolean {
  return stored.startsWith(`"${PREFIX}`);
}

/** The key id a sealed value names, if it is sealed. */
export function sealedKeyId(stored: string): string | undefined {
  return isSealed(stored) ? stored.slice(PREFIX.length + 1).split(':')[0] : undefined;
}

export class Cipher implements DataSeal {
  private keys: Key[];
  private stamp: number;

  constructor(private readonly source: KeySource, keys: Key[]) {
    this.keys = keys;
    this.stamp = this.fileStamp();
  }

  /** The id of the key new data is sealed with. */
  get currentId(): string {
    this.follow();
    return this.keys[0]!.id;
  }

  /** True if this cipher holds the key with `id`. */
  has(id: string): boolean {
    this.follow();
    return this.keys.some((k) => k.id === id);
  }

  seal(json: string): string {
    this.follow();
    const key = this.keys[0]!;
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', key.bytes, iv);
    const body = Buffer.concat([c.update(json, 'utf8'), c.final()]);
    return JSON.stringify(`${PREFIX}${key.id}:${iv.toString('base64')}:${c.getAuthTag().toString('base64')}:${body.toString('base64')}`);
  }

  open(stored: string): string {
    if (!isSealed(stored)) return stored; // written before encryption was on; sealed on the next start
    const [id, iv, tag, body] = (JSON.parse(stored) as string).slice(PREFIX.length).split(':') as [string, string, string, string];
    let key = this.keys.find((k) => k.id === id);
    if (!key) {
      this.follow(true);
      key = this.keys.find((k) => k.id === id);
    }
    if (!key) throw new SafeStepError('key_error', `This data was encrypted with key ${id}, which ${describeSource(this.source)} does not hold.`);
    const d = createDecipheriv('aes-256-gcm', key.bytes, Buffer.from(iv, 'base64'));
    d.setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([d.update(Buffer.from(body, 'base64')), d.final()]).toString('utf8');
  }

  /** Re-reads the key file when it changed (or when `force`), so a rotation elsewhere is followed. */
  private follow(force = false): void {
    if (this.source.kind !== 'file') return;
    const stamp = this.fileStamp();
    if (!force && stamp === this.stamp) return;
    const keys = readKeys(this.source);
    if (keys) this.keys = keys;
    this.stamp = stamp;
  }

  private fileStamp(): number {
    if (this.source.kind !== 'file') return 0;
    try {
      const s = fs.statSync(this.source.path);
      return s.mtimeMs * 1000 + s.ino + s.size;
    } catch {
      return 0;
    }
  }
}
