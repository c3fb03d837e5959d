/**
 * Reading what the stack's mail catcher stored (one `.eml` per message, named by arrival time and
 * Message-ID): counting by Message-ID against what a test expected, and taking a sign-in link out
 * of a message. The counting is the exactly-once check: an ID missing, repeated or unexpected.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';

/** Message-ID and X-Kyhan-Kind of one `.eml` (headers only, unfolded). */
export async function headersOf(file: string): Promise<{ messageId: string; kind: string }> {
  const raw = await readFile(file, 'utf8');
  const head = raw.slice(0, raw.search(/\r?\n\r?\n/)).replace(/\r?\n[ \t]+/g, ' ');
  const header = (name: string) => new RegExp(`^${name}:[ \\t]*(.*)$`, 'im').exec(head)?.[1]?.trim() ?? '';
  return { messageId: header('Message-ID'), kind: header('X-Kyhan-Kind') };
}

export interface CountedMessage {
  kind: string;
  /** The `.eml` files that carry this Message-ID, in arrival order: more than one is a duplicate. */
  files: string[];
}

/** Every message the catcher stored, by Message-ID. */
export async function countByMessageId(dir: string): Promise<Map<string, CountedMessage>> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.eml')).sort();
  const counted = new Map<string, CountedMessage>();
  for (const file of files) {
    const { messageId, kind } = await headersOf(join(dir, file));
    const entry = counted.get(messageId) ?? { kind, files: [] };
    entry.files.push(file);
    counted.set(messageId, entry);
  }
  return counted;
}

/** When the catcher received a file: its name starts with the ISO instant, `:` written as `-`. */
export function arrivedAt(file: string): number {
  return Date.parse(file.slice(0, file.indexOf('_')).replace(/T(\d\d)-(\d\d)-/, 'T$1:$2:'));
}

export interface MailComparison {
  missing: string[];
  unexpected: string[];
  duplicates: [messageId: string, entry: CountedMessage][];
  /** One line per kind: expected, counted, duplicated. */
  lines: string[];
}

/** What was expected against what arrived, kind by kind. `kinds` come first in the lines, in that order. */
export function compareMail(expected: Map<string, string>, counted: Map<string, CountedMessage>, kinds: string[]): MailComparison {
  const allKinds = [...new Set([...kinds, ...[...counted.values()].map((e) => e.kind)])];
  const width = Math.max(...allKinds.map((k) => k.length));
  const lines = allKinds.map((kind) => {
    const n = [...expected.values()].filter((k) => k === kind).length;
    const m = [...counted.values()].filter((e) => e.kind === kind);
    const d = m.filter((e) => e.files.length > 1).length;
    return `  ${kind.padEnd(width)}  expected ${String(n).padStart(4)}, counted ${String(m.length).padStart(4)}, duplicates ${d}`;
  });
  return {
    missing: [...expected.keys()].filter((m) => !counted.has(m)),
    unexpected: [...counted.keys()].filter((m) => !expected.has(m)),
    duplicates: [...counted].filter(([, e]) => e.files.length > 1),
    lines,
  };
}

/** The one sign-in link in a stored message (its text part, decoded). */
export async function signInLinkIn(file: string): Promise<string> {
  const parsed = await simpleParser(await readFile(file));
  const links = (parsed.text ?? '').match(/https?:\/\/\S+\/sign-in\/\S+/g) ?? [];
  if (links.length !== 1) throw new Error(`${file} should carry one sign-in link, found ${links.length}: ${(parsed.text ?? '').slice(0, 400)}`);
  return links[0]!;
}
