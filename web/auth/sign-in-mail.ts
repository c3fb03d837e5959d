/**
 * The one email the web app sends: a person's sign-in link, in the language of the plans that
 * give them access (Vietnamese unless all of those are in English). Plain text only, so the
 * link is all there is to click.
 */
import type { Language } from '../../domain/cycle';
import type { WebDeps } from '../deps';
import { SIGN_IN_TTL_MS } from './sign-in-link';

export function signInMessage(language: Language, person: { name: string; email: string }, url: string, issuer: string | undefined) {
  const minutes = SIGN_IN_TTL_MS / 60_000;
  if (language === 'en') {
    return {
      subject: 'Your kyhan sign-in link',
      text: [
        `Dear ${person.name},`,
        '',
        `To sign in to kyhan${issuer ? ` (${issuer})` : ''}, open this link within ${minutes} minutes. It works once:`,
        url,
        '',
        'If you did not ask to sign in, ignore this message: nothing happens without the link.',
      ].join('\n'),
    };
  }
  return {
    subject: 'Liên kết đăng nhập kyhan',
    text: [
      `Kính gửi đồng chí ${person.name},`,
      '',
      `Để đăng nhập hệ thống theo dõi báo cáo kyhan${issuer ? ` (${issuer})` : ''}, đồng chí vui lòng mở liên kết dưới đây trong vòng ${minutes} phút. Liên kết chỉ dùng được một lần:`,
      url,
      '',
      'Nếu đồng chí không yêu cầu đăng nhập, xin bỏ qua thư này; không có thay đổi nào nếu liên kết không được mở.',
    ].join('\n'),
  };
}

/** Sends the link; the caller does not wait for it (the answer must not tell known from unknown addresses). */
export async function sendSignInMail(deps: WebDeps, to: { name: string; email: string }, language: Language, url: string, issuer: string | undefined): Promise<void> {
  const message = signInMessage(language, to, url, issuer);
  await deps.mail.transport.sendMail({ from: deps.mail.from, to: { name: to.name, address: to.email }, subject: message.subject, text: message.text, headers: { 'X-Kyhan-Kind': 'sign-in' } });
}
