/** Tells staff that the SMTP server held the cycle's mail for an hour or more, and that it has now gone out. */
import { list, paragraph, strong, type EmailTemplate } from './content';
import { comrades, lowerFirst, division } from './internal';
import { reportName, subjectLine, when } from './phrases';

export const heldMail: EmailTemplate<'held-mail'> = {
  vi: ({ cycle, data, to }) => ({
    subject: subjectLine(cycle, 'held-mail', `máy chủ thư điện tử gặp sự cố từ ${when(cycle, data.since)}`),
    addressee: comrades(to, 'vi'),
    // Internal: its reader is one of the Board's own, who needs no contact line.
    contact: false,
    signedBy: division(cycle),
    blocks: [
      paragraph(
        `Máy chủ thư điện tử không nhận thư của hệ thống `,
        strong(`từ ${when(cycle, data.since)} đến ${when(cycle, data.until)}`),
        `. Các thư về ${lowerFirst(reportName(cycle))} lẽ ra được gửi trong thời gian này đã được gửi đi sau đó, mỗi thư một lần, có ghi chú gửi chậm; các thời hạn nêu trong thư không thay đổi.`,
      ),
      paragraph('Đề nghị đồng chí:'),
      list([
        'Báo bộ phận quản trị thư điện tử để tìm nguyên nhân sự cố.',
        'Gọi điện nhắc trực tiếp các đơn vị có hạn nộp trong hoặc ngay sau thời gian trên, vì thư nhắc đến tay họ muộn.',
      ]),
    ],
  }),
  en: ({ cycle, data, to }) => ({
    subject: subjectLine(cycle, 'held-mail', `the SMTP server was unavailable from ${when(cycle, data.since)}`),
    addressee: comrades(to, 'en'),
    contact: false,
    signedBy: division(cycle),
    blocks: [
      paragraph(
        'The SMTP server did not accept the system’s mail ',
        strong(`from ${when(cycle, data.since)} to ${when(cycle, data.until)}`),
        `. The messages about the ${reportName(cycle)} due to leave in that time have gone out since, each once, marked as delayed; the deadlines they state are unchanged.`,
      ),
      paragraph('Please:'),
      list([
        'Tell the mail administrators, so that they find the cause.',
        'Phone the units whose deadlines fell in or just after that time: their reminders reached them late.',
      ]),
    ],
  }),
};
