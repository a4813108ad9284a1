/** In-memory twins of the delivery and channel-reference stores, for tests and the fallback. */
import type { Delivery, DeliveryPurpose, DeliveryStore } from '../core/delivery';
import type { ChannelRefStore } from '../core/ports';

export class MemoryDeliveryStore implements DeliveryStore {
  private readonly rows: Delivery[] = [];
  /** Lease expiry per delivery id (kept apart from the rows, which the port returns as they are). */
  private readonly leases = new Map<number, string>();

  add(d: { reference: string; channel: string; target: string; purpose: DeliveryPurpose; at: string }): Delivery {
    const row: Delivery = { id: this.rows.length + 1, reference: d.reference, channel: d.channel, target: d.target, purpose: d.purpose, status: 'pending', attempts: 0, createdAt: d.at };
    this.rows.push(row);
    return { ...row };
  }

  markSent(id: number, at: string): void {
    const r = this.find(id);
    Object.assign(r, { status: 'sent', attempts: r.attempts + 1, sentAt: at });
    delete r.nextAttemptAt;
    delete r.lastError;
    this.leases.delete(id);
  }

  markFailed(id: number, error: string, retryAt: string | undefined): void {
    const r = this.find(id);
    Object.assign(r, { status: 'failed', attempts: r.attempts + 1, lastError: error });
    if (retryAt) r.nextAttemptAt = retryAt;
    else delete r.nextAttemptAt;
    this.leases.delete(id);
  }

  due(at: string): Delivery[] {
    return this.rows.filter((r) => isDue(r, at)).map((r) => ({ ...r }));
  }

  forReport(reference: string): Delivery[] {
    return this.rows.filter((r) => r.reference === reference).map((r) => ({ ...r }));
  }

  claim(id: number, at: string, until: string): boolean {
    const r = this.rows.find((x) => x.id === id);
    if (!r || !isDue(r, at) || (this.leases.get(id) ?? '') > at) return false;
    this.leases.set(id, until);
    r.leases = (r.leases ?? 0) + 1;
    return true;
  }

  claimDue(at: string, until: string): Delivery[] {
    return this.rows.filter((r) => this.claim(r.id, at, until)).map((r) => ({ ...r }));
  }

  private find(id: number): Delivery {
    const r = this.rows.find((x) => x.id === id);
    if (!r) throw new Error(`no delivery ${id}`);
    return r;
  }
}

function isDue(r: Delivery, at: string): boolean {
  return r.status === 'pending' || (r.status === 'failed' && r.nextAttemptAt !== undefined && r.nextAttemptAt <= at);
}

export class MemoryChannelRefStore implements ChannelRefStore {
  private readonly data = new Map<string, string>();

  get(channel: string, key: string): unknown {
    const v = this.data.get(`${channel}\u0000${key}`);
    return v === undefined ? undefined : (JSON.parse(v) as unknown);
  }

  put(channel: string, key: string, data: unknown): void {
    this.data.set(`${channel}\u0000${key}`, JSON.stringify(data));
  }

  list(channel: string): { key: string; data: unknown }[] {
    const prefix = `${channel}\u0000`;
    return [...this.data.entries()]
      .filter(([k]) => k.startsWith(prefix))
      .map(([k, v]) => ({ key: k.slice(prefix.length), data: JSON.parse(v) as unknown }))
      .sort((a, b) => a.key.localeCompare(b.key));
  }
}
