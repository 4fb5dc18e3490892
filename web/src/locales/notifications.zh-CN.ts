// Simplified Chinese messages of 通知中心: the header bell and the /notifications page (merged into zh-CN.ts).

/** Notifications. */
export const notificationsZhCN = {
  'notifications.bell': '通知',
  'notifications.bellUnread': '通知，{count} 条未读',
  'notifications.latest': '最新通知',
  'notifications.none': '暂无通知',
  'notifications.viewAll': '查看全部',
  'notifications.title': '我的通知',
  'notifications.onlyUnread': '只看未读',
  'notifications.readAll': '全部标为已读',
  'notifications.readAllDone': '已将 {count} 条通知标为已读',
  'notifications.markRead': '标为已读',
  'notifications.open': '查看',
  'notifications.read': '已读',
  'notifications.unread': '未读',
  'notifications.time': '时间',
  'notifications.subject': '通知',
  'notifications.state': '状态',
  'notifications.toOrg': '发给：{org}',
  'notifications.empty': '没有通知',
  'notifications.emptyUnread': '没有未读通知',
  'notifications.severity.info': '通知',
  'notifications.severity.warning': '提醒',
  'notifications.severity.danger': '警告',
};
