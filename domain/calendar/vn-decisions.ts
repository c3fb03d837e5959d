/**
 * Each year's official holiday arrangements for Vietnam's civil service (cơ quan hành chính,
 * sự nghiệp, tổ chức chính trị, chính trị – xã hội), which work Monday to Friday.
 *
 * Who decides and who announces: the Labour Code leaves the five Tết days and the second
 * Quốc khánh day to the Prime Minister (2019 Code, Art. 112(3)), who may also swap a weekday
 * off for a Saturday worked; the Government Office (Văn phòng Chính phủ) conveys the decision
 * and the ministry in charge of labour announces it to agencies — the Ministry of Labour,
 * Invalids and Social Affairs (Bộ LĐTBXH) until 2/2025, the Ministry of Home Affairs (Bộ Nội
 * vụ) since 3/2025, when the two ministries merged (Decree 25/2025/NĐ-CP gives the Ministry of
 * Home Affairs labour and employment from 1/3/2025).
 *
 * A year listed here is complete: `daysOff` holds every holiday (also those on a weekend),
 * every compensatory day and every swapped weekday; `workingDays` the Saturdays worked
 * instead. A year not listed falls back to the Labour Code rules (holidays.ts), which cannot
 * know a year's swaps.
 *
 * Verification: dates were checked against the published text or press reports of the
 * announcements (cited per year, and per day where the year's documents differ). Where a
 * document number comes only from secondary sources, `source` says so; a day no document
 * decided follows the Labour Code and says so.
 */
import type { DatedReason } from './holidays';

export interface HolidayDecision {
  year: number;
  /** The official documents, with number and date where known. */
  source: string;
  daysOff: DatedReason[];
  /** Make-up working Saturdays (ngày làm bù). */
  workingDays: DatedReason[];
}

