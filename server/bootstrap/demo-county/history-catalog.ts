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
