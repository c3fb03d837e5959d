/** Words shared by emails and documents, per language. */
import type { Language } from '../../domain/cycle';
import type { UnitReportState } from '../documents/types';

export const unitStateLabels: Record<Language, Record<UnitReportState, string>> = {
  vi: { submitted: 'Nộp đúng hạn', late: 'Nộp muộn', missing: 'Chưa nộp', excused: 'Miễn nộp' },
  en: { submitted: 'On time', late: 'Late', missing: 'Not submitted', excused: 'Excused' },
};

export const totalLabel: Record<Language, string> = { vi: 'Tổng số đơn vị', en: 'Total units' };

/** States in the order reports list them: who still owes the report comes first. */
export const unitStatesInReportOrder: readonly UnitReportState[] = ['missing', 'late', 'submitted', 'excused'];

/** Heading of the running-number column of every unit table. */
export const numberLabel: Record<Language, string> = { vi: 'STT', en: 'No.' };

/** Column headings of the unit tables in the consolidated report and in its CSV attachment. */
export const unitColumnLabels: Record<
  Language,
  { unitId: string; unit: string; state: string; submittedAt: string; daysLate: string; hoursLate: string; submittedBy: string; note: string; documentRef: string }
> = {
  vi: {
    unitId: 'Mã đơn vị',
    unit: 'Đơn vị',
    state: 'Tình trạng',
    submittedAt: 'Thời điểm nộp',
    daysLate: 'Số ngày làm việc muộn',
    hoursLate: 'Số giờ muộn',
    submittedBy: 'Người nộp',
    note: 'Ghi chú',
    documentRef: 'Số, ký hiệu văn bản',
  },
  en: {
    unitId: 'Unit code',
    unit: 'Unit',
    state: 'State',
    submittedAt: 'Submitted at',
    daysLate: 'Working days late',
    hoursLate: 'Hours late',
    submittedBy: 'Submitted by',
    note: 'Note',
    documentRef: 'Document reference',
  },
};
