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
