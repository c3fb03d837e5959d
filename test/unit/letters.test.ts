/**
 * The letters a unit receives, as approved text (test/letters/<letter>.<vi|en>.txt): each file
 * is read by a person as Board staff would, then kept; a change of wording shows in review as
 * a change of these files. `npx vitest run --project unit test/unit/letters.test.ts -u`
 * rewrites them after a deliberate change. Beside the snapshots, the rules every letter keeps.
 */
import { describe, expect, it } from 'vitest';
import type { CycleEmailContext, EmailRequest } from '../../activities/email/types';
import type { CycleUnit, Language } from '../../domain/cycle';
import { UnitBook } from '../../domain/units';
import type { CycleHeader } from '../../workflows/messages';
import { shardMailRequest } from '../../workflows/shard-mail';
import { letterText, sampleCycle, sampleLinks, sampleUnit, sampleUnitMailbox } from '../helpers/letter-fixtures';

/** Item II.2: an incident report, urgent, due the same afternoon; started ad hoc, its period labelled by its id (a date). */
function urgentCycle(language: Language): CycleEmailContext {
  const base = sampleCycle(language);
  return {
    ...base,
    id: 'kh-129-bdvtu/vu-viec-dot-xuat/2020-05-12',
    reportType: {
      id: 'vu-viec-dot-xuat',
      title: language === 'vi' ? 'Báo cáo nhanh vụ việc phát sinh liên quan đến Đại hội đảng các cấp' : 'Urgent report on an incident concerning the Party congresses',
      urgent: true,
    },
    period: { id: '2020-05-12', label: '2020-05-12' },
    dueAt: '2020-05-12T16:00:00+07:00',
    cutoffAt: '2020-05-13T09:00:00+07:00',
  };
}

/** Item II.6 as a classified report: it travels on paper, through the clerical channel. */
function paperCycle(language: Language): CycleEmailContext {
  const base = sampleCycle(language);
  return {
    ...base,
    id: 'kh-129-bdvtu/can-bo-mat-tran-doan-the-tham-gia-cap-uy/cap-co-so',
    reportType: {
      id: 'can-bo-mat-tran-doan-the-tham-gia-cap-uy',
      title: language === 'vi' ? 'Báo cáo tình hình, kết quả đội ngũ cán bộ Mặt trận, đoàn thể tham gia cấp ủy' : 'Report on Front and mass organisation officials elected to Party committees',
      delivery: 'paper',
    },
    period: { id: 'cap-co-so', label: language === 'vi' ? 'sau Đại hội cấp cơ sở' : 'after the grassroots-level congresses' },
    dueAt: '2020-06-25T17:00:00+07:00',
    cutoffAt: '2020-07-01T17:00:00+07:00',
  };
}

/** Item III.1: the district boards send a plan, not a report. */
function planCycle(language: Language): CycleEmailContext {
  const base = sampleCycle(language);
  return {
    ...base,
    id: 'kh-129-bdvtu/ke-hoach-thuc-hien/2019-12',
    reportType: {
      id: 'ke-hoach-thuc-hien',
      title: language === 'vi' ? 'Kế hoạch công tác dân vận tham gia vào quá trình Đại hội đảng các cấp' : 'Plan for mass mobilization work during the Party congresses',
      document: 'plan',
    },
    period: { id: '2019-12', label: language === 'vi' ? 'tại địa phương, đơn vị' : 'in your locality' },
    submissionInstructions:
      language === 'vi'
        ? 'Gửi kế hoạch (bản có chữ ký, đóng dấu, dạng PDF, kèm tệp Word) qua thư điện tử cho Phòng Đoàn thể và các hội, Ban Dân vận Tỉnh ủy; bản giấy gửi theo đường văn thư.'
        : 'Send the signed and stamped plan as a PDF, with its Word file, by email to the Division of Mass Organisations and Associations; send the paper copy through the clerical office.',
    dueAt: '2019-12-12T17:00:00+07:00',
    cutoffAt: '2019-12-18T17:00:00+07:00',
  };
}

type Variant = (language: Language) => EmailRequest;

function common(cycle: CycleEmailContext) {
  return { cycle, to: [sampleUnitMailbox], recipientKey: sampleUnitMailbox.key };
}

