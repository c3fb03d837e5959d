/**
 * A request path fit for a log: the token of a unit's link (`/r/<token>`) or of a sign-in link
 * (`/sign-in/<token>`) is a credential, so it is replaced by `…`.
 */
export function loggablePath(path: string): string {
  return path.replace(/^\/(r|sign-in)\/[^/]+/, '/$1/…');
}
