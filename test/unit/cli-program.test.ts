/** The `kyhan` program as `defineCommand` builds it, in both languages, without a server. */
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { createProgram } from '../../cli/cli-program';
import { classifyFailure } from '../../cli/cli-temporal';
import { commands } from '../../cli/commands/index';
import { defineCommand } from '../../cli/commands/command';
import { CycleUpdateRejectedError } from '../../client/cycles';

/** Every command at any depth, with its path: `plan validate`, `submit`… */
function allCommands(command: Command, path: string[] = []): Array<[string, Command]> {
  return command.commands.flatMap((sub) => {
    const here = [...path, sub.name()];
    return sub.commands.length > 0 ? allCommands(sub, here) : [[here.join(' '), sub] as [string, Command]];
  });
}

describe('the kyhan program', () => {
  it('has every command, grouped by noun', () => {
    const names = allCommands(createProgram(commands, 'en')).map(([name]) => name);
    expect(names).toEqual([
      'plan validate',
      'plan schedule',
      'plan simulate',
      'plan start',
      'plan stop',
      'plan status',
      'cycle start',
      'cycle list',
      'cycle status',
      'cycle cancel',
      'submit',
      'extend',
      'excuse',
      'return',
      'approval approve',
      'approval return',
      'approval resubmit',
      'approval mark-sent',
    ]);
  });

  it('helps in Vietnamese by default, down to the last option of every command', () => {
    for (const [name, command] of allCommands(createProgram(commands, 'vi'))) {
      const help = command.helpInformation();
      expect(help, name).toContain('Cách dùng:');
      expect(help, name).toContain('hiển thị trợ giúp');
      expect(help, name).not.toMatch(/display help|Usage:|Options:|choices:|default:/);
    }
  });

  it('takes --by on every decision about a unit and on cycle cancel', () => {
    const program = createProgram(commands, 'en');
    for (const [name, command] of allCommands(program).filter(([n]) => ['extend', 'excuse', 'return', 'cycle cancel'].includes(n))) {
      expect(command.options.map((o) => o.long), name).toEqual(expect.arrayContaining(['--reason', '--by', '--json']));
      expect(command.options.find((o) => o.long === '--by')?.description, name).toContain('(default: login name)');
    }
  });

  it('refuses, when the program is built, an option keyed other than its attribute name', () => {
    const wrong = defineCommand({
      name: 'x',
      description: { vi: 'x', en: 'x' },
      options: { rebase: { flags: '--rebase-to <date>', help: { vi: 'x', en: 'x' } } },
      run: () => Promise.resolve(0),
    });
    expect(() => createProgram([wrong], 'en')).toThrow('option --rebase-to <date> must be keyed "rebaseTo", not "rebase"');
  });
});

describe('exit codes of refusals', () => {
  it('maps an unknown unit to 4 (not found) with the message naming the unit, whichever side refused', () => {
    const message = 'Không thể gia hạn cho đơn vị "__proto__" trong kỳ "demo/a/b": đơn vị này không thuộc kỳ báo cáo; kiểm tra lại mã đơn vị.';
    const rejected = new CycleUpdateRejectedError({ type: 'UnknownUnit', message, unitId: '__proto__', cycleId: 'demo/a/b' });
    expect(classifyFailure(rejected, 'vi')).toEqual({ exitCode: 4, type: 'UnknownUnit', message });
  });
});
