/** Tells staff that the SMTP server held the cycle's mail for an hour or more, and that it has now gone out. */
import { paragraph, strong, type EmailTemplate } from './content';
import { names, reportName, subjectLine, when } from './phrases';

export const heldMail: EmailTemplate<'held-mail'> = {
  vi: ({ cycle, data, to }) => ({
    subject: subjectLine(cycle, 'held-mail', 'thư bị giữ lại do máy chủ thư điện tử gặp sự cố'),
    addressee: names(to),
    blocks: [
      paragraph(
        `Về ${reportName(cycle)}, máy chủ thư điện tử đã không nhận thư của hệ thống `,
        strong(`từ ${when(cycle, data.since)} đến ${when(cycle, data.until)}`),
        '. Các thư bị giữ lại trong thời gian này đã được gửi đi, mỗi thư một lần, kèm ghi chú gửi chậm.',
      ),
      paragraph('Đề nghị kiểm tra với bộ phận quản trị thư điện tử và, nếu cần, liên hệ trực tiếp các đơn vị có hạn nộp trong thời gian trên.'),
    ],
  }),
  en: ({ cycle, data, to }) => ({
    subject: subjectLine(cycle, 'held-mail', 'mail held while the SMTP server was unavailable'),
    addressee: names(to),
    blocks: [
      paragraph(`For the ${reportName(cycle)}, the SMTP server did not accept the system's mail `, strong(`from ${when(cycle, data.since)} to ${when(cycle, data.until)}`), '. The mail held meanwhile has now been sent, each message once, marked as delayed.'),
      paragraph('Please check with the mail administrators and, if needed, contact the units whose deadlines fell in that time directly.'),
    ],
  }),
};
