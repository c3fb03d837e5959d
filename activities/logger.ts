/**
 * The logger activities write to: the activity `log` (which carries workflow and activity ids
 * into the worker's logs) when running as an activity, nothing otherwise, so the same functions
 * can be called from a plain unit test or a script.
 */
import { Context, log } from '@temporalio/activity';
import type { Logger } from '@temporalio/common';

function inActivityContext(): boolean {
  try {
    Context.current();
    return true;
  } catch {
    return false;
  }
}

export const activityLogger: Logger = {
  log: (level, message, meta) => inActivityContext() && log.log(level, message, meta),
  trace: (message, meta) => inActivityContext() && log.trace(message, meta),
  debug: (message, meta) => inActivityContext() && log.debug(message, meta),
  info: (message, meta) => inActivityContext() && log.info(message, meta),
  warn: (message, meta) => inActivityContext() && log.warn(message, meta),
  error: (message, meta) => inActivityContext() && log.error(message, meta),
};
