// Column headers of the account and API-client exports, by language.
export const ACCOUNT_EXPORT_HEADERS = {
  'zh-CN': {
    title: '账号列表', username: '用户名', displayName: '姓名', org: '所属组织', roles: '角色', status: '状态',
    totp: '双因素认证', lastLogin: '最近登录', clientsTitle: 'API 客户端', keyId: '密钥 ID', name: '名称', routes: '允许的接口', created: '创建时间',
  },
  en: {
    title: 'Accounts', username: 'Username', displayName: 'Name', org: 'Organization', roles: 'Roles', status: 'Status',
    totp: 'TOTP', lastLogin: 'Last login', clientsTitle: 'API clients', keyId: 'Key id', name: 'Name', routes: 'Allowed routes', created: 'Created',
  },
} as const;
