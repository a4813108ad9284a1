/** A short, content-free code for an error (logs carry codes, never what anyone typed). */
export function codeOf(err: unknown): string {
  if (err && typeof err === 'object') {
    const e = err as { code?: unknown; statusCode?: unknown; name?: unknown };
    if (typeof e.code === 'string') return e.code.slice(0, 80);
    if (typeof e.statusCode === 'number') return `http_${e.statusCode}`;
    if (typeof e.name === 'string') return e.name;
  }
  return 'unknown';
}
