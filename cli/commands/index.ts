/** Every `kyhan` command, in the order the help lists them. */
import type { RegisterCommand } from './command';
import { planValidate } from './plan-validate';
import { planSchedule } from './plan-schedule';
import { planSimulate } from './plan-simulate';
import { planStart } from './plan-start';
import { planStatus } from './plan-status';
import { planStop } from './plan-stop';
import { cycleStart } from './cycle-start';
import { cycleList } from './cycle-list';
import { cycleStatusCommand } from './cycle-status';
import { cycleCancel } from './cycle-cancel';
import { submit } from './submit';
import { extend } from './extend';
import { excuse, returnReport } from './unit-decision';
import { approvalApprove, approvalMarkSent, approvalResubmit, approvalReturn } from './approval';

export const commands: readonly RegisterCommand[] = [
  planValidate,
  planSchedule,
  planSimulate,
  planStart,
  planStop,
  planStatus,
  cycleStart,
  cycleList,
  cycleStatusCommand,
  cycleCancel,
  submit,
  extend,
  excuse,
  returnReport,
  approvalApprove,
  approvalReturn,
  approvalResubmit,
  approvalMarkSent,
];
