// Words of the demo county's activity history: the monthly "X" of the 主题党日, lecture topics,
// volunteering and study trips, leave reasons and 补签 reasons. Plain data, no logic.

/** The free item ("X") of each month's 主题党日, January first. */
export const THEME_X = [
  '新春走访慰问困难党员群众',
  '学习贯彻中央一号文件精神',
  '学雷锋志愿服务',
  '清明祭扫革命烈士墓',
  '“五一”劳动光荣主题宣讲',
  '重温入党初心 迎接“七一”',
  '庆祝建党纪念日 表彰优秀党员',
  '防汛防台应急演练',
  '垃圾分类宣传进万家',
  '国庆爱国主义教育',
  '宪法宣传与平安建设',
  '年度党员积分评定',
] as const;

/** Topics of 党课 (one drawn per lecture). */
export const LECTURE_TOPICS = [
  '学习贯彻党的二十届三中全会精神',
  '深入学习新时代中国特色社会主义思想',
  '传承红色基因 争做合格党员',
  '新四军苏浙军区的革命历史',
  '全面从严治党永远在路上',
  '以“千万工程”经验推进乡村振兴',
  '学习《中国共产党纪律处分条例》',
  '党员的权利和义务',
  '践行“两山”理念 建设美丽长兴',
  '发扬“四下基层”优良作风',
  '牢记初心使命 勇于担当作为',
  '学习党章 遵守党章',
] as const;

/** Outside lecturers (县委党校) besides the secretary, who gives most 党课 himself (书记讲党课). */
export const LECTURERS = ['县委党校 沈建华', '县委党校 钱丽萍', '县委党校 吴国强', '县委宣讲团 王春燕', '县委宣讲团 周立新'] as const;

/** Agendas of the 支部委员会 (the month is put in front). */
export const COMMITTEE_AGENDA = [
  '研究本月主题党日安排；讨论党员发展工作；通报党费收缴情况',
  '研究本月主题党日安排；分析党员思想状况；布置近期重点工作',
  '研究本月主题党日安排；讨论入党积极分子培养；研究困难党员帮扶',
] as const;

/** Agendas of the 支部党员大会 by quarter. */
export const ASSEMBLY_AGENDA = [
  '通报第一季度支部工作；讨论年度工作计划；学习上级文件精神',
  '通报上半年支部工作；讨论接收预备党员；评议优秀党员推荐人选',
  '通报第三季度支部工作；讨论预备党员转正；通报党费收缴情况',
  '通报全年支部工作；讨论下一年度工作思路；民主推荐有关人选',
] as const;

/** 志愿服务 (双报到, 结对共建): the title's subject. */
export const VOLUNTEER_TOPICS = [
  '人居环境整治',
  '垃圾分类宣传',
  '关爱空巢老人',
  '文明城市创建',
  '防汛巡查',
  '反诈宣传进村入户',
  '义诊进村',
  '护河清河行动',
  '平安巡防',
  '助老助残上门服务',
] as const;

/** 红色教育 study trips (type other), 长兴 and nearby. */
export const STUDY_TRIPS = [
  '参观新四军苏浙军区纪念馆',
  '赴槐坎温塘红色教育基地现场教学',
  '参观长兴县廉政教育基地',
  '赴安吉余村学习“两山”理念',
  '赴嘉兴南湖红船瞻仰学习',
] as const;

/** Leave reasons (请假) of ordinary members. */
export const LEAVE_REASONS = ['身体不适', '出差在外', '家中有事', '住院治疗', '照顾生病家属', '单位值班', '外出学习培训', '子女婚事'] as const;

/** Leave reasons of members who work away from home (流动党员). */
export const AWAY_REASONS = ['外出务工，无法返回', '在外地工作，已在当地参加学习', '外出经商'] as const;

/** Reasons of a 补签 recorded by the secretary. */
export const MANUAL_REASONS = ['忘带党员证，现场登记后补签', '读卡器故障，现场手工登记', '手机没电无法扫码，会后补签', '系统离线，按纸质签到表补录'] as const;

/** Cancelled 主题党日 (the activity is held a few days later). */
export const CANCEL_REASONS = ['台风预警，活动顺延', '防汛应急值守，活动顺延'] as const;

/** How each fixed item of the 主题党日 checklist reads in the minutes. */
export const THEME_ITEM_MINUTES: Record<string, string> = {
  重温入党誓词: '全体党员面向党旗重温入党誓词',
  诵读党章: '集体诵读党章有关章节',
  交纳党费: '党员按月交纳党费，组织委员现场登记',
  理论学习: '集中学习近期重要讲话和上级文件精神',
  政治生日: '为本月入党的党员过政治生日，重温入党志愿书',
};

/** What follows an item of a 支委会 or 支部党员大会 agenda in the minutes. */
export const AGENDA_OUTCOMES = ['经讨论，形成一致意见', '明确了责任分工和完成时限', '与会同志充分发表意见', '会议同意按此推进', '责成有关委员抓好落实'] as const;

/** The last paragraph of the minutes of a meeting. */
export const MINUTES_CLOSINGS = [
  '会议要求全体党员把学习成果转化为推动工作的实际行动。',
  '会后将会议精神传达至未到会党员。',
  '会议气氛严肃热烈，达到预期效果。',
  '会议要求各党员立足岗位、发挥先锋模范作用。',
] as const;

/** The last paragraph of the minutes of a 志愿服务 or a study trip. */
export const OUTING_CLOSINGS = ['活动得到群众一致好评。', '党员们纷纷表示收获很大。', '活动结束后进行了简短的交流总结。'] as const;

/** Decisions (subject, decision) a 支部党员大会 takes, by quarter of the year. */
export const ASSEMBLY_DECISIONS: readonly (readonly [string, string])[][] = [
  [['年度工作计划', '审议通过本年度支部工作计划'], ['党员积分管理办法', '同意本年度党员积分管理实施办法']],
  [['接收预备党员', '同意接收1名入党积极分子为中共预备党员，报上级党组织审批'], ['推荐优秀共产党员', '同意推荐2名同志为“七一”优秀共产党员人选']],
  [['预备党员转正', '同意1名预备党员按期转为中共正式党员'], ['困难党员帮扶', '同意对3户困难党员家庭开展结对帮扶']],
  [['下一年度工作思路', '原则通过下一年度支部工作思路'], ['民主推荐', '同意推荐人选名单，报上级党组织']],
];

/** Amendments to a submitted record: the reason and the paragraph added to the minutes. */
export const MINUTES_AMENDMENTS: readonly (readonly [string, string])[] = [
  ['补记列席人员', '补记：乡镇（街道）联系干部列席会议。'],
  ['补充会后落实情况', '补充：会议布置的事项已于会后一周内落实完毕。'],
  ['补充记录遗漏内容', '补充：会上还通报了近期党费收缴情况。'],
  ['更正参会情况说明', '补充说明：请假党员已于会后由支委逐一传达会议精神。'],
];

/** The secretary's note on a plan item the organization does not hold itself (history-plans.ts). */
export const PLAN_NOTES = ['与党总支合并召开', '与上级党组织合并召开', '由各下设支部分别开展', '支部委员不足3人，由支部书记召集研究'] as const;
