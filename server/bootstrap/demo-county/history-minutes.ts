// The minutes (会议记录正文) of the demo county's records: short Chinese minutes by activity type,
// written in the HTML the records module stores (its allow-list: p, strong, h3, ol, li), so that
// sanitizeMinutes leaves them unchanged (a test checks it).
import type { StoredChecklist, StoredDecision } from '../../modules/activity-records/activity-records.tables.ts';
import * as W from './history-catalog.ts';
import { Rng } from './prng.ts';
import type { HActivity, HFigures, HRecord } from './history-model.ts';

const LOCAL = 8 * 3_600_000;
const pad = (n: number) => String(n).padStart(2, '0');
const clock = (ms: number) => {
  const d = new Date(ms + LOCAL);
  return `${d.getUTCHours()}:${pad(d.getUTCMinutes())}`;
};
const dateOf = (ms: number) => {
  const d = new Date(ms + LOCAL);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
};
const p = (label: string, text: string) => `<p><strong>${label}：</strong>${text}</p>`;
const list = (items: string[]) => `<ol>${items.map((x) => `<li>${x}</li>`).join('')}</ol>`;
const agendaItems = (agenda: string | null) => (agenda ?? '').split('；').filter(Boolean);

/** What the minutes say besides the activity itself. */
export type MinutesInput = {
  a: HActivity;
  figures: HFigures;
  decisions: StoredDecision[];
  checklist: StoredChecklist;
  /** 民主评议: how many were rated 优秀. */
  excellent: number;
};

/** The body of the meeting by type (the numbered list and what follows it). */
function body(r: Rng, x: MinutesInput): string {
  const { a, figures } = x;
  switch (a.type) {
    case 'theme_day': {
      const fixed = x.checklist.fixed.filter((f) => f.done).map((f) => W.THEME_ITEM_MINUTES[f.label] ?? f.label);
      const extra = x.checklist.extra.filter((f) => f.done).map((f) => `自选动作：${f.label}`);
      return list([...fixed, ...extra]);
    }
    case 'committee':
    case 'branch_assembly': {
      const items = agendaItems(a.agenda).map((item) => `${item}，${r.pick(W.AGENDA_OUTCOMES)}。`);
      const votes = x.decisions.map((d) => `${d.subject}：${d.decision}（赞成${d.votesFor}票，反对${d.votesAgainst}票，弃权${d.votesAbstain}票）。`);
      return list(items) + (votes.length > 0 ? `<p><strong>表决事项：</strong></p>${list(votes)}` : '');
    }
    case 'party_lecture':
      return p('主讲人', a.lecturer ?? '支部书记') + list([`讲授专题党课《${a.agenda ?? a.title}》`, '与会党员结合自身工作谈学习体会', '支部书记作总结讲话']);
    case 'life_meeting':
      return list([...agendaItems(a.agenda), '支委班子成员逐一作对照检查发言', '党员之间开展批评和自我批评，明确整改方向']);
    case 'evaluation':
      return list(['党员对照合格党员标准进行个人自评', '党员互评，支部委员会综合评议', `民主测评：评定优秀等次${x.excellent}名，其余为合格`]);
    case 'volunteer':
      return list([`党员志愿者分组开展${a.title.replace(/^志愿服务：/, '')}`, ...(figures.guests > 0 ? [`结对共建单位${figures.guests}名党员参加`] : []), '活动结束后清点人数、整理现场']);
    default:
      return list([a.title.replace(/^红色教育：/, ''), '在现场重温入党誓词', '返程途中交流学习体会']);
  }
}

/** The minutes of an activity, as sanitized HTML. */
export function minutesOf(r: Rng, x: MinutesInput): string {
  const { a, figures: f } = x;
  const outing = a.type === 'volunteer' || a.type === 'other';
  const people = outing
    ? `参加${f.present + f.guests}人`
    : `应到${f.expected}人，实到${f.present}人，请假${f.leave}人${f.guests > 0 ? `，列席${f.guests}人` : ''}`;
  const head = [
    p('时间', `${dateOf(a.startsAt)} ${clock(a.startsAt)}—${clock(a.endsAt)}`),
    a.place ? p('地点', a.place) : '',
    a.hostName || a.recorderName ? `<p>${a.hostName ? `<strong>主持人：</strong>${a.hostName}` : ''}${a.hostName && a.recorderName ? '　' : ''}${a.recorderName ? `<strong>记录人：</strong>${a.recorderName}` : ''}</p>` : '',
    p(outing ? '参加人员' : '出席情况', people),
  ];
  const closing = outing ? r.pick(W.OUTING_CLOSINGS) : r.pick(W.MINUTES_CLOSINGS);
  return `${head.join('')}<h3>${outing ? '活动内容' : '会议内容'}</h3>${body(r, x)}<p>${closing}</p>`;
}

/** The minutes of a record of the history (the same each time: drawn from the record's own stream). */
export function recordMinutes(h: { activities: HActivity[]; minutesKey: string }, rec: HRecord): string {
  const a = h.activities[rec.activity];
  return minutesOf(new Rng(`${h.minutesKey}/${a.id}`), { a, figures: rec.figures, decisions: rec.decisions, checklist: rec.checklist, excellent: rec.excellent });
}
