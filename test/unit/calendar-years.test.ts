/**
 * The civil service's calendar, year by year from 2019 to 2026: each table lists every day off
 * that is not merely a Saturday or Sunday (holidays, also those on a weekend, days in lieu,
 * swapped weekdays) with the reason the calendar gives, and every Saturday worked, as the texts
 * that decided them give them. The calendar must agree on every day of the year: a date in the
 * table as the table says, any other date by the weekend rule (Monday to Friday worked).
 *
 * The tables are written from the sources named above each one, not copied from
 * domain/calendar/vn-decisions.ts, so a wrong date there fails here.
 */
import { describe, expect, it } from 'vitest';
import { vietnamBusinessCalendar } from '../../domain/calendar';
import { addDays, weekdayOf, type LocalDate } from '../../domain/time';

interface OfficialYear {
  /** Date → reason the calendar gives for it. A date may lie in the year before (a swap). */
  off: Record<LocalDate, string>;
  /** Saturdays worked (ngày làm bù). */
  worked: LocalDate[];
}

const NEW_YEAR = 'Tết Dương lịch';
const TET = 'Tết Nguyên đán';
const HUNG_KINGS = 'Giỗ Tổ Hùng Vương';
const REUNIFICATION = 'Ngày Chiến thắng';
const LABOUR_DAY = 'Ngày Quốc tế Lao động';
const NATIONAL_DAY = 'Quốc khánh';
const inLieuOf = (holiday: string): string => `Nghỉ bù ${holiday}`;

