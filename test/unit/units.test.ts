/** The unit state machine and the shape check of per-unit requests, with no server. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FailureType } from '../../domain/failures';
import { LIMITS, parseUnitRequest } from '../../domain/unit-requests';
import { UnitBook, isOutstanding, outcomeOf, stateAt } from '../../domain/units';

const ctx = { cycleId: 'p/monthly/2020-03', language: 'vi' as const, timeZone: 'Asia/Ho_Chi_Minh', cutoffAt: '2020-03-30T17:00:00+07:00' };
const due = '2020-03-17T17:00:00+07:00';
const before = '2020-03-16T09:00:00+07:00';
const after = '2020-03-18T09:00:00+07:00';
const book = (ids = ['mttq', 'tinh-doan', 'hoi-nong-dan']) => UnitBook.fresh(ids, due, ctx);

const prototypeNames = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__', 'prototype'];

describe('UnitBook', () => {
  it('refuses every prototype name as an unknown unit, and a later object is not poisoned', () => {
    const b = book();
    for (const id of prototypeNames) {
      for (const rejection of [b.checkSubmit({ unitId: id, submittedBy: 'x' }), b.checkExcuse({ unitId: id, reason: 'x' }), b.checkReturn({ unitId: id, reason: 'x' }), b.checkExtend({ unitId: id, until: after, reason: 'x' }, Date.parse(before))]) {
        expect(rejection?.type).toBe(FailureType.UnknownUnit);
        expect(rejection?.message).toContain(`"${id}"`);
      }
      expect(b.has(id)).toBe(false);
    }
    expect(({} as { excused?: unknown }).excused).toBeUndefined();
    expect(b.outstanding()).toBe(3);
  });

  it('carries a unit named like a prototype property as an own key across continue-as-new', () => {
    const b = UnitBook.fresh(['__proto__', 'a'], due, ctx);
    b.excuse({ unitId: '__proto__', reason: 'sáp nhập' }, before);
    const carried = JSON.parse(JSON.stringify(b.toCarried())) as ReturnType<UnitBook['toCarried']>;
    const next = UnitBook.carried(carried, ctx);
    expect(next.size).toBe(2);
    expect(next.get('__proto__').excused?.reason).toBe('sáp nhập');
    expect(next.outstanding()).toBe(1);
    expect(({} as { excused?: unknown }).excused).toBeUndefined();
  });

  it('submits on time, refuses an extension or excuse after it, and treats a plain resubmission as a duplicate', () => {
    const b = book();
    const first = b.submit({ unitId: 'mttq', submittedBy: 'Văn phòng' }, before);
    expect(first).toMatchObject({ changed: true, submission: { onTime: true, revision: 0 } });
    expect(b.submit({ unitId: 'mttq', submittedBy: 'Văn phòng' }, after).changed).toBe(false);
    expect(b.checkExtend({ unitId: 'mttq', until: after, reason: 'x' }, Date.parse(before))?.type).toBe(FailureType.InvalidUnitState);
    expect(b.checkExcuse({ unitId: 'mttq', reason: 'x' })?.type).toBe(FailureType.InvalidUnitState);
    expect(stateAt(b.get('mttq'), Date.parse(after))).toBe('submitted');
  });

  it('a returned report is outstanding again until its revision, which is numbered and measured against the unit due moment', () => {
    const b = book();
    b.submit({ unitId: 'mttq', submittedBy: 'VP' }, before);
    expect(b.checkReturn({ unitId: 'mttq', reason: 'Thiếu mục II.5' })).toBeUndefined();
    b.returnForRevision({ unitId: 'mttq', reason: 'Thiếu mục II.5', returnedBy: 'chuyen-vien' }, before);
    expect(b.get('mttq').returned?.by).toBe('chuyen-vien');
    expect(isOutstanding(b.get('mttq'))).toBe(true);
    expect(b.checkReturn({ unitId: 'mttq', reason: 'again' })?.type).toBe(FailureType.InvalidUnitState);
    const revised = b.submit({ unitId: 'mttq', submittedBy: 'VP', revision: true }, after);
    expect(revised.submission).toMatchObject({ revision: 1, onTime: false });
    expect(outcomeOf(b.get('mttq'))).toBe('late');
  });

  it('an extension moves the unit due moment, within the cut-off and not into the past, and records who granted it', () => {
    const b = book();
    expect(b.checkExtend({ unitId: 'tinh-doan', until: '2020-03-10T17:00:00+07:00', reason: 'x' }, Date.parse(before))?.type).toBe(FailureType.ExtensionInPast);
    expect(b.checkExtend({ unitId: 'tinh-doan', until: '2020-04-30T17:00:00+07:00', reason: 'x' }, Date.parse(before))?.type).toBe(FailureType.ExtensionAfterCutoff);
    expect(b.checkExtend({ unitId: 'tinh-doan', until: 'ngày mai', reason: 'x' }, Date.parse(before))?.type).toBe(FailureType.InvalidRequest);
    b.extend({ unitId: 'tinh-doan', until: '2020-03-20T17:00:00+07:00', reason: 'Họp', grantedBy: 'truong-phong' }, before);
    expect(b.get('tinh-doan')).toMatchObject({ dueAt: '2020-03-20T10:00:00.000Z', extended: { by: 'truong-phong' }, extensionCount: 1 });
    expect(stateAt(b.get('tinh-doan'), Date.parse(after))).toBe('pending');
    expect(stateAt(b.get('hoi-nong-dan'), Date.parse(after))).toBe('overdue');
  });

  it('counts excuses, so an excuse after a return has an email of its own', () => {
    const b = book();
    expect(b.excuse({ unitId: 'mttq', reason: 'r' }, before)).toMatchObject({ changed: true, count: 1 });
    b.submit({ unitId: 'mttq', submittedBy: 'VP' }, before);
    b.returnForRevision({ unitId: 'mttq', reason: 'thiếu' }, before);
    expect(b.excuse({ unitId: 'mttq', reason: 'r' }, after)).toMatchObject({ changed: true, count: 2 });
  });

  it('a closed book refuses every decision with the closure', () => {
    const b = book();
    expect(b.close({ kind: 'cancelled', at: before, reason: 'Mở nhầm kỳ' })).toBe(true);
    expect(b.close({ kind: 'consolidated', at: after })).toBe(false);
    expect(b.checkSubmit({ unitId: 'mttq', submittedBy: 'VP' })?.type).toBe(FailureType.CycleClosed);
    expect(b.checkSubmit({ unitId: 'mttq', submittedBy: 'VP' })?.message).toContain('Mở nhầm kỳ');
  });

  it('property: any sequence of accepted decisions keeps the outstanding count equal to the units still awaited', () => {
    const ids = ['a', 'b', 'c', 'd'];
    const action = fc.record({
      kind: fc.constantFrom('submit', 'revise', 'excuse', 'return', 'extend'),
      unit: fc.constantFrom(...ids, '__proto__', 'toString'),
      hour: fc.integer({ min: 0, max: 300 }),
    });
    fc.assert(
      fc.property(fc.array(action, { maxLength: 40 }), (actions) => {
        const b = book(ids);
        const start = Date.parse('2020-03-10T00:00:00Z');
        for (const { kind, unit, hour } of actions) {
          const now = start + hour * 3_600_000;
          const at = new Date(now).toISOString();
          if (kind === 'submit' || kind === 'revise') {
            const req = { unitId: unit, submittedBy: 'x', revision: kind === 'revise' };
            if (!b.checkSubmit(req)) b.submit(req, at);
          } else if (kind === 'excuse') {
            if (!b.checkExcuse({ unitId: unit, reason: 'r' })) b.excuse({ unitId: unit, reason: 'r' }, at);
          } else if (kind === 'return') {
            if (!b.checkReturn({ unitId: unit, reason: 'r' })) b.returnForRevision({ unitId: unit, reason: 'r' }, at);
          } else {
            const req = { unitId: unit, until: new Date(now + 86_400_000).toISOString(), reason: 'r' };
            if (!b.checkExtend(req, now)) b.extend(req, at);
          }
        }
        const awaited = ids.filter((id) => isOutstanding(b.get(id))).length;
        expect(b.outstanding()).toBe(awaited);
        expect(b.size).toBe(ids.length);
        for (const id of ids) {
          const u = b.get(id);
          // Never both excused and holding a report that stands.
          expect(Boolean(u.excused) && Boolean(u.submission) && !u.returned).toBe(false);
        }
      }),
    );
  });
});

describe('parseUnitRequest', () => {
  const parse = (action: 'submit' | 'extend' | 'excuse' | 'return', payload: unknown, language: 'vi' | 'en' = 'vi') => parseUnitRequest(action, payload, { ...ctx, language });

  it('accepts a well-formed request and returns it typed', () => {
    const result = parse('submit', { unitId: 'mttq', submittedBy: 'Văn phòng', note: 'Dòng 1\nDòng 2', document: { uri: 'file:///x.pdf', number: '45-BC/MTTQ-BTT' } });
    expect(result).toEqual({ ok: true, request: { unitId: 'mttq', submittedBy: 'Văn phòng', note: 'Dòng 1\nDòng 2', document: { uri: 'file:///x.pdf', number: '45-BC/MTTQ-BTT' } } });
  });

  const hostile: [string, 'submit' | 'extend' | 'excuse' | 'return', unknown, RegExp][] = [
    ['a note that is a number', 'submit', { unitId: 'a', submittedBy: 'x', note: 42 }, /"note" phải là chuỗi ký tự, nhận được number/],
    ['a note over the limit', 'submit', { unitId: 'a', submittedBy: 'x', note: 'x'.repeat(5000) }, /"note" dài 5\.000 ký tự, vượt giới hạn 2\.000 ký tự/],
    ['a name over the limit', 'submit', { unitId: 'a', submittedBy: 'x'.repeat(201) }, /"submittedBy" dài 201 ký tự, vượt giới hạn 200/],
    ['ANSI in the submitter', 'submit', { unitId: 'a', submittedBy: '\u001b]0;pwned\u0007' }, /"submittedBy" chứa ký tự điều khiển/],
    ['a bare CR in a name', 'excuse', { unitId: 'a', reason: 'r', excusedBy: 'a\rb' }, /"excusedBy" chứa ký tự điều khiển/],
    ['an unknown field', 'excuse', { unitId: 'a', reason: 'r', admin: true }, /trường "admin" không được hỗ trợ/],
    ['a missing reason', 'return', { unitId: 'a' }, /thiếu "reason"/],
    ['a blank reason', 'return', { unitId: 'a', reason: '   ' }, /thiếu "reason"/],
    ['an array payload', 'excuse', [1, 2], /yêu cầu phải là một đối tượng JSON/],
    ['a null payload', 'excuse', null, /yêu cầu phải là một đối tượng JSON/],
    ['a unit id object', 'submit', { unitId: { toString: 1 }, submittedBy: 'x' }, /"unitId" phải là chuỗi ký tự, nhận được object/],
    ['a document without uri', 'submit', { unitId: 'a', submittedBy: 'x', document: { name: 'a.pdf' } }, /thiếu "document\.uri"/],
    ['a bad sha256', 'submit', { unitId: 'a', submittedBy: 'x', document: { uri: 'u', sha256: 'zz' } }, /"document\.sha256" phải gồm 64 chữ số/],
    ['revision as a string', 'submit', { unitId: 'a', submittedBy: 'x', revision: 'yes' }, /"revision" phải là true hoặc false/],
    ['until as a number', 'extend', { unitId: 'a', reason: 'r', until: 12 }, /"until" phải là chuỗi ký tự/],
    ['until without its offset (read in the worker time zone)', 'extend', { unitId: 'a', reason: 'r', until: '2020-03-20T17:00' }, /"until" phải là thời điểm ISO 8601 có múi giờ/],
  ];
  for (const [what, action, payload, message] of hostile) {
    it(`refuses ${what} with a Vietnamese message naming the field`, () => {
      const result = parse(action, payload);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.rejection.type).toBe(FailureType.InvalidRequest);
      expect(result.rejection.message).toMatch(message);
      expect(result.rejection.message).toContain(ctx.cycleId);
    });
  }

  it('speaks English for an English plan', () => {
    const result = parse('submit', { unitId: 'a', submittedBy: 'x', note: 'y'.repeat(LIMITS.text + 1) }, 'en');
    expect(!result.ok && result.rejection.message).toMatch(/"note" is 2,001 characters long, over the limit of 2,000; shorten it\./);
  });

  it('property: any JSON value is either accepted as a request of the right shape or refused with InvalidRequest, never thrown', () => {
    fc.assert(
      fc.property(fc.constantFrom('submit', 'extend', 'excuse', 'return'), fc.oneof(fc.jsonValue(), fc.record({ unitId: fc.string(), reason: fc.string(), submittedBy: fc.string() })), (action, payload) => {
        const result = parse(action as 'submit', payload);
        if (result.ok) expect(typeof result.request.unitId).toBe('string');
        else expect(result.rejection.type).toBe(FailureType.InvalidRequest);
      }),
    );
  });
});

describe('a report that travels on paper only', () => {
  const paperBook = () => UnitBook.fresh(['mttq'], due, { ...ctx, paperOnly: true });
  const now = Date.parse('2020-03-10T09:00:00+07:00');

  it('refuses a file from any caller, naming the rule, and records nothing', () => {
    const b = paperBook();
    const rejection = b.check('submit', { unitId: 'mttq', submittedBy: 'A', document: { uri: 'file:///var/kyhan/x.pdf', name: 'x.pdf', number: '45-BC/MTTQ' } }, now);
    expect(rejection).toMatchObject({ type: FailureType.InvalidRequest, unitId: 'mttq' });
    expect(rejection!.message).toContain('chỉ gửi bằng bản giấy');
    expect(b.get('mttq').submission).toBeUndefined();
  });

  it('takes its arrival on paper (number and date, no file)', () => {
    const b = paperBook();
    expect(b.check('submit', { unitId: 'mttq', submittedBy: 'Văn thư', document: { uri: 'paper:', number: '45-BC/MTTQ', date: '2020-03-09' } }, now)).toBeUndefined();
  });

  it('is no rule for a report that travels online', () => {
    expect(book().check('submit', { unitId: 'mttq', submittedBy: 'A', document: { uri: 'file:///var/kyhan/x.pdf' } }, now)).toBeUndefined();
  });
});
