/** What a chaos scenario prints: for each thing it counted, what it expected and what it found. */
import type { ReceivedMail } from '../helpers/smtp-server';

export interface Tally {
  what: string;
  expected: number;
  counted: number;
}

export function report(scenario: string, tallies: Tally[]): void {
  const width = Math.max(...tallies.map((t) => t.what.length));
  const lines = tallies.map((t) => `  ${t.what.padEnd(width)}  expected ${String(t.expected).padStart(4)}  counted ${String(t.counted).padStart(4)}${t.expected === t.counted ? '' : '  <-- differs'}`);
  console.log(`chaos: ${scenario}\n${lines.join('\n')}`);
}

/** Message-IDs received more than once. */
export function duplicateIds(messages: ReceivedMail[]): string[] {
  const seen = new Map<string, number>();
  for (const m of messages) seen.set(m.parsed.messageId ?? '', (seen.get(m.parsed.messageId ?? '') ?? 0) + 1);
  return [...seen].filter(([, n]) => n > 1).map(([id]) => id);
}

/** Marked late by the sender: the header, and the note first in the text. */
export const isMarkedLate = (m: ReceivedMail) => m.parsed.headers.get('x-kyhan-late') === 'true' && /Thư gửi chậm/.test(m.parsed.text ?? '');
