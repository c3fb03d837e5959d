/** The name of a cycle's folder among the stored documents (storage/document-keys.ts). */

/**
 * One directory name per cycle id (`plan/report/period` holds slashes). Letters, digits, `.`,
 * `_` and `-` are kept; any other byte becomes `%XX`, as does a leading dot (no `.`, `..` or
 * hidden directories). Distinct ids give distinct names, valid on POSIX and Windows alike.
 */
export function cycleDirName(cycleId: string): string {
  let name = '';
  for (const char of cycleId) {
    const keep = /^[A-Za-z0-9._-]$/.test(char) && !(char === '.' && name === '');
    if (keep) {
      name += char;
    } else {
      for (const byte of new TextEncoder().encode(char)) name += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    }
  }
  return name;
}
