import { describe, expect, it } from 'vitest';
import { redactUrl, redactUrlText } from '../../storage/redact-url';

describe('a database URL fit to print', () => {
  it('hides the password in the user part and in the query string (libpq style), keeping the rest', () => {
    expect(redactUrl('postgres://kyhan:s3cret@db:5432/kyhan')).toBe('postgres://kyhan:***@db:5432/kyhan');
    expect(redactUrl('postgres://kyhan@db/kyhan?password=s3cret&sslmode=require')).toBe('postgres://kyhan@db/kyhan?password=***&sslmode=require');
    expect(redactUrl('postgres://kyhan@db/kyhan?sslpassword=keypass&sslkey=/etc/kyhan/client.key')).not.toContain('keypass');
    expect(redactUrl('postgres://kyhan@db/kyhan')).toBe('postgres://kyhan@db/kyhan');
    expect(redactUrl('no url at all')).toBe('(not a URL)');
  });

  it('hides a password holding an unencoded "@" whole', () => {
    expect(redactUrl('postgres://kyhan:p@ss@w0rd@db/kyhan')).toBe('postgres://kyhan:***@db/kyhan');
    expect(redactUrlText('postgres://kyhan:p@ss@w0rd@db/kyhan')).not.toMatch(/p@ss|w0rd/);
  });

  it('hides the password of a value the URL parser refuses too (it is quoted back in the error about it)', () => {
    const quoted = redactUrlText('postgres://kyhan:p@ss:w0rd@db:port/kyhan?password=s3cret');
    expect(quoted).toContain('postgres://kyhan:***@');
    expect(quoted).not.toMatch(/p@ss|w0rd|s3cret/);
  });
});
