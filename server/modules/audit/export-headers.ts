// Column headers of the audit exports, by language (user-facing text lives in locale tables).
export const EXPORT_HEADERS = {
  'zh-CN': {
    loginTitle: '登录日志', operationTitle: '操作日志', seq: '序号', at: '时间', actor: '操作人', roles: '角色',
    ip: 'IP 地址', action: '操作', object: '对象', result: '结果', reason: '原因',
  },
  en: {
    loginTitle: 'Login log', operationTitle: 'Operation log', seq: 'Seq', at: 'Time', actor: 'Actor', roles: 'Roles',
    ip: 'IP address', action: 'Action', object: 'Object', result: 'Result', reason: 'Reason',
  },
} as const;