const OFFICIAL_YEARS: Record<number, OfficialYear> = {
  // Công văn 6519/VPCP-KGVX ngày 11/7/2018 (Văn phòng Chính phủ, ý kiến Thủ tướng; text on Thư
  // viện Pháp luật): off Mon 31/12/2018 – Tue 1/1/2019, Sat 5/1 worked; Tết Mon 4/2 – Fri 8/2
  // (30 Chạp – mùng 4, Sat 2/2 and Sun 3/2 are the weekend before it); off Mon 29/4 – Wed 1/5,
  // Sat 4/5 worked. Labour Code 2012, Art. 115: Giỗ Tổ Sun 14/4, given back Mon 15/4; Quốc
  // khánh one day, Mon 2/9 (Nhân Dân: off 31/8 – 2/9).
  2019: {
    off: {
      '2018-12-31': 'Nghỉ hoán đổi Tết Dương lịch (làm bù thứ Bảy 05/01/2019)',
      '2019-01-01': NEW_YEAR,
      '2019-02-04': TET,
      '2019-02-05': TET,
      '2019-02-06': TET,
      '2019-02-07': TET,
      '2019-02-08': TET,
      '2019-04-14': HUNG_KINGS,
      '2019-04-15': inLieuOf(HUNG_KINGS),
      '2019-04-29': 'Nghỉ hoán đổi dịp 30/4 – 1/5 (làm bù thứ Bảy 04/5/2019)',
      '2019-04-30': REUNIFICATION,
      '2019-05-01': LABOUR_DAY,
      '2019-09-02': NATIONAL_DAY,
    },
    worked: ['2019-01-05', '2019-05-04'],
  },
  // Bộ LĐTBXH, Tết 2020 (VietNamNet: Thu 23/1 – Wed 29/1, 29 Chạp – mùng 5; mùng 1 and 2 on
  // Sat 25/1 and Sun 26/1, given back 28/1 and 29/1). Labour Code 2012, Art. 115, no swaps:
  // Wed 1/1, Giỗ Tổ Thu 2/4, Thu 30/4, Fri 1/5, Quốc khánh one day, Wed 2/9.
  2020: {
    off: {
      '2020-01-01': NEW_YEAR,
      '2020-01-23': TET,
      '2020-01-24': TET,
      '2020-01-25': TET,
      '2020-01-26': TET,
      '2020-01-27': TET,
      '2020-01-28': inLieuOf(TET),
      '2020-01-29': inLieuOf(TET),
      '2020-04-02': HUNG_KINGS,
      '2020-04-30': REUNIFICATION,
      '2020-05-01': LABOUR_DAY,
      '2020-09-02': NATIONAL_DAY,
    },
    worked: [],
  },
  // Thông báo 4875/TB-LĐTBXH (Bộ LĐTBXH); SGGP 9/12/2020: New Year 1–3/1; Tết 10–16/2 (29 Chạp
  // – mùng 5: mùng 2 and 3 on Sat 13/2 and Sun 14/2, given back 15/2 and 16/2); Giỗ Tổ Wed
  // 21/4; 30/4 – 3/5 (1/5 a Saturday, given back Mon 3/5); Quốc khánh 2–5/9 (Thu 2/9 and the
  // day after under the 2019 Code, Art. 112).
  2021: {
    off: {
      '2021-01-01': NEW_YEAR,
      '2021-02-10': TET,
      '2021-02-11': TET,
      '2021-02-12': TET,
      '2021-02-13': TET,
      '2021-02-14': TET,
      '2021-02-15': inLieuOf(TET),
      '2021-02-16': inLieuOf(TET),
      '2021-04-21': HUNG_KINGS,
      '2021-04-30': REUNIFICATION,
      '2021-05-01': LABOUR_DAY,
      '2021-05-03': inLieuOf(LABOUR_DAY),
      '2021-09-02': NATIONAL_DAY,
      '2021-09-03': NATIONAL_DAY,
    },
    worked: [],
  },
  // Công văn 245/VPCP-KGVX ngày 11/01/2022 (Văn phòng Chính phủ, ý kiến Phó Thủ tướng; Báo Bình
  // Thuận): Tết Mon 31/1 – Fri 4/2 (29 Chạp – mùng 4), Quốc khánh Thu 1/9 – Fri 2/9. Labour
  // Code 2019, Art. 111(3): 1/1 a Saturday, given back Mon 3/1; SGGP: Giỗ Tổ Sun 10/4, given
  // back Mon 11/4; 30/4 and 1/5 on Sat and Sun, given back Mon 2/5 and Tue 3/5.
  2022: {
    off: {
      '2022-01-01': NEW_YEAR,
      '2022-01-03': inLieuOf(NEW_YEAR),
      '2022-01-31': TET,
      '2022-02-01': TET,
      '2022-02-02': TET,
      '2022-02-03': TET,
      '2022-02-04': TET,
      '2022-04-10': HUNG_KINGS,
      '2022-04-11': inLieuOf(HUNG_KINGS),
      '2022-04-30': REUNIFICATION,
      '2022-05-01': LABOUR_DAY,
      '2022-05-02': inLieuOf(REUNIFICATION),
      '2022-05-03': inLieuOf(LABOUR_DAY),
      '2022-09-01': NATIONAL_DAY,
      '2022-09-02': NATIONAL_DAY,
    },
    worked: [],
  },
  // Thông báo 5034/TB-LĐTBXH (Bộ LĐTBXH, ý kiến Phó Thủ tướng): Tết Fri 20/1 – Thu 26/1
  // (29 Chạp – mùng 5: 30 Chạp and mùng 1 on Sat 21/1 and Sun 22/1, given back 25/1 and
  // 26/1); Quốc khánh Fri 1/9 and Sat 2/9, given back Mon 4/9. Labour Code 2019, Art. 111(3):
  // 1/1 a Sunday, given back Mon 2/1; VietnamPlus 30/1/2023: Giỗ Tổ Sat 29/4 and 30/4 Sun,
  // given back Tue 2/5 and Wed 3/5 (1/5 a Monday): off 29/4 – 3/5.
  2023: {
    off: {
      '2023-01-01': NEW_YEAR,
      '2023-01-02': inLieuOf(NEW_YEAR),
      '2023-01-20': TET,
      '2023-01-21': TET,
      '2023-01-22': TET,
      '2023-01-23': TET,
      '2023-01-24': TET,
      '2023-01-25': inLieuOf(TET),
      '2023-01-26': inLieuOf(TET),
      '2023-04-29': HUNG_KINGS,
      '2023-04-30': REUNIFICATION,
      '2023-05-01': LABOUR_DAY,
      '2023-05-02': inLieuOf(HUNG_KINGS),
      '2023-05-03': inLieuOf(REUNIFICATION),
      '2023-09-01': NATIONAL_DAY,
      '2023-09-02': NATIONAL_DAY,
      '2023-09-04': inLieuOf(NATIONAL_DAY),
    },
    worked: [],
  },
  // Thông báo 5015/TB-LĐTBXH ngày 22/11/2023 (Bộ LĐTBXH): Tết Thu 8/2 – Wed 14/2 (29 Chạp –
  // mùng 5: mùng 1 and 2 on Sat 10/2 and Sun 11/2, given back 13/2 and 14/2); Quốc khánh Mon
  // 2/9 and Tue 3/9 (SGGP: off 31/8 – 3/9). Công văn 2450/VPCP-KGVX ngày 12/4/2024 (Văn phòng
  // Chính phủ): Mon 29/4 swapped for Sat 4/5. Labour Code 2019: Mon 1/1, Giỗ Tổ Thu 18/4.
  2024: {
    off: {
      '2024-01-01': NEW_YEAR,
      '2024-02-08': TET,
      '2024-02-09': TET,
      '2024-02-10': TET,
      '2024-02-11': TET,
      '2024-02-12': TET,
      '2024-02-13': inLieuOf(TET),
      '2024-02-14': inLieuOf(TET),
      '2024-04-18': HUNG_KINGS,
      '2024-04-29': 'Nghỉ hoán đổi dịp 30/4 – 1/5 (làm bù thứ Bảy 04/5/2024)',
      '2024-04-30': REUNIFICATION,
      '2024-05-01': LABOUR_DAY,
      '2024-09-02': NATIONAL_DAY,
      '2024-09-03': NATIONAL_DAY,
    },
    worked: ['2024-05-04'],
  },
  // Công văn 8726/VPCP-KGVX ngày 26/11/2024 (Văn phòng Chính phủ, ý kiến Thủ tướng) and
  // Thông báo 6150/TB-BLĐTBXH (Bộ LĐTBXH): Tết Mon 27/1 – Fri 31/1 (28 Chạp – mùng 3, off
  // 25/1 – 2/2); Fri 2/5 swapped for Sat 26/4; Quốc khánh Mon 1/9 and Tue 2/9 (Vietnam News
  // 4/8/2025, Bộ Nội vụ: off 30/8 – 2/9). Labour Code 2019: Wed 1/1, Giỗ Tổ Mon 7/4.
  2025: {
    off: {
      '2025-01-01': NEW_YEAR,
      '2025-01-27': TET,
      '2025-01-28': TET,
      '2025-01-29': TET,
      '2025-01-30': TET,
      '2025-01-31': TET,
      '2025-04-07': HUNG_KINGS,
      '2025-04-30': REUNIFICATION,
      '2025-05-01': LABOUR_DAY,
      '2025-05-02': 'Nghỉ hoán đổi dịp 30/4 – 1/5 (làm bù thứ Bảy 26/4/2025)',
      '2025-09-01': NATIONAL_DAY,
      '2025-09-02': NATIONAL_DAY,
    },
    worked: ['2025-04-26'],
  },
  // Công văn 12729/VPCP-KGVX ngày 25/12/2025 (Văn phòng Chính phủ, ý kiến Phó Thủ tướng;
  // VietNamNet, TTXVN, SGGP): off Thu 1/1 – Sun 4/1, Fri 2/1 swapped for Sat 10/1.
  // Thông báo 9441/TB-BNV ngày 16/10/2025 (Bộ Nội vụ; Vietbao, Báo Hải Phòng, Vietnam News):
  // Tết Mon 16/2 – Fri 20/2 (29 Chạp – mùng 4, off 14/2 – 22/2); Quốc khánh Tue 1/9 and Wed
  // 2/9, Mon 31/8 swapped for Sat 22/8 (off 29/8 – 2/9). Labour Code 2019, Art. 111(3) and 112
  // (Thanh Niên 23/2/2026): Giỗ Tổ Sun 26/4, given back Mon 27/4; Thu 30/4 and Fri 1/5.
  2026: {
    off: {
      '2026-01-01': NEW_YEAR,
      '2026-01-02': 'Nghỉ hoán đổi Tết Dương lịch (làm bù thứ Bảy 10/01/2026)',
      '2026-02-16': TET,
      '2026-02-17': TET,
      '2026-02-18': TET,
      '2026-02-19': TET,
      '2026-02-20': TET,
      '2026-04-26': HUNG_KINGS,
      '2026-04-27': inLieuOf(HUNG_KINGS),
      '2026-04-30': REUNIFICATION,
      '2026-05-01': LABOUR_DAY,
      '2026-08-31': 'Nghỉ hoán đổi dịp Quốc khánh (làm bù thứ Bảy 22/8/2026)',
      '2026-09-01': NATIONAL_DAY,
      '2026-09-02': NATIONAL_DAY,
    },
    worked: ['2026-01-10', '2026-08-22'],
  },
};

