/**
 * A realistic cycle of the seed plan for the letter snapshots (test/unit/letters*.test.ts):
 * the monthly report of item II.5 for March 2020 (Kế hoạch 129-KH/BDVTU of the Binh Thuan
 * Board), its issuer, contact and data window, one unit with its leading body, and the
 * plain text of a rendered letter (subject, then the text body) that the snapshots hold.
 * Names of people and the phone number are invented; addresses are under example.org.
 */
import { renderEmail, type EmailLinks } from '../../activities/email/templates';
import type { CycleEmailContext, EmailRequest, UnitRef } from '../../activities/email/types';
import type { Language, Recipient } from '../../domain/cycle';

const issuer: Record<Language, CycleEmailContext['issuer']> = {
  vi: {
    name: 'Ban Dân vận Tỉnh ủy Bình Thuận',
    documentNumber: '129-KH/BDVTU',
    date: '2019-11-12',
    about: 'công tác dân vận tham gia vào quá trình Đại hội đảng các cấp, Đại hội đại biểu toàn quốc lần thứ XIII của Đảng',
    superior: 'Tỉnh ủy Bình Thuận',
    shortName: 'Ban Dân vận',
    place: 'Bình Thuận',
    symbol: 'BDVTU',
  },
  en: {
    name: 'Mass Mobilization Board of the Binh Thuan Provincial Party Committee',
    documentNumber: '129-KH/BDVTU',
    date: '2019-11-12',
    about: 'mass mobilization work during the Party congresses at all levels and the 13th National Party Congress',
    superior: 'Binh Thuan Provincial Party Committee',
    shortName: 'Mass Mobilization Board',
    place: 'Binh Thuan',
    symbol: 'BDVTU',
  },
};

const texts: Record<Language, { title: string; label: string; focus: string; submission: string; division: string }> = {
  vi: {
    title: 'Báo cáo tình hình nhân dân đối với Đại hội đảng các cấp',
    label: 'tháng 3/2020',
    focus: 'Đại hội cấp cơ sở',
    submission: 'Gửi báo cáo (bản có chữ ký, đóng dấu, dạng PDF, kèm tệp Word) qua thư điện tử cho Phòng Đoàn thể và các hội, Ban Dân vận Tỉnh ủy; bản giấy gửi theo đường văn thư.',
    division: 'Phòng Đoàn thể và các hội',
  },
  en: {
    title: 'Report on public sentiment towards the Party congresses at all levels',
    label: 'March 2020',
    focus: 'the grassroots-level congresses',
    submission: 'Send the signed and stamped report as a PDF, with its Word file, by email to the Division of Mass Organisations and Associations; send the paper copy through the clerical office.',
    division: 'Division of Mass Organisations and Associations',
  },
};

/** The II.5 monthly cycle of March 2020: due 17:00 on Tuesday 17/3/2020, figures 15/2–14/3/2020, focus on the grassroots congresses. */
export function sampleCycle(language: Language = 'vi', overrides: Partial<CycleEmailContext> = {}): CycleEmailContext {
  const t = texts[language];
  return {
    id: 'kh-129-bdvtu/tinh-hinh-nhan-dan-hang-thang/2020-03',
    planId: 'kh-129-bdvtu',
    language,
    timeZone: 'Asia/Ho_Chi_Minh',
    issuer: issuer[language],
    reportType: { id: 'tinh-hinh-nhan-dan-hang-thang', title: t.title },
    period: { id: '2020-03', label: t.label, dataWindow: { from: '2020-02-15', to: '2020-03-14' }, focus: t.focus },
    contact: { division: t.division, person: 'Trần Văn Minh', phone: '0252 3 822 000', email: 'doan-the@example.org' },
    dueAt: '2020-03-17T17:00:00+07:00',
    cutoffAt: '2020-03-23T17:00:00+07:00',
    submissionInstructions: t.submission,
    ...overrides,
  };
}

/** The Front committee, addressed by its standing board. */
export function sampleUnit(language: Language = 'vi'): UnitRef {
  return language === 'vi'
    ? { id: 'mttq-tinh', name: 'Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Bình Thuận', addressee: 'Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh' }
    : { id: 'mttq-tinh', name: 'Binh Thuan Provincial Committee of the Vietnam Fatherland Front', addressee: 'Standing Board of the Provincial Fatherland Front Committee' };
}

export const sampleUnitMailbox: Recipient = { key: 'mttq-tinh', name: 'Ủy ban MTTQ tỉnh', email: 'mttq-tinh@example.org' };

/** People of the seed plan (names other than the head's are invented, as in the plan). */
export const samplePeople = {
  head: { key: 'dang-hong-sy', name: 'Đặng Hồng Sỹ', email: 'dang-hong-sy@example.org' },
  deputy: { key: 'pho-truong-ban', name: 'Nguyễn Văn An', email: 'pho-truong-ban@example.org' },
  divisionHead: { key: 'truong-phong-doan-the', name: 'Lê Thị Lan', email: 'truong-phong-doan-the@example.org' },
  staff: { key: 'chuyen-vien-tong-hop', name: 'Trần Văn Minh', email: 'tong-hop.doan-the@example.org' },
} satisfies Record<string, Recipient>;

/** Links as the email activity makes them (the signature part is fake). */
export const sampleLinks: EmailLinks = {
  unitPage: 'https://kyhan.example.org/u/kh-129-bdvtu%2Ftinh-hinh-nhan-dan-hang-thang%2F2020-03/mttq-tinh?sig=SAMPLE',
  cyclePage: 'https://kyhan.example.org/cycles/kh-129-bdvtu%2Ftinh-hinh-nhan-dan-hang-thang%2F2020-03',
};

/** What a reader sees of a letter, as the snapshots hold it: the subject, a blank line, the text body. */
export function letterText(request: EmailRequest, links: EmailLinks = sampleLinks): string {
  const email = renderEmail(request, undefined, links);
  return `Subject: ${email.subject}\n\n${email.text}`;
}