const variants: Record<string, Variant> = {
  notice: (l) => ({ ...common(sampleCycle(l)), kind: 'notice', data: { unit: sampleUnit(l) } }),
  'notice-urgent': (l) => ({ ...common(urgentCycle(l)), kind: 'notice', data: { unit: sampleUnit(l) } }),
  'notice-paper': (l) => ({ ...common(paperCycle(l)), kind: 'notice', data: { unit: sampleUnit(l) } }),
  'notice-plan': (l) => ({
    ...common(planCycle(l)),
    kind: 'notice',
    data: { unit: { id: 'bdv-tuy-phong', name: l === 'vi' ? 'Ban Dân vận Huyện ủy Tuy Phong' : 'Mass Mobilization Board of the Tuy Phong District Party Committee' } },
  }),
  'reminder-before': (l) => ({ ...common(sampleCycle(l)), kind: 'reminder', step: 0, data: { unit: sampleUnit(l), relation: 'before', dueAt: sampleCycle(l).dueAt } }),
  'reminder-after': (l) => ({ ...common(sampleCycle(l)), kind: 'reminder', step: 2, data: { unit: sampleUnit(l), relation: 'after', dueAt: sampleCycle(l).dueAt } }),
  'reminder-before-extended': (l) => ({ ...common(sampleCycle(l)), kind: 'reminder', step: 1, data: { unit: sampleUnit(l), relation: 'before', dueAt: '2020-03-20T17:00:00+07:00' } }),
  'reminder-after-paper': (l) => ({ ...common(paperCycle(l)), kind: 'reminder', step: 2, data: { unit: sampleUnit(l), relation: 'after', dueAt: paperCycle(l).dueAt } }),
  overdue: (l) => ({ ...common(sampleCycle(l)), kind: 'overdue', data: { unit: sampleUnit(l), dueAt: sampleCycle(l).dueAt, daysOverdue: 2 } }),
  receipt: (l) => ({
    ...common(sampleCycle(l)),
    kind: 'receipt',
    data: {
      unit: sampleUnit(l),
      submittedAt: '2020-03-16T09:30:00+07:00',
      onTime: true,
      document: { number: '45-BC/MTTQ-BTT', date: '2020-03-16', signer: 'Nguyễn Thị Mai', name: 'bao-cao-thang-3-2020.pdf' },
      files: 2,
    },
  }),
  'receipt-late-revision': (l) => ({
    ...common(sampleCycle(l)),
    kind: 'receipt',
    step: 1,
    data: { unit: sampleUnit(l), submittedAt: '2020-03-19T14:05:00+07:00', onTime: false, revision: 1, document: { number: '52-BC/MTTQ-BTT', date: '2020-03-19' } },
  }),
  'receipt-paper': (l) => ({
    ...common(paperCycle(l)),
    kind: 'receipt',
    data: { unit: sampleUnit(l), submittedAt: '2020-06-24T10:00:00+07:00', onTime: true, document: { number: '61-BC/MTTQ-BTT', date: '2020-06-23' } },
  }),
  extension: (l) => ({
    ...common(sampleCycle(l)),
    kind: 'extension',
    step: 1,
    data: { unit: sampleUnit(l), newDueAt: '2020-03-20T17:00:00+07:00', reason: l === 'vi' ? 'Chờ số liệu của Ủy ban MTTQ cấp huyện' : 'Awaiting the district committees’ figures' },
  }),
  excuse: (l) => ({ ...common(sampleCycle(l)), kind: 'excuse', data: { unit: sampleUnit(l), reason: l === 'vi' ? 'Nội dung đã báo cáo trong báo cáo chuyên đề tháng 3/2020' : 'Reported in the thematic report of March 2020' } }),
  returned: (l) => ({
    ...common(sampleCycle(l)),
    kind: 'returned',
    step: 1,
    data: { unit: sampleUnit(l), reason: l === 'vi' ? 'Bổ sung số liệu mục II.5 (số cuộc tiếp xúc cử tri)' : 'Add the figures of item II.5 (meetings with voters)', resubmitBy: '2020-03-20T17:00:00+07:00' },
  }),
  cancellation: (l) => ({ ...common(sampleCycle(l)), kind: 'cancellation', data: { unit: sampleUnit(l), reason: l === 'vi' ? 'Ban Thường vụ Tỉnh ủy điều chỉnh kế hoạch' : 'The Provincial Standing Committee revised the plan' } }),
};