const WEEKEND_NAMES: Partial<Record<number, string>> = { 0: 'Chủ nhật', 6: 'Thứ Bảy' };
const calendar = vietnamBusinessCalendar();

/** Each date where the calendar and the table disagree, as "date: expected …, calendar says …". */
function disagreements(year: number, official: OfficialYear): string[] {
  const expected = new Map<LocalDate, string | undefined>();
  for (let date = `${year}-01-01`; date.startsWith(`${year}-`); date = addDays(date, 1)) {
    expected.set(date, WEEKEND_NAMES[weekdayOf(date)]);
  }
  for (const [date, reason] of Object.entries(official.off)) expected.set(date, reason);
  for (const date of official.worked) expected.set(date, undefined);

  const found: string[] = [];
  for (const [date, reason] of expected) {
    const actual = calendar.nonWorkingReason(date);
    if (actual !== reason || calendar.isWorkingDay(date) !== (reason === undefined)) {
      found.push(`${date}: expected ${reason ?? 'a working day'}, calendar says ${actual ?? 'a working day'}`);
    }
  }
  return found;
}

describe('Vietnam business calendar: every day of 2019–2026 as the official texts give it', () => {
  it.each(Object.keys(OFFICIAL_YEARS).map(Number))('%i', (year) => {
    const official = OFFICIAL_YEARS[year]!;
    for (const date of official.worked) expect(weekdayOf(date), `${date} is a Saturday`).toBe(6);
    expect(disagreements(year, official)).toEqual([]);
  });
});
