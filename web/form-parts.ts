/**
 * How many entries a form body may hold, counted on its bytes before anything parses it. A
 * size limit alone is not enough: 50 MB of multipart holds ~750,000 empty parts, and parsing
 * them (the platform's FormData, then Hono's object) took 82 s and 2 GB for one request, the
 * whole process stalled. One scan of a body already limited in size is cheap; a body with more
 * parts than any form of the app sends is refused before it is parsed.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { WebEnv } from './deps';
import { say } from './html';
import { messagePage } from './layout';
import { loggablePath } from './log-path';

const CRLF = Buffer.from('\r\n');
const AMPERSAND = 0x26;
/** RFC 2046: a boundary is 1 to 70 characters. */
const MAX_BOUNDARY = 70;

/** The media type as Hono's `parseBody()` reads it (it parses only these two). */
export function formKind(c: Context<WebEnv>): 'multipart' | 'urlencoded' | undefined {
  const media = c.req.header('content-type')?.split(';')[0]!.trim().toLowerCase();
  return media === 'multipart/form-data' ? 'multipart' : media === 'application/x-www-form-urlencoded' ? 'urlencoded' : undefined;
}

/** Occurrences of `needle` in `bytes` (overlapping ones too: an upper bound), counting no further than `stopAbove`. */
function occurrences(bytes: Buffer, needle: Buffer | number, stopAbove: number): number {
  let count = 0;
  for (let at = bytes.indexOf(needle); at !== -1 && count <= stopAbove; at = bytes.indexOf(needle, at + 1)) count++;
  return count;
}

/**
 * An upper bound of the entries the platform's form parser (undici's, behind Hono's
 * `parseBody()`) would find in this body, or `cap + 1` when it cannot be bounded (then the body
 * is refused). Counts no further than `cap + 1`.
 * - urlencoded: the parser splits on `&`, so at most one more entry than there are `&`;
 * - multipart: the parser requires the body (after leading CRLFs) to begin with `--<boundary>`
 *   and a CRLF, and each part ends at the next occurrence of the boundary: so the first line
 *   gives the boundary whatever the header says, and there are fewer parts than occurrences.
 * A Content-Type with a comma is refused: Hono reads its first media type, the platform its
 * last, so the body could be parsed as the other kind than the one counted.
 */
export function formPartsAtMost(body: Uint8Array, contentType: string, kind: 'multipart' | 'urlencoded', cap: number): number {
  if (contentType.includes(',')) return cap + 1;
  const bytes = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  if (kind === 'urlencoded') return Math.min(cap + 1, occurrences(bytes, AMPERSAND, cap) + 1);
  let start = 0;
  while (bytes[start] === 0x0d && bytes[start + 1] === 0x0a) start += 2;
  const end = bytes.indexOf(CRLF, start);
  // No line, or a first line that is not a delimiter: the parser fails there, before any part.
  if (end === -1 || bytes[start] !== 0x2d || bytes[start + 1] !== 0x2d) return 0;
  const boundary = bytes.subarray(start + 2, end);
  if (boundary.length === 0 || boundary.length > MAX_BOUNDARY) return cap + 1;
  return Math.min(cap + 1, Math.max(0, occurrences(bytes, boundary, cap + 1) - 1));
}

/** True when the request's form has more than `maxParts` entries (reads the body; Hono keeps it for `parseBody()`). */
export async function tooManyParts(c: Context<WebEnv>, maxParts: number, kinds: ('multipart' | 'urlencoded')[] = ['multipart', 'urlencoded']): Promise<boolean> {
  const kind = formKind(c);
  if (!kind || !kinds.includes(kind)) return false;
  const body = new Uint8Array(await c.req.arrayBuffer());
  return formPartsAtMost(body, c.req.header('content-type') ?? '', kind, maxParts) > maxParts;
}

/** The 413 page for a form with too many entries: nothing was read from it, nothing recorded. */
export function tooManyPartsPage(c: Context<WebEnv>, maxParts: number) {
  const language = c.get('language');
  return messagePage(
    c,
    413,
    say(language, { vi: 'Biểu mẫu có quá nhiều mục', en: 'Too many fields in the form' }),
    say(language, { vi: `Một lần gửi không được quá ${maxParts} mục (ô nhập và tệp). Không có gì được ghi nhận.`, en: `One request may carry at most ${maxParts} fields and files. Nothing was recorded.` }),
  );
}

/** Middleware: refuses a form body with more than `maxParts` entries before anything parses it. */
export function formPartLimit(maxParts: number, kinds?: ('multipart' | 'urlencoded')[]): MiddlewareHandler<WebEnv> {
  return async (c, next) => ((await tooManyParts(c, maxParts, kinds)) ? tooManyPartsPage(c, maxParts) : next());
}

/**
 * `c.req.parseBody()`, with a body the platform cannot parse (a broken multipart form) turned
 * into a 400 page (an HTTPException, which `onError` shows and does not log as a failure): a
 * client's mistake, not the app's.
 */
export async function readForm(c: Context<WebEnv>, options: { all?: boolean } = {}): Promise<Record<string, unknown>> {
  try {
    return await c.req.parseBody({ all: options.all ?? false });
  } catch (err) {
    c.get('deps').logger.info({ path: loggablePath(c.req.path), problem: (err as Error).message }, 'unreadable form refused');
    throw new HTTPException(400, {
      message: say(c.get('language'), { vi: 'Không đọc được biểu mẫu gửi lên. Hãy mở lại trang và gửi lại.', en: 'The form sent could not be read. Open the page again and resend.' }),
      cause: err,
    });
  }
}
