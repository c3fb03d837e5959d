/**
 * `kyhan return CYCLE_ID UNIT_ID --reason TEXT [--by NAME]`: sends a submitted report back to
 * its unit for revision; the unit resubmits with `kyhan submit … --revision`.
 */
import { returnForRevision } from '../../client/cycles';
import { unitDecisionCommand } from './unit-decision';

export const returnReport = unitDecisionCommand({
  name: 'return',
  description: {
    vi: 'trả lại báo cáo của một đơn vị để bổ sung (mã thoát 0 đã trả lại, 1 kỳ từ chối, 2 sai tham số, 3 không kết nối được, 4 không có kỳ hoặc đơn vị này)',
    en: "return a unit's report for revision (exit 0 returned, 1 refused, 2 bad input, 3 unreachable, 4 no such cycle or unit)",
  },
  reasonHelp: { vi: 'cần bổ sung gì', en: 'what to revise' },
  byHelp: { vi: 'người trả lại (mặc định: tên đăng nhập)', en: 'who returns it (default: login name)' },
  async decide(client, cycleId, unitId, reason, by) {
    const result = await returnForRevision(client, cycleId, { unitId, reason, returnedBy: by });
    return { at: result.returnedAt, result };
  },
  done: (language, unitId, cycleId, at, reason) =>
    language === 'vi'
      ? `Đã trả lại báo cáo của đơn vị "${unitId}" trong kỳ ${cycleId} lúc ${at} để bổ sung: ${reason}.`
      : `Returned the report of unit "${unitId}" in cycle ${cycleId} at ${at} for revision: ${reason}.`,
});
