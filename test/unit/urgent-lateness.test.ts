/**
 * An urgent report ("báo cáo nhanh") goes up the same day and its ladder runs in hours: a unit
 * that sends it two hours late is two hours late, not "1 working day" late, in the consolidated
 * report, its annex and the unit sheet; any other report stays in working days.
 */
import { describe, expect, it } from 'vitest';
import { countByState, type ConsolidationCycle } from '../../activities/documents/consolidation-document';
import { partyReport } from '../../activities/documents/party-report';
import type { ConsolidationUnitRow } from '../../activities/documents/types';
import { consolidationUnitsCsv } from '../../activities/documents/unit-csv';
import { hoursLate, workingDaysLate } from '../../domain/schedule/working-days-late';

const cycle: ConsolidationCycle = {
  id: 'kh-129-bdvtu/vu-viec-dot-xuat/2020-05-12',
  planId: 'kh-129-bdvtu',
  language: 'vi',
  timeZone: 'Asia/Ho_Chi_Minh',
  issuer: { name: 'Ban Dân vận Tỉnh ủy Bình Thuận', documentNumber: '129-KH/BDVTU', shortName: 'Ban Dân vận' },
  reportType: { id: 'vu-viec-dot-xuat', title: 'Báo cáo nhanh vụ việc phát sinh', urgent: true },
  period: { id: '2020-05-12', label: '2020-05-12' },
  dueAt: '2020-05-12T13:00:00+07:00',
  cutoffAt: '2020-05-12T14:00:00+07:00',
  submissionInstructions: 'Gửi bản PDF có chữ ký.',
  upperLevels: ['Ban Thường vụ Tỉnh ủy'],
};

const DUE = '2020-05-12T13:00:00+07:00';
const SENT = '2020-05-12T14:40:00+07:00';

const rows: ConsolidationUnitRow[] = [
  { unitId: 'hnd', name: 'Hội Nông dân tỉnh', shortName: 'HND', state: 'late', submittedAt: SENT, document: { number: '7-BC/HND' }, daysLate: 1, hoursLate: hoursLate(DUE, SENT) },
  { unitId: 'mttq', name: 'Ủy ban MTTQ tỉnh', shortName: 'MTTQ', state: 'submitted', submittedAt: '2020-05-12T12:00:00+07:00' },
];

describe('an urgent report sent late', () => {
  it('is late by whole hours, at least one, the same day; working days still count one', () => {
    expect(hoursLate(DUE, SENT)).toBe(2);
    expect(hoursLate(DUE, '2020-05-12T13:10:00+07:00')).toBe(1);
    expect(workingDaysLate(cycle, DUE, SENT)).toBe(1);
  });

  it('reads "gửi muộn 2 giờ" in the report, with the annex column in hours', () => {
    const report = partyReport(cycle, rows, countByState(rows), '2020-05-12T14:45:00+07:00');
    const texts = report.body.map((paragraph) => paragraph.text);
    expect(texts).toContain('- Hội Nông dân tỉnh: Báo cáo số 7-BC/HND, gửi muộn 2 giờ.');
    expect(texts.join('\n')).not.toContain('ngày làm việc');
    expect(report.annex.table.columns[6]).toBe('Số giờ chậm');
    expect(report.annex.table.rows.find((row) => row[1] === 'Hội Nông dân tỉnh')?.[6]).toBe('2');
  });

  it('has its hours in the unit sheet, under "Số giờ muộn"', () => {
    const [header, first] = consolidationUnitsCsv('vi', rows, cycle.timeZone).replace(/^\uFEFF/, '').split(/\r?\n/);
    expect(header?.split(',')[5]).toBe('Số giờ muộn');
    expect(first?.split(',')[5]).toBe('2');
  });

  it('leaves any other report in working days', () => {
    const monthly = { ...cycle, reportType: { id: 'hang-thang', title: 'Báo cáo tình hình' } };
    const plain = rows.map(({ hoursLate: _hours, ...row }) => row);
    const report = partyReport(monthly, plain, countByState(plain), '2020-05-13T08:00:00+07:00');
    expect(report.body.map((paragraph) => paragraph.text)).toContain('- Hội Nông dân tỉnh: Báo cáo số 7-BC/HND, gửi muộn 1 ngày làm việc.');
    expect(report.annex.table.columns[6]).toBe('Số ngày làm việc chậm');
    expect(consolidationUnitsCsv('vi', plain, cycle.timeZone).split(/\r?\n/)[0]).toContain('Số ngày làm việc muộn');
  });
});
