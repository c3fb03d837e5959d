/**
 * Deterministic Message-IDs. An activity retried after a lost acknowledgement sends the same
 * Message-ID again, so mail clients and servers that de-duplicate by it show one message, and
 * reminders can thread under the notice they follow.
 */
import type { EmailKind } from './types';

export interface MessageIdKey {
  cycleId: string;
  /** The cycle's run: absent for mail of cycles started before runs were part of the key. */
  run?: string;
  recipientKey: string;
  kind: EmailKind;
  step?: number;
}

const FNV64_OFFSET = 0xcbf29ce484222325n;
const FNV64_PRIME = 0x100000001b3n;
const MASK64 = (1n << 64n) - 1n;

/** FNV-1a, 64 bits, over the UTF-8 bytes, as 16 hex digits: short, stable across runs and machines. */
export function fnv1a64(value: string): string {
  let hash = FNV64_OFFSET;
  for (const byte of new TextEncoder().encode(value)) {
    hash = ((hash ^ BigInt(byte)) * FNV64_PRIME) & MASK64;
  }
  return hash.toString(16).padStart(16, '0');
}

/**
 * Keeps letters, digits, `-` and `_`; writes any other byte as `=XX`. The result is a valid
 * dot-atom part without dots (the dots separate the fields), and distinct keys stay distinct.
 */
function encodeIdPart(value: string): string {
  let encoded = '';
  for (const char of value) {
    if (/^[A-Za-z0-9_-]$/.test(char)) {
      encoded += char;
    } else {
      for (const byte of new TextEncoder().encode(char)) encoded += `=${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    }
  }
  return encoded;
}

/** The domain of a From address such as `Ban Dân vận <kyhan@example.org>`; `kyhan.local` if it has none. */
export function senderDomain(from: string): string {
  const match = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from.trim());
  return match?.[1] ?? 'kyhan.local';
}

/** `<kind.step.recipientKey.HASH@domain>`, HASH being the hash of the cycle id and its run. */
export function messageIdFor(key: MessageIdKey, domain: string): string {
  const cycleRun = key.run ? `${key.cycleId}\n${key.run}` : key.cycleId;
  return `<${key.kind}.${key.step ?? 0}.${encodeIdPart(key.recipientKey)}.${fnv1a64(cycleRun)}@${domain}>`;
}
