/** Waiting until a freshly started HTTP server answers. */
import type { Child } from './child';

export class NotReadyError extends Error {
  override name = 'NotReadyError';
}

/** Resolves at the first HTTP answer (any status) from `url`; rejects if `child` exits first or time runs out. */
export async function waitForHttp(url: string, child: Child, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (child.hasExited()) throw new NotReadyError(`${what} exited (${String(await child.exited)}) before answering on ${url}.`);
    try {
      const response = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(2_000) });
      await response.body?.cancel();
      return;
    } catch (err) {
      lastError = err;
      await new Promise((r) => setTimeout(r, 300));
    }
  }
  throw new NotReadyError(`${what} did not answer on ${url} within ${timeoutMs / 1000} s: ${String(lastError)}.`);
}
