/**
 * Induction-quiz outreach, the same on every channel: a DSL posts the invitation in a staff
 * channel (remembered); a new member of such a channel is welcomed with the quiz by DM; and every
 * member who has not passed is reminded by DM once `reminderDays` have passed since their
 * invitation or last reminder (checked hourly, or by `sendReminders`). Each channel supplies a
 * QuizRoster (who is in a channel; sending). Answers and scores never go to a channel. What was
 * posted where, and who was invited or reminded when, is kept in the channel's records.
 */
import { errorCode } from '../core/errors';
import type { ChannelRecords, QuizInvite, QuizRoster } from '../core/host';
import type { Logger, TickClaims } from '../core/ports';
import { Ticker } from '../core/ticker';

const DAY_MS = 24 * 60 * 60_000;

/** Record keys (stable: existing deployments' records keep working). */
export const QUIZ_KEYS = {
  channel: (place: string) => `quiz-channel:${place}`,
  invited: (user: string) => `quiz-invited:${user}`,
  reminded: (user: string) => `quiz-reminded:${user}`,
} as const;

/** A staff channel the invitation was posted in. */
export interface QuizChannelRef {
  channel: string;
  /** The setting whose quiz it is (absent in records from before deployments: the channel's only setting). */
  settingId?: string;
  postedAt: string;
  lastPostedAt: string;
}

/** One channel's part in outreach: its roster, its records, and whether its setting has a quiz. */
export interface OutreachChannel {
  roster: QuizRoster;
  records: ChannelRecords;
  /** The invitation texts of a setting, or undefined when it has no quiz. */
  invites(settingId: string): { channel: QuizInvite; joined: QuizInvite; reminder: (days: number) => QuizInvite } | undefined;
  /** Platform user ids who have passed a setting's quiz. */
  passed(settingId: string): Set<string>;
  /** The setting of records kept before a deployment named settings (a single-setting deployment's). */
  defaultSetting(): string | undefined;
}

export interface QuizOutreachDeps {
  channels: Map<string, OutreachChannel>;
  reminderDays: number;
  /** Servers sharing a database: each reminder round runs on one of them. */
  ticks?: TickClaims;
  clock: () => Date;
  log: Logger;
}

export class QuizOutreach {
  private readonly ticker: Ticker;
  private checking?: Promise<string[]>;

  constructor(private readonly d: QuizOutreachDeps) {
    this.ticker = new Ticker(d.ticks ? { name: 'quiz-reminders', claims: d.ticks, clock: d.clock } : undefined);
  }

  /** Posts `settingId`'s invitation in `place` on `channel` and remembers it. Throws if the platform refuses. */
  async post(channel: string, place: string, settingId: string): Promise<void> {
    const c = this.channel(channel);
    const invites = c?.invites(settingId);
    if (!c || !invites) throw Object.assign(new Error('no quiz here'), { code: 'no_quiz' });
    await c.roster.invite({ place }, invites.channel);
    const at = this.d.clock().toISOString();
    const known = c.records.get<QuizChannelRef>(QUIZ_KEYS.channel(place));
    c.records.put(QUIZ_KEYS.channel(place), { channel: place, settingId, postedAt: known?.postedAt ?? at, lastPostedAt: at } satisfies QuizChannelRef);
    this.d.log.info('quiz_posted', { channel });
  }

  /** The staff channels a setting's invitation was posted in on `channel`. */
  places(channel: string, settingId: string): string[] {
    const c = this.channel(channel);
    return this.placeRefs(channel).filter((r) => (r.settingId ?? c?.defaultSetting()) === settingId).map((r) => r.channel);
  }

  /** Welcomes a new member of a staff quiz channel by DM (not one who passed or was invited lately). Never throws. */
  async memberJoined(channel: string, place: string, user: string): Promise<boolean> {
    try {
      const c = this.channel(channel);
      const ref = c?.records.get<QuizChannelRef>(QUIZ_KEYS.channel(place));
      const settingId = ref && (ref.settingId ?? c!.defaultSetting());
      const invites = settingId ? c!.invites(settingId) : undefined;
      if (!c || !settingId || !invites) return false;
      const now = this.d.clock();
      if (c.passed(settingId).has(user) || this.recent(c, QUIZ_KEYS.invited(user), now) || !(await c.roster.isPerson(user))) return false;
      await c.roster.invite({ user }, invites.joined);
      c.records.put(QUIZ_KEYS.invited(user), { at: now.toISOString() });
      this.d.log.info('quiz_invited', { channel });
      return true;
    } catch (err) {
      this.d.log.warn('quiz_invite_failed', { channel, code: errorCode(err) });
      return false;
    }
  }

