/** Renders any email request with its kind's template, in the cycle's language. */
import type { Instant } from '../../../domain/cycle';
import type { CycleEmailContext, EmailKind, EmailRequest, EmailRequestOf } from '../types';
import { approvalReminder } from './approval-reminder';
import { approvalRequest } from './approval-request';
import { approvalReturned } from './approval-returned';
import { cancellation } from './cancellation';
import { consolidation } from './consolidation';
import { paragraph, strong, type Block, type EmailLinks, type EmailTemplate } from './content';
import { heldMail } from './held-mail';
import { when } from './phrases';
import { deliveryFailure } from './delivery-failure';
import { escalation } from './escalation';
import { excuse } from './excuse';
import { extension } from './extension';
import { renderLetter, type RenderedEmail } from './layout';
import { notice } from './notice';
import { overdue } from './overdue';
import { receipt } from './receipt';
import { reminder } from './reminder';
import { returned } from './returned';
import { upwardReport } from './upward-report';

export type { RenderedEmail } from './layout';
export type { EmailLinks } from './content';
export { ICS_FILENAME } from './notice';
export { consolidationFilenames } from './consolidation';

const templates: { [K in EmailKind]: EmailTemplate<K> } = {
  notice,
  reminder,
  overdue,
  escalation,
  receipt,
  extension,
  excuse,
  returned,
  cancellation,
  consolidation,
  'delivery-failure': deliveryFailure,
  'held-mail': heldMail,
  'approval-request': approvalRequest,
  'approval-reminder': approvalReminder,
  'approval-returned': approvalReturned,
  'upward-report': upwardReport,
};

function renderKind<K extends EmailKind>(req: EmailRequestOf<K>, late: LateNote | undefined, links: EmailLinks): RenderedEmail {
  const template: EmailTemplate<K> = templates[req.kind];
  const content = template[req.cycle.language](req, links);
  return renderLetter(late ? { ...content, blocks: [lateParagraph(req.cycle, late.intendedAt), ...content.blocks] } : content, req.cycle);
}

/** A message that leaves long after it was due says so first (the SMTP server held it). */
export interface LateNote {
  intendedAt: Instant;
}

function lateParagraph(cycle: CycleEmailContext, intendedAt: Instant): Block {
  return cycle.language === 'vi'
    ? paragraph(strong('Thư gửi chậm:'), ` do sự cố đường truyền thư điện tử, thư này lẽ ra được gửi lúc ${when(cycle, intendedAt)}. Các mốc thời hạn nêu dưới đây không thay đổi.`)
    : paragraph(strong('Delayed message:'), ` because of a mail delivery problem, this message was due to be sent at ${when(cycle, intendedAt)}. The deadlines below are unchanged.`);
}

export function renderEmail(req: EmailRequest, late?: LateNote, links: EmailLinks = {}): RenderedEmail {
  return renderKind(req, late, links);
}
