/**
 * A submitted document's facts as every door shares them (domain/document-facts.ts): the
 * document date rule, what a reader may see, how many files came, the paper-only rule; and the
 * receipt a shard sends carries those facts, never where a file is stored.
 */
import { describe, expect, it } from 'vitest';
import { documentDateProblem, documentDateText, documentFacts, documentPhrase, fileCount, PAPER_URI, travelsOnPaper } from '../../domain/document-facts';
import { UnitBook } from '../../domain/units';
import type { CycleHeader } from '../../workflows/messages';
import { shardMailRequest } from '../../workflows/shard-mail';

const STORED = { uri: 'file:///var/kyhan/submissions/demo_a_b/mat-tran/0123456789ab-bao-cao.pdf', name: 'bao-cao.pdf', sha256: 'ab'.repeat(32) };

describe('a document date', () => {
  it('is a real calendar date written YYYY-MM-DD, from 1945 on, not after today', () => {
    expect(documentDateProblem('2020-03-16', '2026-12-02')).toBeUndefined();
    expect(documentDateProblem('2026-12-02', '2026-12-02')).toBeUndefined();
    expect(documentDateProblem('2024-02-29')).toBeUndefined();
    for (const value of ['16/3/2020', '2020-3-16', '2023-02-29', '2020-04-31', '2020-00-10', '1944-12-31', '', '2020-03-16T00:00']) expect(documentDateProblem(value, '2026-12-02'), value).toBe('format');
    expect(documentDateProblem('2026-12-03', '2026-12-02')).toBe('future');
    expect(documentDateProblem('2026-12-03')).toBeUndefined();
  });

  it('reads in Vietnamese as the seed writes dates (16/3/2020), and stays as it is in English', () => {
    expect(documentDateText('2020-03-16', 'vi')).toBe('16/3/2020');
    expect(documentDateText('2020-11-05', 'vi')).toBe('5/11/2020');
    expect(documentDateText('2020-03-16', 'en')).toBe('2020-03-16');
  });
});

describe('what a reader sees of a document', () => {
  it('its number, date, signer and file name, never its URI or hash', () => {
    expect(documentFacts({ ...STORED, number: '45-BC/MTTQ-BTT', date: '2020-03-16', signer: 'Nguyễn Văn An' })).toEqual({ number: '45-BC/MTTQ-BTT', date: '2020-03-16', signer: 'Nguyễn Văn An', name: 'bao-cao.pdf' });
    expect(documentFacts({ uri: PAPER_URI, number: '12-BC/HND' })).toEqual({ number: '12-BC/HND' });
  });

  it('in one phrase, as a register logs it', () => {
    const doc = { number: '45-BC/MTTQ-BTT', date: '2020-03-16', signer: 'Nguyễn Văn An' };
    expect(documentPhrase(doc, 'vi')).toBe('số 45-BC/MTTQ-BTT ngày 16/3/2020, người ký Nguyễn Văn An');
    expect(documentPhrase(doc, 'en')).toBe('No. 45-BC/MTTQ-BTT of 2020-03-16, signed by Nguyễn Văn An');
    expect(documentPhrase({ signer: 'An' }, 'vi')).toBe('người ký An');
    expect(documentPhrase({ name: 'a.pdf' }, 'vi')).toBe('');
  });

  it('counts the files that came with a submission: a paper arrival has none', () => {
    expect(fileCount({ document: STORED, attachments: [STORED, STORED] })).toBe(3);
    expect(fileCount({ document: { uri: PAPER_URI, number: '1' } })).toBe(0);
    expect(fileCount({})).toBe(0);
  });

  it('a report type travels on paper only when the cycle says so', () => {
    expect(travelsOnPaper({ reportType: { delivery: 'paper' } })).toBe(true);
    expect(travelsOnPaper({ reportType: {} })).toBe(false);
  });
});

describe("a shard's receipt", () => {
  const cycle = {
    id: 'demo/a/b',
    planId: 'demo',
    language: 'vi',
    timeZone: 'Asia/Ho_Chi_Minh',
    issuer: { name: 'Ban Dân vận', documentNumber: '129-KH/BDVTU' },
    reportType: { id: 'a', title: 'Báo cáo' },
    period: { id: 'b', label: 'tháng 3/2020' },
    opensAt: '2020-03-01T08:00:00+07:00',
    dueAt: '2020-03-17T17:00:00+07:00',
    cutoffAt: '2020-03-20T17:00:00+07:00',
    reminders: [],
    escalations: [],
    consolidation: { by: [], leaders: [], upperLevels: [] },
    submissionInstructions: '',
  } as CycleHeader;
  const units = new Map([['mat-tran', { id: 'mat-tran', name: 'Ủy ban MTTQ', shortName: 'MTTQ', to: [{ key: 'mat-tran', name: 'MTTQ', email: 'mttq@example.org' }], cc: [] }]]);
  const ctx = { cycleId: cycle.id, language: 'vi' as const, timeZone: cycle.timeZone, cutoffAt: cycle.cutoffAt };

  function receiptOf(request: Parameters<UnitBook['submit']>[0]) {
    const book = UnitBook.fresh(['mat-tran'], cycle.dueAt, ctx);
    book.submit(request, '2020-03-16T03:00:00Z');
    const email = shardMailRequest({ kind: 'receipt', unitId: 'mat-tran', revision: 0 } as Parameters<typeof shardMailRequest>[0], { cycle, run: 'run-1', shard: 0, units, book, current: true });
    return email as Extract<typeof email, { kind: 'receipt' }>;
  }

  it("carries the unit's document by number, date, signer and file name, and how many files came; never the stored URI", () => {
    const email = receiptOf({ unitId: 'mat-tran', submittedBy: 'An', document: { ...STORED, number: '45-BC/MTTQ-BTT', date: '2020-03-16', signer: 'Nguyễn Văn An' }, attachments: [{ ...STORED, name: 'phu-luc.xlsx' }] });
    expect(email.data).toMatchObject({ document: { number: '45-BC/MTTQ-BTT', date: '2020-03-16', signer: 'Nguyễn Văn An', name: 'bao-cao.pdf' }, files: 2 });
    expect(email.data).not.toHaveProperty('documentRef');
    expect(JSON.stringify(email)).not.toContain('file:');
  });

  it('of a paper arrival: its number and date, no file count', () => {
    const email = receiptOf({ unitId: 'mat-tran', submittedBy: 'Văn thư', document: { uri: PAPER_URI, number: '46-BC/MTTQ-BTT', date: '2020-03-16' } });
    expect(email.data.document).toEqual({ number: '46-BC/MTTQ-BTT', date: '2020-03-16' });
    expect(email.data).not.toHaveProperty('files');
    expect(JSON.stringify(email)).not.toContain('paper:');
  });
});
