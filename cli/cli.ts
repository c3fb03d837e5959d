/**
 * `kyhan`: the command line. The commands are listed in `commands/index.ts`, one file each
 * (excuse and return share theirs), all built with `defineCommand` (`commands/command.ts`).
 * Run with `npx kyhan …` (bin/kyhan.mjs) or `npx tsx cli/cli.ts …`.
 */
import { runCli } from './cli-program';
import { commands } from './commands/index';

process.exitCode = await runCli(commands, process.argv);
