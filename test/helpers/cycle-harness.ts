/**
 * Everything a reporting-cycle test needs: the run's time-skipping server, a worker with the
 * real activities, a real SMTP server that receives the mail, a temporary state directory, and
 * a builder for cycle specs whose instants are relative to the server's clock.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { inject } from 'vitest';
import { Worker } from '@temporalio/worker';
import { createActivities } from '../../activities';
import type { CycleSpec, CycleUnit, Recipient } from '../../domain/cycle';
import { startSmtpServer, type ReceivedMail, type RunningSmtpServer, type SmtpServerOptions } from './smtp-server';
import type { AttachedTimeSkippingEnv } from '../../scripts/lib/time-skipping-env';
import { timeSkippingEnv } from './temporal-env';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export interface CycleHarness {
  env: AttachedTimeSkippingEnv;
  smtp: RunningSmtpServer;
  stateDir: string;
  taskQueue: string;
  close(): Promise<void>;
}

export async function startCycleHarness(smtpOptions: SmtpServerOptions = {}): Promise<CycleHarness> {
  const env = await timeSkippingEnv();
  const smtp = await startSmtpServer(smtpOptions);
  const stateDir = await mkdtemp(join(tmpdir(), 'kyhan-cycle-'));
  const taskQueue = `cycles-${crypto.randomUUID()}`;
  const transport = nodemailer.createTransport({ host: smtp.host, port: smtp.port, secure: false, ignoreTLS: true, pool: true, maxConnections: 5 });
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: { codePath: inject('workflowBundlePath') },
    activities: createActivities({ transport, from: 'Ban Dân vận Tỉnh ủy <kyhan@example.org>', stateDir, temporal: env.client }),
    // Room for in-flight emails to finish on close instead of being cancelled halfway.
    shutdownGraceTime: '10 seconds',
  });
  const running = worker.run();
  return {
    env,
    smtp,
    stateDir,
    taskQueue,
    async close() {
      // The worker first, letting the activities it runs report: the Java test server keeps time
      // skipping locked for an activity whose completion arrives after its workflow was terminated.
      worker.shutdown();
      await running;
      // Then leave nothing running on the shared server (see attachTimeSkippingEnv).
      await env.terminateStarted();
      transport.close();
      await smtp.close();
      await env.teardown();
      await rm(stateDir, { recursive: true, force: true });
    },
  };
}

export const person = (key: string, name: string): Recipient => ({ key, name, email: `${key}@example.org` });

export const divisionHead = person('truong-phong', 'Trưởng phòng Đoàn thể');
export const deputyHead = person('pho-truong-ban', 'Phó Trưởng ban');
export const boardHead = person('truong-ban', 'Trưởng ban');
export const staff = person('chuyen-vien', 'Chuyên viên tổng hợp');

export function unit(id: string, name = `Đơn vị ${id}`): CycleUnit {
  return { id, name, shortName: id, to: [{ key: id, name, email: `${id}@example.org` }], cc: [] };
}

export interface SpecTimes {
  opensIn?: number;
  dueIn?: number;
  /** Offsets from the due moment. */
  reminders?: { offset: number; relation: 'before' | 'after' }[];
  escalations?: { offset: number; recipients: Recipient[]; roleLabel: string }[];
  cutoffAfterDue?: number;
}

/**
 * A cycle for `units`, timed from the server's `now`: opens in an hour, due in three days,
 * reminders a day before and a day after, escalation to the division head two days after
 * and to the deputy head four days after, cut-off six days after.
 */
export function cycleSpec(name: string, now: number, units: CycleUnit[], times: SpecTimes = {}): CycleSpec {
  const opensAt = now + (times.opensIn ?? HOUR);
  const dueAt = now + (times.dueIn ?? 3 * DAY);
  const iso = (ms: number) => new Date(ms).toISOString();
  const reminders = times.reminders ?? [
    { offset: -DAY, relation: 'before' },
    { offset: DAY, relation: 'after' },
  ];
  const escalations = times.escalations ?? [
    { offset: 2 * DAY, recipients: [divisionHead], roleLabel: 'Trưởng phòng Đoàn thể' },
    { offset: 4 * DAY, recipients: [deputyHead], roleLabel: 'Phó Trưởng ban' },
  ];
  const periodId = `${name}-${crypto.randomUUID().slice(0, 8)}`;
  return {
    id: `test-plan/monthly/${periodId}`,
    planId: 'test-plan',
    language: 'vi',
    timeZone: 'Asia/Ho_Chi_Minh',
    issuer: { name: 'Ban Dân vận Tỉnh ủy', documentNumber: '129-KH/BDVTU' },
    reportType: { id: 'monthly', title: 'Báo cáo tình hình nhân dân' },
    period: { id: periodId, label: 'tháng 1/2020' },
    opensAt: iso(opensAt),
    dueAt: iso(dueAt),
    cutoffAt: iso(dueAt + (times.cutoffAfterDue ?? 6 * DAY)),
    units,
    reminders: reminders.map((r) => ({ at: iso(dueAt + r.offset), relation: r.relation })),
    escalations: escalations.map((e, i) => ({ step: i + 1, at: iso(dueAt + e.offset), recipients: e.recipients, roleLabel: e.roleLabel })),
    consolidation: { by: [staff], leaders: [boardHead, deputyHead], upperLevels: ['Ban Thường vụ Tỉnh ủy'] },
    submissionInstructions: 'Gửi báo cáo qua thư điện tử về Phòng Đoàn thể.',
  };
}

/** The kind part of a kyhan Message-ID: `<kind.step.recipient.hash@domain>`. */
export function kindOf(mail: ReceivedMail): string {
  return (mail.parsed.messageId ?? '').replace(/^</, '').split('.')[0] ?? '';
}

/** Messages of one kind, optionally only those addressed (To) to `address`. */
export function mailsOf(smtp: RunningSmtpServer, kind: string, address?: string): ReceivedMail[] {
  return smtp.messages.filter((m) => kindOf(m) === kind && (!address || toAddresses(m).includes(address)));
}

export function toAddresses(mail: ReceivedMail): string[] {
  const to = mail.parsed.to;
  const list = Array.isArray(to) ? to : to ? [to] : [];
  return list.flatMap((a) => a.value.map((v) => v.address ?? ''));
}

export function ccAddresses(mail: ReceivedMail): string[] {
  const cc = mail.parsed.cc;
  const list = Array.isArray(cc) ? cc : cc ? [cc] : [];
  return list.flatMap((a) => a.value.map((v) => v.address ?? ''));
}