  /** Reminds, on every channel, each member of a staff quiz channel who has not passed and is due. Returns who. Never throws. */
  sendReminders(now: Date = this.d.clock()): Promise<string[]> {
    if (this.checking) return this.checking;
    const run = this.remindAll(now).finally(() => {
      this.checking = undefined;
    });
    this.checking = run;
    return run;
  }

  /** Checks for reminders every `everyMs` until stop(). */
  start(everyMs = 60 * 60_000): void {
    this.ticker.start(() => void this.sendReminders(), everyMs);
  }

  stop(): void {
    this.ticker.stop();
  }

  /** Resolves when a reminder check under way has finished. */
  async drain(): Promise<void> {
    await this.checking;
  }

  private async remindAll(now: Date): Promise<string[]> {
    const reminded: string[] = [];
    for (const [name, c] of this.d.channels) {
      try {
        reminded.push(...(await this.remind(name, c, now)));
      } catch (err) {
        this.d.log.error('quiz_reminders_failed', { channel: name, code: errorCode(err) });
      }
    }
    return reminded;
  }

  private async remind(name: string, c: OutreachChannel, now: Date): Promise<string[]> {
    const seen = new Set<string>();
    const reminded: string[] = [];
    for (const ref of this.placeRefs(name)) {
      const settingId = ref.settingId ?? c.defaultSetting();
      const invites = settingId ? c.invites(settingId) : undefined;
      if (!settingId || !invites) continue;
      const passed = c.passed(settingId);
      let members: string[];
      try {
        members = await c.roster.members(ref.channel);
      } catch (err) {
        this.d.log.warn('quiz_members_failed', { channel: name, code: errorCode(err) });
        continue;
      }
      for (const user of members) {
        if (seen.has(user) || passed.has(user)) continue;
        seen.add(user);
        const invitedAt = c.records.get<{ at: string }>(QUIZ_KEYS.invited(user))?.at;
        const remindedAt = c.records.get<{ at: string }>(QUIZ_KEYS.reminded(user))?.at;
        const last = Math.max(...[ref.lastPostedAt, invitedAt, remindedAt].map((t) => (t ? Date.parse(t) : 0)).filter((t) => !Number.isNaN(t)));
        if (now.getTime() - last < this.d.reminderDays * DAY_MS || !(await c.roster.isPerson(user))) continue;
        const days = Math.max(1, Math.floor((now.getTime() - Date.parse(invitedAt ?? ref.postedAt)) / DAY_MS));
        try {
          await c.roster.invite({ user }, invites.reminder(days));
          c.records.put(QUIZ_KEYS.reminded(user), { at: now.toISOString() });
          reminded.push(user);
        } catch (err) {
          this.d.log.warn('quiz_reminder_failed', { channel: name, code: errorCode(err) });
        }
      }
    }
    this.d.log.info('quiz_reminders', { channel: name, sent: reminded.length });
    return reminded;
  }

  /** The staff channels recorded on a channel (records of another shape are passed over). */
  private placeRefs(name: string): QuizChannelRef[] {
    return (this.channel(name)?.records.list<QuizChannelRef>(QUIZ_KEYS.channel('')) ?? []).filter((r) => typeof r?.channel === 'string' && typeof r.lastPostedAt === 'string');
  }

  private recent(c: OutreachChannel, key: string, now: Date): boolean {
    const at = c.records.get<{ at: string }>(key)?.at;
    return at !== undefined && now.getTime() - Date.parse(at) < this.d.reminderDays * DAY_MS;
  }

  private channel(name: string): OutreachChannel | undefined {
    return this.d.channels.get(name);
  }
}
