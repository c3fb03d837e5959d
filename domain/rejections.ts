/**
 * Why a cycle refuses an Update, in the plan's language, as data (`type` + `message`): the
 * workflow raises it as an ApplicationFailure, the client when the cycle has already ended. Every message names the action,
 * the unit, the cycle and the reason: `Không thể nộp báo cáo cho đơn vị "tinh-doan" trong kỳ
 * "129-KH-BDVTU/monthly/2020-03": kỳ báo cáo đã tổng hợp lúc 17:00 ngày 21/04/2020.`
 */
import type { Instant, Language } from './cycle';
import { formatDateTime } from './dates';
import { FailureType } from './failures';

/** How a cycle stopped accepting changes. */
export type CycleClosure = { kind: 'consolidated' | 'cutoff'; at: Instant } | { kind: 'cancelled'; at: Instant; reason: string };

export interface Rejection {
  type: FailureType;
  message: string;
  unitId: string;
  cycleId: string;
}

export type UnitAction = 'submit' | 'extend' | 'excuse' | 'return';

const actionText: Record<UnitAction, Record<Language, string>> = {
  submit: { vi: 'nộp báo cáo', en: 'submit a report' },
  extend: { vi: 'gia hạn', en: 'grant an extension' },
  excuse: { vi: 'miễn nộp', en: 'excuse' },
  return: { vi: 'trả lại báo cáo', en: 'return the report' },
};

export interface RejectionContext {
  cycleId: string;
  language: Language;
  timeZone: string;
}

function reject(ctx: RejectionContext, action: UnitAction, unitId: string, type: FailureType, reason: Record<Language, string>): Rejection {
  const message =
    ctx.language === 'vi'
      ? `Không thể ${actionText[action].vi} cho đơn vị "${unitId}" trong kỳ "${ctx.cycleId}": ${reason.vi}`
      : `Cannot ${actionText[action].en} for unit "${unitId}" in cycle "${ctx.cycleId}": ${reason.en}`;
  return { type, message, unitId, cycleId: ctx.cycleId };
}

const at = (ctx: RejectionContext, instant: Instant) => formatDateTime(instant, ctx.timeZone, ctx.language);

export const rejections = {
  unknownUnit: (ctx: RejectionContext, action: UnitAction, unitId: string) =>
    reject(ctx, action, unitId, FailureType.UnknownUnit, {
      vi: 'đơn vị này không thuộc kỳ báo cáo; kiểm tra lại mã đơn vị.',
      en: 'the unit is not part of this cycle; check the unit id.',
    }),

  closed: (ctx: RejectionContext, action: UnitAction, unitId: string, closed: CycleClosure) =>
    reject(
      ctx,
      action,
      unitId,
      FailureType.CycleClosed,
      closed.kind === 'cancelled'
        ? { vi: `kỳ báo cáo đã bị hủy lúc ${at(ctx, closed.at)} (${closed.reason}).`, en: `the cycle was cancelled at ${at(ctx, closed.at)} (${closed.reason}).` }
        : { vi: `kỳ báo cáo đã tổng hợp lúc ${at(ctx, closed.at)}.`, en: `the cycle was consolidated at ${at(ctx, closed.at)}.` },
    ),

  missingField: (ctx: RejectionContext, action: UnitAction, unitId: string, field: string) =>
    reject(ctx, action, unitId, FailureType.InvalidRequest, {
      vi: `thiếu "${field}"; hãy cung cấp giá trị này.`,
      en: `"${field}" is missing; provide it.`,
    }),

  /** A field of the request has the wrong type, is too long or holds control characters: `problem` says which. */
  invalidField: (ctx: RejectionContext, action: UnitAction, unitId: string, problem: Record<Language, string>) =>
    reject(ctx, action, unitId, FailureType.InvalidRequest, problem),

  badInstant: (ctx: RejectionContext, action: UnitAction, unitId: string, field: string, value: string) =>
    reject(ctx, action, unitId, FailureType.InvalidRequest, {
      vi: `"${field}" = "${value}" không phải thời điểm ISO 8601, ví dụ 2020-02-10T17:00:00+07:00.`,
      en: `"${field}" = "${value}" is not an ISO 8601 instant, e.g. 2020-02-10T17:00:00+07:00.`,
    }),

  extensionInPast: (ctx: RejectionContext, unitId: string, until: Instant) =>
    reject(ctx, 'extend', unitId, FailureType.ExtensionInPast, {
      vi: `thời hạn mới ${at(ctx, until)} đã qua; chọn một thời điểm trong tương lai.`,
      en: `the new due moment ${at(ctx, until)} is already past; choose a moment in the future.`,
    }),

  extensionAfterCutoff: (ctx: RejectionContext, unitId: string, until: Instant, cutoffAt: Instant) =>
    reject(ctx, 'extend', unitId, FailureType.ExtensionAfterCutoff, {
      vi: `thời hạn mới ${at(ctx, until)} sau thời điểm chốt tổng hợp ${at(ctx, cutoffAt)}; chọn thời hạn không muộn hơn thời điểm đó.`,
      en: `the new due moment ${at(ctx, until)} is after the cut-off ${at(ctx, cutoffAt)}; choose a moment no later than that.`,
    }),

  alreadySubmitted: (ctx: RejectionContext, action: UnitAction, unitId: string, submittedAt: Instant) =>
    reject(ctx, action, unitId, FailureType.InvalidUnitState, {
      vi: `đơn vị đã nộp báo cáo lúc ${at(ctx, submittedAt)}.`,
      en: `the unit already submitted its report at ${at(ctx, submittedAt)}.`,
    }),

  alreadyExcused: (ctx: RejectionContext, action: UnitAction, unitId: string, excusedAt: Instant) =>
    reject(ctx, action, unitId, FailureType.InvalidUnitState, {
      vi: `đơn vị đã được miễn nộp lúc ${at(ctx, excusedAt)}.`,
      en: `the unit was excused at ${at(ctx, excusedAt)}.`,
    }),

  alreadyReturned: (ctx: RejectionContext, unitId: string, returnedAt: Instant) =>
    reject(ctx, 'return', unitId, FailureType.InvalidUnitState, {
      vi: `báo cáo đã được trả lại lúc ${at(ctx, returnedAt)} và đang chờ đơn vị bổ sung.`,
      en: `the report was already returned at ${at(ctx, returnedAt)} and awaits the unit's revision.`,
    }),

  /** A report that travels on paper (it may be classified) takes no file: staff record its arrival. */
  paperOnly: (ctx: RejectionContext, unitId: string) =>
    reject(ctx, 'submit', unitId, FailureType.InvalidRequest, {
      vi: 'báo cáo này chỉ gửi bằng bản giấy theo đường văn thư, không nhận tệp; cán bộ ghi nhận văn bản đến (số, ngày) mà không kèm tệp.',
      en: 'this report travels on paper only and takes no file; staff record its arrival (number and date) without one.',
    }),

  notSubmitted: (ctx: RejectionContext, unitId: string) =>
    reject(ctx, 'return', unitId, FailureType.InvalidUnitState, {
      vi: 'đơn vị chưa nộp báo cáo nên không có gì để trả lại.',
      en: 'the unit has not submitted a report, so there is nothing to return.',
    }),
};
