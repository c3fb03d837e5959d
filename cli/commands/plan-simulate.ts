/**
 * `kyhan plan simulate FILE [--on-time 0.8] [--seed N]`: the whole plan under time skipping.
 * It needs a Temporal time-skipping server and a worker, so it runs as its own process
 * (`scripts/simulate-plan.ts`) and this command only hands the arguments over.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { defineCommand, planFileArg } from './command';

const SIMULATOR = fileURLToPath(new URL('../../scripts/simulate-plan.ts', import.meta.url));

export const planSimulate = defineCommand({
  group: 'plan',
  name: 'simulate',
  description: {
    vi: 'chạy thử cả kế hoạch với thời gian tua nhanh và in diễn biến: thông báo, nhắc nhở, báo cáo lãnh đạo, tổng hợp',
    en: 'run the whole plan with skipped time and print the timeline of notices, reminders, escalations and consolidations',
  },
  args: { file: planFileArg },
  options: {
    onTime: { flags: '--on-time <p>', help: { vi: 'xác suất một đơn vị nộp đúng hạn (0–1)', en: 'probability that a unit submits on time (0–1)' }, default: '0.8' },
    seed: { flags: '--seed <n>', help: { vi: 'hạt giống ngẫu nhiên, để lặp lại một lần chạy', en: 'random seed, to repeat a run' }, default: '1' },
  },
  async run({ args, options, ctx }) {
    const child = spawn(process.execPath, ['--import', 'tsx', SIMULATOR, args.file, '--on-time', options.onTime, '--seed', options.seed, '--lang', ctx.language], { stdio: 'inherit' });
    return await new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
  },
});
