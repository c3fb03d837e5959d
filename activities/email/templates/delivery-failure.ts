/** Tells staff which emails could not be delivered for good, so they reach those units another way. */
import { paragraph, strong, table, type EmailTemplate } from './content';
import { kindLabels, names, reportName, subjectLine } from './phrases';

export const deliveryFailure: EmailTemplate<'delivery-failure'> = {
  vi: ({ cycle, data, to }) => ({
    subject: subjectLine(cycle, 'delivery-failure', `${data.failed.length} thư không gửi được`),
    addressee: names(to),
    blocks: [
      paragraph(`Về ${reportName(cycle)}, hệ thống `, strong(`không gửi được ${data.failed.length} thư`), ' sau đây. Đề nghị kiểm tra địa chỉ thư điện tử trong kế hoạch và liên hệ đơn vị bằng cách khác.'),
      table(
        ['Người nhận', 'Địa chỉ', 'Loại thư', 'Lỗi'],
        data.failed.map((f) => [f.recipient.name, f.recipient.email, kindLabels.vi[f.kind], f.error]),
      ),
    ],
  }),
  en: ({ cycle, data, to }) => ({
    subject: subjectLine(cycle, 'delivery-failure', `${data.failed.length} message(s) not delivered`),
    addressee: names(to),
    blocks: [
      paragraph(`For the ${reportName(cycle)}, `, strong(`${data.failed.length} message(s) could not be delivered`), '. Please check the addresses in the plan and reach these recipients another way.'),
      table(
        ['Recipient', 'Address', 'Message', 'Error'],
        data.failed.map((f) => [f.recipient.name, f.recipient.email, kindLabels.en[f.kind], f.error]),
      ),
    ],
  }),
};
