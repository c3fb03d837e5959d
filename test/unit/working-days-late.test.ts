import { describe, expect, it } from 'vitest';
import { workingDaysLate } from '../../domain/schedule/working-days-late';

const cycle = { timeZone: 'Asia/Ho_Chi_Minh' };

describe('workingDaysLate', () => {
  it('counts a Friday deadline missed until Monday as one working day, not three', () => {
    expect(workingDaysLate(cycle, '2020-03-20T17:00:00+07:00', '2020-03-23T09:00:00+07:00')).toBe(1);
  });
  it('is 1 on the due day after the due time, and 0 up to it', () => {
    expect(workingDaysLate(cycle, '2020-03-17T17:00:00+07:00', '2020-03-17T18:00:00+07:00')).toBe(1);
    expect(workingDaysLate(cycle, '2020-03-17T17:00:00+07:00', '2020-03-17T17:00:00+07:00')).toBe(0);
  });
  it('skips Tết on the Vietnamese calendar (2020: 23–29 January off)', () => {
    expect(workingDaysLate(cycle, '2020-01-22T17:00:00+07:00', '2020-01-30T09:00:00+07:00')).toBe(1);
  });
  it('uses the calendar the cycle carries', () => {
    const sixDays = { ...cycle, calendar: { weekend: [0], holidays: 'none' as const, extraDaysOff: [], extraWorkingDays: [] } };
    expect(workingDaysLate(sixDays, '2020-03-20T17:00:00+07:00', '2020-03-23T09:00:00+07:00')).toBe(2);
  });
});
