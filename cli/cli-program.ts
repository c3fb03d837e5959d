/**
 * The `kyhan` program: Vietnamese help by default, English with `--lang en`; usage errors and
 * unexpected failures become one line and exit code 2, never a stack trace.
 */
import { Command, CommanderError, Help, type Option } from 'commander';
import type { Language } from '../domain/cycle';
import { errorText, ExitCode, type Words } from './cli-io';
import type { RegisterCommand } from './commands/command';

/**
 * The help has to be built in its language before commander parses anything, so `--lang`
 * is read from the raw arguments first (it is also declared, for the help and validation).
 */
export function cliLanguage(argv: readonly string[]): Language {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--lang') return argv[i + 1] === 'en' ? 'en' : 'vi';
    if (arg?.startsWith('--lang=')) return arg.slice('--lang='.length) === 'en' ? 'en' : 'vi';
  }
  return 'vi';
}

const helpTitles: Record<string, string> = {
  'Usage:': 'Cách dùng:',
  'Arguments:': 'Tham số:',
  'Options:': 'Tùy chọn:',
  'Commands:': 'Lệnh:',
  'Global Options:': 'Tùy chọn chung:',
};

/** Commander's note after an option's help, `(choices: "a", "b", default: "a")`, in Vietnamese. */
function vietnameseOptionDescription(option: Option): string {
  const text = new Help().optionDescription(option);
  if (text === option.description) return text;
  return option.description + text.slice(option.description.length).replace('choices: ', 'một trong: ').replace('default: ', 'mặc định: ');
}

/** Commander's own error lines, in Vietnamese. */
const errorTranslations: Array<[RegExp, string]> = [
  [/^error: unknown command '([^']*)'/, 'lỗi: không có lệnh "$1"'],
  [/^error: unknown option '([^']*)'/, 'lỗi: không có tùy chọn "$1"'],
  [/^error: missing required argument '([^']*)'/, 'lỗi: thiếu tham số bắt buộc "$1"'],
  [/^error: option '([^']*)' argument missing/, 'lỗi: tùy chọn "$1" cần một giá trị'],
  [/^error: too many arguments.*/, 'lỗi: thừa tham số'],
  [/^error: option '([^']*)' argument '([^']*)' is invalid.*/, 'lỗi: giá trị "$2" của tùy chọn "$1" không hợp lệ'],
  [/\(Did you mean ([^?]*)\?\)/, '(có phải là $1?)'],
];

function translateError(text: string): string {
  return errorTranslations.reduce((t, [pattern, replacement]) => t.replace(pattern, replacement), text);
}

/** The global options: the language, and the connection to Temporal, shared with the worker (each flag overrides its variable). */
const globalOptions: ReadonlyArray<[flags: string, help: Words]> = [
  ['--lang <language>', { vi: 'ngôn ngữ của trợ giúp và thông báo: vi (mặc định) hoặc en', en: 'language of help and messages: vi (default) or en' }],
  ['--address <host:port>', { vi: 'địa chỉ máy chủ Temporal (TEMPORAL_ADDRESS, mặc định 127.0.0.1:7233)', en: 'Temporal server address (TEMPORAL_ADDRESS, default 127.0.0.1:7233)' }],
  ['--namespace <name>', { vi: 'namespace Temporal (TEMPORAL_NAMESPACE, mặc định default)', en: 'Temporal namespace (TEMPORAL_NAMESPACE, default "default")' }],
  ['--api-key <key>', { vi: 'khóa API Temporal Cloud (TEMPORAL_API_KEY)', en: 'Temporal Cloud API key (TEMPORAL_API_KEY)' }],
  ['--tls', { vi: 'kết nối qua TLS (TEMPORAL_TLS)', en: 'connect over TLS (TEMPORAL_TLS)' }],
  ['--tls-cert <file>', { vi: 'chứng chỉ máy khách cho mTLS (TEMPORAL_TLS_CERT)', en: 'client certificate for mTLS (TEMPORAL_TLS_CERT)' }],
  ['--tls-key <file>', { vi: 'khóa riêng của chứng chỉ máy khách (TEMPORAL_TLS_KEY)', en: 'private key of the client certificate (TEMPORAL_TLS_KEY)' }],
  ['--tls-ca <file>', { vi: 'chứng chỉ gốc của máy chủ (TEMPORAL_TLS_CA)', en: 'server root CA certificate (TEMPORAL_TLS_CA)' }],
  ['--task-queue <name>', { vi: 'hàng đợi tác vụ của worker kyhan (KYHAN_TASK_QUEUE, mặc định kyhan)', en: 'task queue of the kyhan workers (KYHAN_TASK_QUEUE, default kyhan)' }],
];

const helpWords = {
  help: { vi: 'hiển thị trợ giúp', en: 'display help' },
  helpCommand: { vi: 'hiển thị trợ giúp của một lệnh', en: 'display help for a command' },
  afterError: { vi: '(xem "kyhan --help")', en: '(see "kyhan --help")' },
} satisfies Record<string, Words>;

export function createProgram(commands: readonly RegisterCommand[], language: Language): Command {
  const vi = language === 'vi';
  const program = new Command('kyhan').description(
    vi
      ? 'kyhan — hạn nộp báo cáo định kỳ: nhắc nhở, báo cáo lãnh đạo khi quá hạn, tổng hợp'
      : 'kyhan — deadlines for periodic reports: reminders, escalation when overdue, consolidation',
  );
  for (const [flags, help] of globalOptions) program.option(flags, help[language]);
  program
    .showHelpAfterError(helpWords.afterError[language])
    // Usage errors exit 2 (the command could not run); 1 is kept for "the input has problems".
    .exitOverride()
    .configureHelp(vi ? { styleTitle: (title: string) => helpTitles[title] ?? title, optionDescription: vietnameseOptionDescription } : {})
    .configureOutput(vi ? { outputError: (text, write) => write(translateError(text)) } : {});
  for (const register of commands) register(program, language);
  // Every command and group, at any depth, helps in the CLI's language.
  const localise = (command: Command): void => {
    command.helpOption('-h, --help', helpWords.help[language]);
    if (command.commands.length > 0) command.helpCommand('help [command]', helpWords.helpCommand[language]);
    command.commands.forEach(localise);
  };
  localise(program);
  return program;
}

/** Parse and run; resolves to the exit code. */
export async function runCli(commands: readonly RegisterCommand[], argv: readonly string[]): Promise<number> {
  const language = cliLanguage(argv.slice(2));
  const program = createProgram(commands, language);
  try {
    await program.parseAsync([...argv]);
    return typeof process.exitCode === 'number' ? process.exitCode : ExitCode.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version requests come through here too, with exit code 0.
      return error.exitCode === 0 ? ExitCode.ok : ExitCode.cannotRun;
    }
    console.error(language === 'vi' ? `kyhan: lỗi không mong đợi: ${errorText(error)}` : `kyhan: unexpected error: ${errorText(error)}`);
    return ExitCode.cannotRun;
  }
}
