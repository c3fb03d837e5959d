/** Renders any email request with its kind's template, in the cycle's language. */
import type { EmailKind, EmailRequest, EmailRequestOf } from '../types';
import { cancellation } from './cancellation';
import { consolidation } from './consolidation';
import type { EmailTemplate } from './content';
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

export type { RenderedEmail } from './layout';
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
};

function renderKind<K extends EmailKind>(req: EmailRequestOf<K>): RenderedEmail {
  const template: EmailTemplate<K> = templates[req.kind];
  return renderLetter(template[req.cycle.language](req), req.cycle);
}

export function renderEmail(req: EmailRequest): RenderedEmail {
  return renderKind(req);
}
