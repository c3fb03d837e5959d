/**
 * A counting semaphore for SMTP transactions: an email activity waits for a slot here, where
 * the wait can be cut short by cancellation or a deadline, instead of in nodemailer's pool
 * queue, from which a message cannot be withdrawn once its activity has timed out.
 */
export class Slots {
  private free: number;
  private readonly waiting: Array<() => void> = [];

  constructor(
    size: number,
    private readonly maxWaitMs: number,
  ) {
    this.free = size;
  }

  /** Resolves with the release function once a slot is held; rejects on abort or after `maxWaitMs`. */
  acquire(signal?: AbortSignal): Promise<() => void> {
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.free++;
    };
    if (this.free > 0) {
      this.free--;
      return Promise.resolve(release);
    }
    return new Promise((resolve, reject) => {
      const grant = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        resolve(release);
      };
      const giveUp = (reason: string) => {
        const index = this.waiting.indexOf(grant);
        if (index >= 0) this.waiting.splice(index, 1);
        signal?.removeEventListener('abort', onAbort);
        reject(new Error(reason));
      };
      const onAbort = () => giveUp('cancelled');
      const timer = setTimeout(() => giveUp(`waited ${this.maxWaitMs} ms`), this.maxWaitMs);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(grant);
    });
  }
}