describe('letters to a unit, as approved text', () => {
  for (const [name, variant] of Object.entries(variants)) {
    for (const language of ['vi', 'en'] as const) {
      it(`${name} in ${language}`, async () => {
        await expect(letterText(variant(language))).toMatchFileSnapshot(`../letters/${name}.${language}.txt`);
      });
    }
  }
});

describe('every letter to a unit', () => {
  const all = Object.entries(variants).flatMap(([name, variant]) => (['vi', 'en'] as const).map((language) => ({ name, language, text: letterText(variant(language)) })));

  it('addresses the unit’s leading body and never in the commercial register', () => {
    for (const { name, language, text } of all) {
      if (language === 'vi') {
        expect(text, name).not.toMatch(/quý đơn vị|xin cảm ơn/i);
        if (name !== 'notice-plan') expect(text, name).toContain('Kính gửi: Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh\n');
      }
    }
    expect(letterText(variants['notice-plan']!('vi'))).toContain('Kính gửi: Ban Dân vận Huyện ủy Tuy Phong\n');
  });

  it('never tells the unit the cut-off after the due moment', () => {
    for (const { name, language, text } of all) {
      const cutoff = language === 'vi' ? /23\/3\/2020|1\/7\/2020|13\/5\/2020|18\/12\/2019|khóa sổ|hạn chót/i : /23 March 2020|1 July 2020|13 May 2020|18 December 2019|cut-off/i;
      expect(text, name).not.toMatch(cutoff);
    }
  });

  it('ends with whom to contact, and has no contact line when the cycle names nobody', () => {
    for (const { name, language, text } of all) {
      expect(text, name).toContain(language === 'vi' ? 'Mọi thông tin xin liên hệ: Phòng Đoàn thể và các hội, Ban Dân vận Tỉnh ủy Bình Thuận; đồng chí Trần Văn Minh; điện thoại 0252 3 822 000' : 'please contact: Division of Mass Organisations and Associations');
    }
    const { contact: _none, ...withoutContact } = sampleCycle('vi');
    const text = letterText({ ...common(withoutContact), kind: 'notice', data: { unit: sampleUnit('vi') } });
    expect(text).not.toContain('liên hệ');
  });

  it('writes every date one way: no leading zero, the hour as "17 giờ 00"', () => {
    for (const { name, language, text } of all) {
      if (language === 'vi') {
        expect(text, name).not.toMatch(/\b0\d\/\d{1,2}\/\d{4}|\/0\d\/\d{4}|\d{1,2}:\d{2}/);
      }
    }
  });
});

describe('the letters a cycle sends', () => {
  it('address the unit’s leading body as the plan names it, and its name where the plan names none', () => {
    const cycle = { ...sampleCycle('vi'), opensAt: '2020-03-10T08:00:00+07:00', reminders: [], escalations: [], consolidation: { by: [], leaders: [], upperLevels: [] } } as CycleHeader;
    const mailbox = [sampleUnitMailbox];
    const units = new Map<string, CycleUnit>([
      ['mttq-tinh', { id: 'mttq-tinh', name: 'Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Bình Thuận', shortName: 'Ủy ban MTTQ tỉnh', addressee: 'Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh', to: mailbox, cc: [] }],
      ['bdv-tuy-phong', { id: 'bdv-tuy-phong', name: 'Ban Dân vận Huyện ủy Tuy Phong', shortName: 'BDV Tuy Phong', to: mailbox, cc: [] }],
    ]);
    const book = UnitBook.fresh([...units.keys()], cycle.dueAt, { cycleId: cycle.id, language: 'vi', timeZone: cycle.timeZone, cutoffAt: cycle.cutoffAt });
    const noticeTo = (unitId: string) => letterText(shardMailRequest({ kind: 'notice', unitId } as Parameters<typeof shardMailRequest>[0], { cycle, run: 'run-1', shard: 0, units, book, current: true })!);
    expect(noticeTo('mttq-tinh')).toContain('Kính gửi: Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh\n');
    expect(noticeTo('bdv-tuy-phong')).toContain('Kính gửi: Ban Dân vận Huyện ủy Tuy Phong\n');
  });
});

