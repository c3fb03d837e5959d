/**
 * `kyhan plan simulate FILE [--on-time 0.8] [--seed N]`: the whole plan under time skipping.
 * It needs a Temporal time-skipping server and a worker, so it runs as its own process
 * (`scripts/simulate-plan.ts`) and this command only hands the arguments over.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { commandGroup, type RegisterCommand } from './command';

const SIMULATOR = fileURLToPath(new URL('../../scripts/simulate-plan.ts', import.meta.url));

export const planSimulate: RegisterCommand = (program, language) => {
  const vi = language === 'vi';
  commandGroup(program, 'plan', language)
    .command('simulate')
    .description(
      vi
        ? 'chạy thử cả kế hoạch với thời gian tua nhanh và in diễn biến: thông báo, nhắc nhở, báo cáo lãnh đạo, tổng hợp'
        : 'run the whole plan with skipped time and print the timeline of notices, reminders, escalations and consolidations',
    )
    .argument('<file>', vi ? 'tệp kế hoạch YAML' : 'plan YAML file')
    .option('--on-time <p>', vi ? 'xác suất một đơn vị nộp đúng hạn (0–1)' : 'probability that a unit submits on time (0–1)', '0.8')
    .option('--seed <n>', vi ? 'hạt giống ngẫu nhiên, để lặp lại một lần chạy' : 'random seed, to repeat a run', '1')
    .action(async (file: string, options: { onTime: string; seed: string }) => {
      const child = spawn(process.execPath, ['--import', 'tsx', SIMULATOR, file, '--on-time', options.onTime, '--seed', options.seed, '--lang', language], { stdio: 'inherit' });
      process.exitCode = await new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
    });
};
