/**
 * `defineCommand`: the one shape of a `kyhan` command. A command states its group, name,
 * description, arguments and options, each text in Vietnamese and English, and a `run` that
 * resolves to an exit code; the helper builds the commander command in the CLI's language,
 * adds `--json` when asked, hands `run` typed arguments and options, and turns whatever `run`
 * throws into one line (or a JSON error) and its exit code. Commands are grouped by noun
 * (`kyhan plan validate`, `kyhan cycle status`); decisions about one unit stand alone (`kyhan extend`).
 */
import { Option, type Command } from 'commander';
import type { Language } from '../../domain/cycle';
import type { ConnectionFlags } from '../../client/connection-config';
import { commandContext, type CommandContext, type Words } from '../cli-io';
import { connectionFlags, reportFailure } from '../cli-temporal';

export type RegisterCommand = (program: Command, language: Language) => void;

const groups = {
  plan: { vi: 'kiểm tra, xem lịch, chạy thử và chạy một kế hoạch', en: 'check, schedule, simulate and run a plan' },
  cycle: { vi: 'mở, xem, liệt kê và hủy các kỳ báo cáo', en: 'start, inspect, list and cancel reporting cycles' },
  approval: { vi: 'lãnh đạo duyệt báo cáo tổng hợp trước khi gửi cấp trên', en: 'the leaders approve the consolidated report before it goes up' },
} satisfies Record<string, Words>;

export interface OptionSpec {
  /** Commander's flags, e.g. `--until <ISO>` or `--revision`; its key in `options` is the attribute name (`rebaseTo` for `--rebase-to`). */
  flags: string;
  help: Words;
  /** The option must be given (`--reason` of a decision). */
  required?: boolean;
  default?: string;
  choices?: readonly string[];
}

/** What `run` receives for an option: its choices or a string when it takes a value (`undefined` when optional and absent), else a flag. */
type OptionValue<S extends OptionSpec> = S['flags'] extends `${string}<${string}>`
  ? (S extends { choices: readonly (infer C extends string)[] } ? C : string) | (S extends { required: true } | { default: string } ? never : undefined)
  : boolean | undefined;

export type OptionValues<O extends Record<string, OptionSpec>> = { -readonly [K in keyof O]: OptionValue<O[K]> };

export interface CommandInput<A extends string, O extends Record<string, OptionSpec>> {
  args: Record<A, string>;
  options: OptionValues<O>;
  ctx: CommandContext;
  /** The global `--address`, `--namespace`… flags, for `runWithClient`. */
  flags: ConnectionFlags;
}

export interface CommandSpec<A extends string, O extends Record<string, OptionSpec>> {
  group?: keyof typeof groups;
  name: string;
  /** What it does, then its exit codes: `(exit 0 done, 2 bad input, …)`. */
  description: Words;
  /** Required arguments, in order: `{ cycle: cycleArg, unit: unitArg }`. */
  args?: Record<A, Words>;
  options?: O;
  /** Adds `--json`: print JSON for scripts instead of text for people (`ctx.json`). */
  json?: boolean;
  run(input: CommandInput<A, NoInfer<O>>): Promise<number>;
}

export function defineCommand<const A extends string = never, const O extends Record<string, OptionSpec> = Record<never, OptionSpec>>(
  spec: CommandSpec<A, O>,
): RegisterCommand {
  return (program, language) => {
    const parent = spec.group ? commandGroup(program, spec.group, language) : program;
    const command = parent.command(spec.name).description(spec.description[language]);
    const argNames = Object.keys(spec.args ?? {}) as A[];
    for (const name of argNames) command.argument(`<${name}>`, (spec.args as Record<A, Words>)[name][language]);
    for (const [key, option] of Object.entries<OptionSpec>(spec.options ?? {})) command.addOption(commanderOption(key, option, language));
    if (spec.json) command.option('--json', jsonHelp[language]);
    command.action(async (...params: unknown[]) => {
      // Commander passes the arguments, then the options, then the command itself.
      const self = params[params.length - 1] as Command;
      const options = self.opts<Record<string, unknown>>();
      const ctx = commandContext(language, spec.json === true && options.json === true);
      const args = Object.fromEntries(argNames.map((name, i) => [name, self.processedArgs[i] as string])) as Record<A, string>;
      try {
        process.exitCode = await spec.run({ args, options: options as OptionValues<O>, ctx, flags: connectionFlags(self) });
      } catch (err) {
        process.exitCode = reportFailure(ctx, err);
      }
    });
  };
}

function commanderOption(key: string, spec: OptionSpec, language: Language): Option {
  const option = new Option(spec.flags, spec.help[language]);
  // A typo here would hand `run` an option that is always undefined: fail when the program is built.
  if (option.attributeName() !== key) throw new Error(`defineCommand: option ${spec.flags} must be keyed "${option.attributeName()}", not "${key}"`);
  if (spec.choices) option.choices(spec.choices);
  if (spec.default !== undefined) option.default(spec.default);
  if (spec.required) option.makeOptionMandatory();
  return option;
}

/** The `kyhan <name>` group, created on first use, so commands can register in any order. */
function commandGroup(program: Command, name: keyof typeof groups, language: Language): Command {
  const existing = program.commands.find((c) => c.name() === name);
  if (existing) return existing;
  return program.command(name).description(groups[name][language]);
}

const jsonHelp: Words = { vi: 'in JSON cho script', en: 'print JSON for scripts' };

// Arguments and options several commands share.

export const cycleArg: Words = { vi: 'mã kỳ <kế hoạch>/<loại báo cáo>/<kỳ> hoặc mã workflow', en: 'cycle id <plan>/<report type>/<period> or its workflow id' };
export const unitArg: Words = { vi: 'mã đơn vị', en: 'unit id' };
export const planFileArg: Words = { vi: 'tệp kế hoạch YAML', en: 'plan YAML file' };
export const planIdArg: Words = { vi: 'mã kế hoạch (id trong tệp)', en: 'plan id (as in the file)' };

/** `--by <name>`: who decides; the login name when not given (see `actor`). */
export function byOption(who: Words) {
  return {
    flags: '--by <name>',
    help: { vi: `${who.vi} (mặc định: tên đăng nhập)`, en: `${who.en} (default: login name)` },
  } as const satisfies OptionSpec;
}

/** `--reason <text>`, required. */
export function reasonOption(help: Words) {
  return { flags: '--reason <text>', help, required: true } as const satisfies OptionSpec;
}