describe('the basis line', () => {
  const notice = (cycle: CycleEmailContext) => letterText({ ...common(cycle), kind: 'notice', data: { unit: sampleUnit('vi') } });

  it('names the plan by number, date, issuer and subject', () => {
    expect(notice(sampleCycle('vi'))).toContain(
      'Thực hiện Kế hoạch số 129-KH/BDVTU, ngày 12/11/2019 của Ban Dân vận Tỉnh ủy Bình Thuận về công tác dân vận tham gia vào quá trình Đại hội đảng các cấp',
    );
  });

  it('names what an old cycle knows when it carries no date or subject of the plan', () => {
    const { date: _date, about: _about, ...old } = sampleCycle('vi').issuer;
    expect(notice(sampleCycle('vi', { issuer: old }))).toContain('Thực hiện Kế hoạch số 129-KH/BDVTU của Ban Dân vận Tỉnh ủy Bình Thuận, Ban Dân vận Tỉnh ủy Bình Thuận đề nghị');
  });
});

describe('the report’s name', () => {
  it('writes an ad-hoc period labelled by its id as a date, not as 2020-05-12', () => {
    const subject = letterText(variants['notice-urgent']!('vi')).split('\n')[0];
    expect(subject).toBe('Subject: [Khẩn] Đề nghị gửi Báo cáo nhanh vụ việc phát sinh liên quan đến Đại hội đảng các cấp ngày 12/5/2020 — hạn 16 giờ 00 ngày 12/5/2020');
  });

  it('marks "[Khẩn]" only the urgent letters that ask the unit to act, not its receipt, excuse or cancellation', () => {
    const subjectOf = (kind: 'receipt' | 'excuse' | 'cancellation') =>
      letterText({ ...common(urgentCycle('vi')), kind, data: { unit: sampleUnit('vi'), submittedAt: '2020-05-12T15:00:00+07:00', onTime: true, reason: 'Đã báo cáo trực tiếp' } } as EmailRequest).split('\n')[0];
    for (const kind of ['receipt', 'excuse', 'cancellation'] as const) expect(subjectOf(kind)).not.toContain('[Khẩn]');
    expect(letterText(variants['notice-urgent']!('vi')).split('\n')[0]).toContain('[Khẩn]');
  });

  it('calls a plan a plan', () => {
    const text = letterText(variants['notice-plan']!('vi'));
    expect(text).toContain('CÁCH GỬI KẾ HOẠCH');
    expect(text).toContain('Gửi kế hoạch trực tuyến:');
    // The footer names the system ("theo dõi kỳ hạn báo cáo"); the letter above it never says "báo cáo".
    expect(text.split('\n--\n')[0]).not.toMatch(/báo cáo/i);
  });
});

describe('a report on paper', () => {
  it('asks for paper through the clerical channel and offers no upload, only the page to see its state', () => {
    const text = letterText(variants['notice-paper']!('vi'));
    expect(text).toContain('gửi bằng văn bản giấy theo đường văn thư');
    expect(text).toContain('không gửi qua thư điện tử');
    expect(text).not.toContain('Gửi báo cáo trực tuyến');
    expect(text).toContain(`Xem tình trạng báo cáo của đơn vị:\n${sampleLinks.unitPage}`);
  });
});

describe('the receipt', () => {
  const receipt = (data: Partial<Extract<EmailRequest, { kind: 'receipt' }>['data']>) =>
    letterText({ ...common(sampleCycle('vi')), kind: 'receipt', data: { unit: sampleUnit('vi'), submittedAt: '2020-03-16T09:30:00+07:00', onTime: true, ...data } });

  it('shows the document as the Board logs it: number and date', () => {
    expect(receipt({ document: { number: '45-BC/MTTQ-BTT', date: '2020-03-16' } })).toContain('Văn bản: Báo cáo số 45-BC/MTTQ-BTT ngày 16/3/2020');
  });

  it('shows an old request’s reference only when it is not a stored file’s path or address', () => {
    expect(receipt({ documentRef: '45-BC/MTTQ-BTT' })).toContain('Số, ký hiệu văn bản: 45-BC/MTTQ-BTT');
    for (const path of ['file:///var/lib/kyhan/submissions/mttq/bao-cao.pdf', 'kyhan-store:submissions/mttq/bao-cao.pdf', '/var/lib/kyhan/submissions/mttq/bao-cao.pdf', 'C:\\kyhan\\bao-cao.pdf']) {
      const text = receipt({ documentRef: path });
      expect(text).not.toContain('bao-cao.pdf');
      expect(text).not.toContain('Số, ký hiệu');
    }
  });
});
