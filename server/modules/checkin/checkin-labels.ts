import type { Lang } from '../../core/errors/messages.ts';

// Words of the check-in exports (the console has the same in web/src/locales/activities.*).
const L = {
  'zh-CN': {
    devicesTitle: '签到终端',
    revocationsTitle: '党员证挂失与注销',
    name: '名称',
    keyId: '密钥编号',
    org: '所属组织',
    place: '地点',
    station: '红色驿站',
    status: '状态',
    lastUsed: '最近使用',
    cardNo: '党员证号',
    member: '党员',
    reason: '原因',
    revokedAt: '挂失时间',
  },
  en: {
    devicesTitle: 'Check-in kiosks',
    revocationsTitle: 'Revoked member cards',
    name: 'Name',
    keyId: 'Key id',
    org: 'Organization',
    place: 'Place',
    station: 'Red station',
    status: 'Status',
    lastUsed: 'Last used',
    cardNo: 'Card number',
    member: 'Member',
    reason: 'Reason',
    revokedAt: 'Revoked at',
  },
} as const;

export const kioskWords = (lang: Lang) => L[lang];
