/** `kyhan excuse CYCLE_ID UNIT_ID --reason TEXT [--by NAME]`: the unit need not report in this cycle. */
import { excuseUnit } from '../../client/cycles';
import { unitDecisionCommand } from './unit-decision';

export const excuse = unitDecisionCommand({
  name: 'excuse',
  description: {
    vi: 'miễn nộp cho một đơn vị trong kỳ (mã thoát 0 đã miễn, 1 kỳ từ chối, 2 sai tham số, 3 không kết nối được, 4 không có kỳ hoặc đơn vị này)',
    en: 'excuse one unit from the cycle (exit 0 excused, 1 refused, 2 bad input, 3 unreachable, 4 no such cycle or unit)',
  },
  reasonHelp: { vi: 'lý do miễn nộp', en: 'why' },
  byHelp: { vi: 'người quyết định (mặc định: tên đăng nhập)', en: 'who decides (default: login name)' },
  async decide(client, cycleId, unitId, reason, by) {
    const result = await excuseUnit(client, cycleId, { unitId, reason, excusedBy: by });
    return { at: result.excusedAt, result };
  },
  done: (language, unitId, cycleId, at, reason) =>
    language === 'vi' ? `Đã miễn nộp cho đơn vị "${unitId}" trong kỳ ${cycleId} lúc ${at}: ${reason}.` : `Excused unit "${unitId}" from cycle ${cycleId} at ${at}: ${reason}.`,
});
