/**
 * Text helpers for Slack: escaping what SafeStep shows (so typed text can never become an
 * @channel ping or a link), reading what Slack sends (its own escaping and <@U…> tokens), and
 * keeping texts within Block Kit's limits. Pure.
 */

/** Escapes &, < and > as Slack requires, so mentions and links in content are shown literally. */
export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Slack message text as the person typed it: <@U1> → @U1, <#C1|name> → #name, <url|label> →
 * label (url), <!here> → @here, then &lt; &gt; &amp; unescaped.
 */
export function readSlackText(text: string): string {
  return text
    .replace(/<([^<>]*)>/g, (_m, inner: string) => {
      const [target = '', label] = inner.split('|', 2);
      if (target.startsWith('@')) return label ? `@${label}` : target;
      if (target.startsWith('#')) return `#${label ?? target.slice(1)}`;
      if (target.startsWith('!')) return `@${(label ?? target.slice(1)).replace(/^subteam\^/, '')}`;
      return label && label !== target ? `${label} (${target})` : target;
    })
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** Bold mrkdwn for escaped text, line by line (Slack's *bold* does not span lines). */
export function bold(escaped: string): string {
  return escaped
    .split('\n')
    .map((line) => (line.trim() === '' ? line : `*${line.trim()}*`))
    .join('\n');
}

/** Cuts `text` to at most `max` characters, ending with … when cut. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}

/**
 * Splits already-escaped mrkdwn into pieces of at most `max` characters, preferring line and
 * word breaks and never cutting an &amp;-style entity in two.
 */
export function chunkText(text: string, max = 3000): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > max) {
    let cut = rest.lastIndexOf('\n', max);
    if (cut < max / 2) cut = rest.lastIndexOf(' ', max);
    if (cut < max / 2) cut = max;
    const amp = rest.lastIndexOf('&', cut - 1);
    if (amp >= 0 && cut - amp < 5 && rest.indexOf(';', amp) >= cut) cut = amp;
    out.push(rest.slice(0, cut));
    rest = rest.slice(cut).replace(/^[\n ]/, '');
  }
  if (rest.length > 0 || out.length === 0) out.push(rest);
  return out;
}

/** A Slack date token: shown in each reader's own time zone, with the ISO time as fallback. */
export function slackDate(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return escapeText(iso);
  return `<!date^${Math.floor(ms / 1000)}^{date_short_pretty} at {time}|${new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z')}>`;
}

/** "@Jo" style mention for a Slack user id ("slack:U123" or "U123"); other ids escaped as they are. */
export function mentionOf(id: string): string {
  const raw = id.startsWith('slack:') ? id.slice('slack:'.length) : id;
  return /^[UW][A-Z0-9]+$/.test(raw) ? `<@${raw}>` : escapeText(id);
}

/** A Slack date token for the day only, in each reader's own time zone, with YYYY-MM-DD as fallback. */
export function slackDay(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return escapeText(iso);
  return `<!date^${Math.floor(ms / 1000)}^{date_short}|${new Date(ms).toISOString().slice(0, 10)}>`;
}
