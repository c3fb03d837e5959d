/**
 * A database URL fit to print (errors, npm start's table, logs): its password hidden wherever
 * libpq and `pg` accept one, in the user part or in the query string.
 */

/** Query parameters that carry a secret (`?password=…`, the client key's `?sslpassword=…`). */
const SECRET_PARAMETERS = ['password', 'sslpassword'];

/** `postgres://user:***@host:port/db?sslpassword=***`, or "(not a URL)". */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    for (const name of SECRET_PARAMETERS) if (parsed.searchParams.has(name)) parsed.searchParams.set(name, '***');
    return parsed.toString();
  } catch {
    return '(not a URL)';
  }
}

/**
 * `value` with its password hidden, also when it is not a URL the parser takes (quoted back in an
 * error about that very value): everything between `//user:` and the last `@` is hidden, and so
 * is any `password=`/`sslpassword=` value.
 */
export function redactUrlText(value: string): string {
  if (URL.canParse(value)) return redactUrl(value);
  return value.replace(/\/\/([^:/@]*):.*@/, '//$1:***@').replace(/\b((?:ssl)?password=)[^&\s]*/gi, '$1***');
}
