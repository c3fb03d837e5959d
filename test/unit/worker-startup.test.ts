/**
 * The worker process at start: an unreachable SMTP server or Temporal, or a missing workflow
 * bundle, ends it with one line naming what failed, where, and the fix, and a distinct exit
 * code. SMTP is checked before Temporal, so no Temporal server is needed here.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../scripts/lib/temporal-servers';
import { fromHeader } from '../../workers/mail';
import { ExitCode } from '../../workers/process';
import { DEFAULT_WORKFLOW_BUNDLE, WORKFLOWS_PATH, workflowSource } from '../../workers/workflow-bundle';
import { startSmtpServer, type RunningSmtpServer } from '../helpers/smtp-server';

const run = promisify(execFile);

/** Runs `npx tsx workers/main.ts` asynchronously (the SMTP server in this process must keep answering). */
async function startWorker(env: Record<string, string>): Promise<{ status: number; stderr: string }> {
  try {
    // The fallback values keep a developer's own environment from leaking into the test.
    await run('npx', ['tsx', 'workers/main.ts'], {
      env: { ...process.env, TEMPORAL_API_KEY: '', TEMPORAL_TLS: '', KYHAN_SMTP_USER: '', LOG_FORMAT: 'json', LOG_LEVEL: 'warn', ...env },
      timeout: 60_000,
    });
    return { status: 0, stderr: '' };
  } catch (err) {
    const failure = err as { code: number; stderr: string };
    return { status: failure.code, stderr: failure.stderr.replace(/^npm warn .*\n/gm, '') };
  }
}

function expectOneLine(stderr: string): void {
  expect(stderr.trim().split('\n')).toHaveLength(1);
  expect(stderr).not.toMatch(/\n\s+at /);
}

describe('worker start-up', () => {
  let smtp: RunningSmtpServer;
  beforeAll(async () => {
    smtp = await startSmtpServer();
  });
  afterAll(async () => {
    await smtp.close();
  });

  it('exits with the unreachable code and one line naming the SMTP address when nothing listens there', { timeout: 60_000 }, async () => {
    const port = await freePort();
    const { status, stderr } = await startWorker({ KYHAN_SMTP_HOST: '127.0.0.1', KYHAN_SMTP_PORT: String(port) });
    expect(status).toBe(ExitCode.unreachable);
    expectOneLine(stderr);
    expect(stderr).toContain(`Cannot reach SMTP at 127.0.0.1:${port}: connection refused`);
    expect(stderr).toContain('KYHAN_SMTP_PORT');
  });

  it('exits with the unreachable code and one line naming the Temporal address when SMTP answers but Temporal does not', { timeout: 60_000 }, async () => {
    const port = await freePort();
    const { status, stderr } = await startWorker({
      KYHAN_SMTP_HOST: smtp.host,
      KYHAN_SMTP_PORT: String(smtp.port),
      TEMPORAL_ADDRESS: `127.0.0.1:${port}`,
    });
    expect(status).toBe(ExitCode.unreachable);
    expectOneLine(stderr);
    expect(stderr).toContain(`Cannot reach Temporal at 127.0.0.1:${port}: connection refused`);
    expect(stderr).toContain('TEMPORAL_ADDRESS');
  });

  it('exits with the configuration code before connecting when KYHAN_WORKFLOW_BUNDLE names a missing file', { timeout: 60_000 }, async () => {
    const { status, stderr } = await startWorker({ KYHAN_WORKFLOW_BUNDLE: 'dist/no-such-bundle.js', KYHAN_SMTP_PORT: '1' });
    expect(status).toBe(ExitCode.badConfiguration);
    expectOneLine(stderr);
    expect(stderr).toContain('KYHAN_WORKFLOW_BUNDLE=dist/no-such-bundle.js: no such file');
    expect(stderr).toContain('npm run build:workflows');
  });
});

describe('workflow source', () => {
  it('bundles at start outside production, even when a built bundle exists', () => {
    expect(workflowSource({ NODE_ENV: undefined, KYHAN_WORKFLOW_BUNDLE: undefined })).toMatchObject({ workflowsPath: WORKFLOWS_PATH });
  });

  it('loads the bundle named by KYHAN_WORKFLOW_BUNDLE, as an absolute path', () => {
    // Any existing file will do: the worker reads it only when it is created.
    expect(workflowSource({ NODE_ENV: undefined, KYHAN_WORKFLOW_BUNDLE: 'package.json' })).toMatchObject({
      workflowBundle: { codePath: resolve('package.json') },
    });
  });

  it('uses dist/workflow-bundle.js in production when it has been built, and bundles at start when not', () => {
    const expected = existsSync(DEFAULT_WORKFLOW_BUNDLE) ? { workflowBundle: { codePath: DEFAULT_WORKFLOW_BUNDLE } } : { workflowsPath: WORKFLOWS_PATH };
    expect(workflowSource({ NODE_ENV: 'production', KYHAN_WORKFLOW_BUNDLE: undefined })).toMatchObject(expected);
  });
});

describe('From header', () => {
  it('quotes the Vietnamese display name around the sender address', () => {
    expect(fromHeader({ KYHAN_MAIL_FROM: 'bdv@binhthuan.dcs.vn', KYHAN_MAIL_FROM_NAME: 'Ban Dân vận Tỉnh ủy' })).toBe('"Ban Dân vận Tỉnh ủy" <bdv@binhthuan.dcs.vn>');
    expect(fromHeader({ KYHAN_MAIL_FROM: 'a@b.vn', KYHAN_MAIL_FROM_NAME: 'Phòng "Đoàn thể"' })).toBe('"Phòng \\"Đoàn thể\\"" <a@b.vn>');
  });
});
