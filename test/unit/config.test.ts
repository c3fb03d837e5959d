import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../workers/config';

describe('process configuration', () => {
  it('uses the embedded defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      TEMPORAL_ADDRESS: '127.0.0.1:7233',
      TEMPORAL_NAMESPACE: 'default',
      KYHAN_TASK_QUEUE: 'kyhan',
      KYHAN_VAR_DIR: 'var',
      KYHAN_SMTP_PORT: 1025,
      LOG_LEVEL: 'info',
    });
  });

  it('lists every bad variable at once, each with its fix', () => {
    let error: unknown;
    try {
      loadConfig({ TEMPORAL_ADDRESS: 'localhost', KYHAN_SMTP_PORT: '99999', LOG_LEVEL: 'loud', KYHAN_MAIL_FROM: 'nobody' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.map((p) => p.variable).sort();
    expect(problems).toEqual(['KYHAN_MAIL_FROM', 'KYHAN_SMTP_PORT', 'LOG_LEVEL', 'TEMPORAL_ADDRESS']);
    expect((error as ConfigError).message).toContain('TEMPORAL_ADDRESS: must be host:port, e.g. 127.0.0.1:7233 (received "localhost")');
    expect((error as ConfigError).message).toContain('LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace');
  });

  it('takes a PostgreSQL URL for KYHAN_DATABASE_URL and names the fix, without quoting the password, for anything else', () => {
    expect(loadConfig({}).KYHAN_DATABASE_URL).toBeUndefined();
    expect(loadConfig({ KYHAN_DATABASE_URL: 'postgres://kyhan:pw@db:5432/kyhan' }).KYHAN_DATABASE_URL).toBe('postgres://kyhan:pw@db:5432/kyhan');
    let message = '';
    try {
      loadConfig({ KYHAN_DATABASE_URL: 'mysql://kyhan:hunter2hunter2@db/kyhan' });
    } catch (err) {
      message = (err as ConfigError).message;
    }
    expect(message).toContain('KYHAN_DATABASE_URL: must be a PostgreSQL URL, e.g. postgres://');
    expect(message).toContain('mysql://kyhan:***@db/kyhan');
    expect(message).not.toContain('hunter2');
    // libpq's ?password=, and a password with an unencoded "@", are hidden as well.
    for (const url of ['mysql://kyhan@db/kyhan?password=hunter2hunter2', 'mysql://kyhan:hun@ter2hunter2@db/kyhan']) {
      try {
        loadConfig({ KYHAN_DATABASE_URL: url });
      } catch (err) {
        message = (err as ConfigError).message;
      }
      expect(message).toContain('KYHAN_DATABASE_URL');
      expect(message).not.toMatch(/hunter2|ter2/);
    }
  });

  it('asks for the missing half of an mTLS pair', () => {
    expect(() => loadConfig({ TEMPORAL_TLS_CERT: '/etc/kyhan/client.pem' })).toThrow(/TEMPORAL_TLS_KEY/);
  });

  it('makes the worker exit with code 2 and no stack trace on a bad environment', () => {
    let status = 0;
    let stderr = '';
    try {
      execFileSync('npx', ['tsx', 'workers/main.ts'], { env: { ...process.env, KYHAN_SMTP_PORT: 'abc', LOG_LEVEL: 'loud' }, stdio: 'pipe' });
    } catch (err) {
      const failure = err as { status: number; stderr: Buffer };
      status = failure.status;
      stderr = failure.stderr.toString();
    }
    expect(status).toBe(2);
    expect(stderr).toContain('KYHAN_SMTP_PORT');
    expect(stderr).toContain('LOG_LEVEL');
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
