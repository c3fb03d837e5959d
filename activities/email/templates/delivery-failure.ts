/** Tells staff which emails could not be delivered for good (the server refused the address), so they reach those recipients another way. */
import { list, paragraph, strong, table, type EmailTemplate } from './content';
import { comrades, lowerFirst, division } from './internal';
import { kindLabels, reportName, subjectLine } from './phrases';

const messages = (count: number) => `${count} message${count === 1 ? '' : 's'}`;

export const deliveryFailure: EmailTemplate<'delivery-failure'> = {
  vi: ({ cycle, data, to }) => ({
    subject: subjectLine(cycle, 'delivery-failure', `${data.failed.length} thư không gửi được`),
    addressee: comrades(to, 'vi'),
    // Internal: its reader is one of the Board's own, who needs no contact line.
    contact: false,
    signedBy: division(cycle),
    blocks: [
      paragraph(
        `Hệ thống `,
        strong(`không gửi được ${data.failed.length} thư`),
        ` về ${lowerFirst(reportName(cycle))}: máy chủ thư của người nhận từ chối địa chỉ nên hệ thống sẽ không gửi lại.`,
      ),
      table(
        ['Người nhận', 'Địa chỉ', 'Loại thư', 'Lý do máy chủ trả lời'],
        data.failed.map((f) => [f.recipient.name, f.recipient.email, kindLabels.vi[f.kind], f.error]),
      ),
      paragraph('Đề nghị đồng chí:'),
      list([
        'Liên hệ người nhận bằng điện thoại hoặc gửi văn bản theo đường văn thư để họ nhận được nội dung thư.',
        'Hỏi lại địa chỉ thư điện tử đúng và sửa trong tệp kế hoạch, để các thư sau gửi được.',
      ]),
    ],
  }),
  en: ({ cycle, data, to }) => ({
    subject: subjectLine(cycle, 'delivery-failure', `${messages(data.failed.length)} not delivered`),
    addressee: comrades(to, 'en'),
    contact: false,
    signedBy: division(cycle),
    blocks: [
      paragraph(
        'The system ',
        strong(`could not deliver ${messages(data.failed.length)}`),
        ` about the ${reportName(cycle)}: the recipient's mail server refused the address, so the system will not try again.`,
      ),
      table(
        ['Recipient', 'Address', 'Message', "The server's reply"],
        data.failed.map((f) => [f.recipient.name, f.recipient.email, kindLabels.en[f.kind], f.error]),
      ),
      paragraph('Please:'),
      list([
        'Reach the recipients by phone or send the letter on paper, so that they get what it said.',
        'Ask for the right email address and correct it in the plan file, so that later messages arrive.',
      ]),
    ],
  }),
};