export const VIETNAM_HOLIDAY_DECISIONS: readonly HolidayDecision[] = [
  {
    year: 2019,
    source:
      'Công văn 6519/VPCP-KGVX ngày 11/7/2018 của Văn phòng Chính phủ (ý kiến Thủ tướng Chính phủ, theo Tờ trình 30/TTr-LĐTBXH ngày 18/6/2018 của Bộ LĐTBXH, được ủy quyền thông báo) về nghỉ Tết Dương lịch, Tết Âm lịch và dịp 30/4 – 1/5 năm 2019 — theo bản đăng trên Thư viện Pháp luật; Giỗ Tổ Hùng Vương và Quốc khánh theo Bộ luật Lao động 2012, Điều 115 (ngày nghỉ theo Infonet, Nhân Dân).',
    daysOff: [
      // 6519/VPCP-KGVX, 1(a): off Monday 31/12/2018 and Tuesday 1/1/2019, Saturday 5/1 worked.
      { date: '2018-12-31', reason: 'Nghỉ hoán đổi Tết Dương lịch (làm bù thứ Bảy 05/01/2019)' },
      { date: '2019-01-01', reason: 'Tết Dương lịch' },
      // 6519/VPCP-KGVX, 1(b): off Monday 4/2 to Friday 8/2/2019, that is 30 tháng Chạp Mậu
      // Tuất to mùng 4 Kỷ Hợi: five weekdays, so no day in lieu. Saturday 2/2 (28 Chạp) and
      // Sunday 3/2 (29 Chạp) are the weekend before it, not Tết days. (Tiền Phong, 7/2018,
      // read it as 29 Chạp to mùng 3 with 8/2 in lieu of the Sunday; the text names 4–8/2.)
      { date: '2019-02-04', reason: 'Tết Nguyên đán' },
      { date: '2019-02-05', reason: 'Tết Nguyên đán' },
      { date: '2019-02-06', reason: 'Tết Nguyên đán' },
      { date: '2019-02-07', reason: 'Tết Nguyên đán' },
      { date: '2019-02-08', reason: 'Tết Nguyên đán' },
      // Labour Code 2012, Art. 115(3): 10/3 lunar fell on Sunday 14/4, given back Monday 15/4.
      { date: '2019-04-14', reason: 'Giỗ Tổ Hùng Vương' },
      { date: '2019-04-15', reason: 'Nghỉ bù Giỗ Tổ Hùng Vương' },
      // 6519/VPCP-KGVX, 1(c): off Monday 29/4 to Wednesday 1/5/2019, Saturday 4/5 worked.
      { date: '2019-04-29', reason: 'Nghỉ hoán đổi dịp 30/4 – 1/5 (làm bù thứ Bảy 04/5/2019)' },
      { date: '2019-04-30', reason: 'Ngày Chiến thắng' },
      { date: '2019-05-01', reason: 'Ngày Quốc tế Lao động' },
      // Labour Code 2012: one day, Monday 2/9.
      { date: '2019-09-02', reason: 'Quốc khánh' },
    ],
    workingDays: [
      { date: '2019-01-05', reason: 'Làm bù cho ngày nghỉ hoán đổi 31/12/2018' },
      { date: '2019-05-04', reason: 'Làm bù cho ngày nghỉ hoán đổi 29/4/2019' },
    ],
  },
  {
    year: 2020,
    source:
      'Tết: Bộ LĐTBXH, văn bản số 4544 ngày 25/10/2019 thông báo nghỉ Tết Âm lịch 2020, thực hiện ý kiến Thủ tướng Chính phủ (Văn phòng Chính phủ, 8/10/2019) theo Tờ trình 54/TTr-LĐTBXH — số hiệu theo báo chí, chưa đối chiếu bản gốc; các ngày lễ khác theo Bộ luật Lao động 2012, Điều 115 (không hoán đổi ngày làm việc).',
    daysOff: [
      { date: '2020-01-01', reason: 'Tết Dương lịch' },
      { date: '2020-01-23', reason: 'Tết Nguyên đán' },
      { date: '2020-01-24', reason: 'Tết Nguyên đán' },
      { date: '2020-01-25', reason: 'Tết Nguyên đán' },
      { date: '2020-01-26', reason: 'Tết Nguyên đán' },
      { date: '2020-01-27', reason: 'Tết Nguyên đán' },
      { date: '2020-01-28', reason: 'Nghỉ bù Tết Nguyên đán' },
      { date: '2020-01-29', reason: 'Nghỉ bù Tết Nguyên đán' },
      { date: '2020-04-02', reason: 'Giỗ Tổ Hùng Vương' },
      { date: '2020-04-30', reason: 'Ngày Chiến thắng' },
      { date: '2020-05-01', reason: 'Ngày Quốc tế Lao động' },
      { date: '2020-09-02', reason: 'Quốc khánh' },
    ],
    workingDays: [],
  },
  {
    year: 2021,
    source:
      'Tết và Quốc khánh: Thông báo 4875/TB-LĐTBXH của Bộ LĐTBXH về nghỉ Tết Âm lịch và Quốc khánh năm 2021 — số hiệu theo nguồn thứ cấp, chưa đối chiếu bản gốc; ngày nghỉ theo báo Hà Nội Mới; các ngày lễ khác theo Bộ luật Lao động 2019, Điều 111(3) và 112 (không hoán đổi ngày làm việc dịp 30/4 – 1/5).',
    daysOff: [
      { date: '2021-01-01', reason: 'Tết Dương lịch' },
      { date: '2021-02-10', reason: 'Tết Nguyên đán' },
      { date: '2021-02-11', reason: 'Tết Nguyên đán' },
      { date: '2021-02-12', reason: 'Tết Nguyên đán' },
      { date: '2021-02-13', reason: 'Tết Nguyên đán' },
      { date: '2021-02-14', reason: 'Tết Nguyên đán' },
      { date: '2021-02-15', reason: 'Nghỉ bù Tết Nguyên đán' },
      { date: '2021-02-16', reason: 'Nghỉ bù Tết Nguyên đán' },
      { date: '2021-04-21', reason: 'Giỗ Tổ Hùng Vương' },
      { date: '2021-04-30', reason: 'Ngày Chiến thắng' },
      { date: '2021-05-01', reason: 'Ngày Quốc tế Lao động' },
      { date: '2021-05-03', reason: 'Nghỉ bù Ngày Quốc tế Lao động' },
      { date: '2021-09-02', reason: 'Quốc khánh' },
      { date: '2021-09-03', reason: 'Quốc khánh' },
    ],
    workingDays: [],
  },
  {
    year: 2022,
    source:
      'Tết: Công văn 245/VPCP-KGVX ngày 11/01/2022 (ý kiến Phó Thủ tướng) và Thông báo 119/TB-LĐTBXH của Bộ LĐTBXH — số thông báo theo nguồn thứ cấp; các ngày lễ khác theo Bộ luật Lao động 2019, Điều 111(3) và 112.',
    daysOff: [
      { date: '2022-01-01', reason: 'Tết Dương lịch' },
      { date: '2022-01-03', reason: 'Nghỉ bù Tết Dương lịch' },
      { date: '2022-01-31', reason: 'Tết Nguyên đán' },
      { date: '2022-02-01', reason: 'Tết Nguyên đán' },
      { date: '2022-02-02', reason: 'Tết Nguyên đán' },
      { date: '2022-02-03', reason: 'Tết Nguyên đán' },
      { date: '2022-02-04', reason: 'Tết Nguyên đán' },
      { date: '2022-04-10', reason: 'Giỗ Tổ Hùng Vương' },
      { date: '2022-04-11', reason: 'Nghỉ bù Giỗ Tổ Hùng Vương' },
      { date: '2022-04-30', reason: 'Ngày Chiến thắng' },
      { date: '2022-05-01', reason: 'Ngày Quốc tế Lao động' },
      { date: '2022-05-02', reason: 'Nghỉ bù Ngày Chiến thắng' },
      { date: '2022-05-03', reason: 'Nghỉ bù Ngày Quốc tế Lao động' },
      { date: '2022-09-01', reason: 'Quốc khánh' },
      { date: '2022-09-02', reason: 'Quốc khánh' },
    ],
    workingDays: [],
  },
  {
    year: 2023,
    source:
      'Tết và Quốc khánh: Thông báo 5034/TB-LĐTBXH của Bộ LĐTBXH (Tết 20/1 – 26/1/2023 theo ý kiến Phó Thủ tướng) — số hiệu theo nguồn thứ cấp; các ngày lễ khác theo Bộ luật Lao động 2019, Điều 111(3) và 112.',
    daysOff: [
      { date: '2023-01-01', reason: 'Tết Dương lịch' },
      { date: '2023-01-02', reason: 'Nghỉ bù Tết Dương lịch' },
      { date: '2023-01-20', reason: 'Tết Nguyên đán' },
      { date: '2023-01-21', reason: 'Tết Nguyên đán' },
      { date: '2023-01-22', reason: 'Tết Nguyên đán' },
      { date: '2023-01-23', reason: 'Tết Nguyên đán' },
      { date: '2023-01-24', reason: 'Tết Nguyên đán' },
      { date: '2023-01-25', reason: 'Nghỉ bù Tết Nguyên đán' },
      { date: '2023-01-26', reason: 'Nghỉ bù Tết Nguyên đán' },
      { date: '2023-04-29', reason: 'Giỗ Tổ Hùng Vương' },
      { date: '2023-04-30', reason: 'Ngày Chiến thắng' },
      { date: '2023-05-01', reason: 'Ngày Quốc tế Lao động' },
      { date: '2023-05-02', reason: 'Nghỉ bù Giỗ Tổ Hùng Vương' },
      { date: '2023-05-03', reason: 'Nghỉ bù Ngày Chiến thắng' },
      { date: '2023-09-01', reason: 'Quốc khánh' },
      { date: '2023-09-02', reason: 'Quốc khánh' },
      { date: '2023-09-04', reason: 'Nghỉ bù Quốc khánh' },
    ],
    workingDays: [],
  },
  {
    year: 2024,
    source:
      'Tết và Quốc khánh: Thông báo 5015/TB-LĐTBXH ngày 22/11/2023 của Bộ LĐTBXH; hoán đổi dịp 30/4 – 1/5: Công văn 2450/VPCP-KGVX ngày 12/4/2024 và Thông báo 1570/TB-LĐTBXH (số theo nguồn thứ cấp).',
    daysOff: [
      { date: '2024-01-01', reason: 'Tết Dương lịch' },
      { date: '2024-02-08', reason: 'Tết Nguyên đán' },
      { date: '2024-02-09', reason: 'Tết Nguyên đán' },
      { date: '2024-02-10', reason: 'Tết Nguyên đán' },
      { date: '2024-02-11', reason: 'Tết Nguyên đán' },
      { date: '2024-02-12', reason: 'Tết Nguyên đán' },
      { date: '2024-02-13', reason: 'Nghỉ bù Tết Nguyên đán' },
      { date: '2024-02-14', reason: 'Nghỉ bù Tết Nguyên đán' },
      { date: '2024-04-18', reason: 'Giỗ Tổ Hùng Vương' },
      { date: '2024-04-29', reason: 'Nghỉ hoán đổi dịp 30/4 – 1/5 (làm bù thứ Bảy 04/5/2024)' },
      { date: '2024-04-30', reason: 'Ngày Chiến thắng' },
      { date: '2024-05-01', reason: 'Ngày Quốc tế Lao động' },
      { date: '2024-09-02', reason: 'Quốc khánh' },
      { date: '2024-09-03', reason: 'Quốc khánh' },
    ],
    workingDays: [{ date: '2024-05-04', reason: 'Làm bù cho ngày nghỉ hoán đổi 29/4/2024' }],
  },
  {
    year: 2025,
    source:
      'Công văn 8726/VPCP-KGVX ngày 26/11/2024 (ý kiến Thủ tướng) và Thông báo 6150/TB-BLĐTBXH ngày 03/12/2024 của Bộ LĐTBXH về nghỉ Tết Âm lịch, Quốc khánh và hoán đổi ngày làm việc năm 2025 (ngày của thông báo theo nguồn thứ cấp).',
    daysOff: [
      { date: '2025-01-01', reason: 'Tết Dương lịch' },
      { date: '2025-01-27', reason: 'Tết Nguyên đán' },
      { date: '2025-01-28', reason: 'Tết Nguyên đán' },
      { date: '2025-01-29', reason: 'Tết Nguyên đán' },
      { date: '2025-01-30', reason: 'Tết Nguyên đán' },
      { date: '2025-01-31', reason: 'Tết Nguyên đán' },
      { date: '2025-04-07', reason: 'Giỗ Tổ Hùng Vương' },
      { date: '2025-04-30', reason: 'Ngày Chiến thắng' },
      { date: '2025-05-01', reason: 'Ngày Quốc tế Lao động' },
      { date: '2025-05-02', reason: 'Nghỉ hoán đổi dịp 30/4 – 1/5 (làm bù thứ Bảy 26/4/2025)' },
      { date: '2025-09-01', reason: 'Quốc khánh' },
      { date: '2025-09-02', reason: 'Quốc khánh' },
    ],
    workingDays: [{ date: '2025-04-26', reason: 'Làm bù cho ngày nghỉ hoán đổi 02/5/2025' }],
  },
  {
    year: 2026,
    source:
      'Tết Dương lịch: Công văn 12729/VPCP-KGVX ngày 25/12/2025 của Văn phòng Chính phủ (ý kiến Phó Thủ tướng Phạm Thị Thanh Trà, đồng ý đề xuất của Bộ Nội vụ). Tết Âm lịch và Quốc khánh: Thông báo 9441/TB-BNV ngày 16/10/2025 của Bộ Nội vụ. Giỗ Tổ Hùng Vương, 30/4 và 1/5: Bộ luật Lao động 2019, Điều 111(3) và 112, không có văn bản hoán đổi. Số và ngày văn bản theo báo chí (Công văn 12729: VietNamNet, TTXVN, SGGP, Vietnam News 25–26/12/2025; Thông báo 9441: Vietbao, Báo Hải Phòng, Vietnam News 17/10/2025), chưa đối chiếu bản gốc; tổng 25 ngày nghỉ trong năm khớp với Thanh Niên 13/01/2026.',
    daysOff: [
      // Công văn 12729/VPCP-KGVX ngày 25/12/2025 (Văn phòng Chính phủ): off Thursday 1/1 to
      // Sunday 4/1/2026; Friday 2/1 swapped for Saturday 10/1.
      { date: '2026-01-01', reason: 'Tết Dương lịch' },
      { date: '2026-01-02', reason: 'Nghỉ hoán đổi Tết Dương lịch (làm bù thứ Bảy 10/01/2026)' },
      // Thông báo 9441/TB-BNV ngày 16/10/2025 (Bộ Nội vụ): five days from Monday 16/2 (29
      // tháng Chạp Ất Tỵ, its last day) to Friday 20/2/2026 (mùng 4 Bính Ngọ); with the
      // weekends, 14/2 to 22/2. Lunar new year: Tuesday 17/2.
      { date: '2026-02-16', reason: 'Tết Nguyên đán' },
      { date: '2026-02-17', reason: 'Tết Nguyên đán' },
      { date: '2026-02-18', reason: 'Tết Nguyên đán' },
      { date: '2026-02-19', reason: 'Tết Nguyên đán' },
      { date: '2026-02-20', reason: 'Tết Nguyên đán' },
      // No document: Labour Code 2019, Art. 112(1)(c) and 111(3). 10/3 lunar is Sunday 26/4,
      // given back Monday 27/4 (as reported by Thanh Niên, 23/2/2026).
      { date: '2026-04-26', reason: 'Giỗ Tổ Hùng Vương' },
      { date: '2026-04-27', reason: 'Nghỉ bù Giỗ Tổ Hùng Vương' },
      // No document: Labour Code 2019, Art. 112(1)(d); Thursday and Friday, no swap.
      { date: '2026-04-30', reason: 'Ngày Chiến thắng' },
      { date: '2026-05-01', reason: 'Ngày Quốc tế Lao động' },
      // Thông báo 9441/TB-BNV ngày 16/10/2025 (Bộ Nội vụ): the two days are Tuesday 1/9 and
      // Wednesday 2/9; Monday 31/8 swapped for Saturday 22/8; off 29/8 to 2/9.
      { date: '2026-08-31', reason: 'Nghỉ hoán đổi dịp Quốc khánh (làm bù thứ Bảy 22/8/2026)' },
      { date: '2026-09-01', reason: 'Quốc khánh' },
      { date: '2026-09-02', reason: 'Quốc khánh' },
      // Not a day off: Ngày Văn hóa Việt Nam (24/11, Nghị quyết 80-NQ/TW) awaits the Labour
      // Code's amendment (Nghị quyết 30/NQ-CP, 2/2026, asks for it); no law in force found.
    ],
    workingDays: [
      { date: '2026-01-10', reason: 'Làm bù cho ngày nghỉ hoán đổi 02/01/2026' },
      { date: '2026-08-22', reason: 'Làm bù cho ngày nghỉ hoán đổi 31/8/2026' },
    ],
  },
];
