// The registry fields of a member as a description list; used by the detail page and by 我的档案.
import { Descriptions, type DescriptionsProps } from 'antd';
import type { ReactNode } from 'react';
import type { MemberRecord, MyRecord } from '../../api/members';
import { codeTag } from '../../components/table-columns';
import { useT } from '../../i18n/i18n';
import { formatTime, label } from '../../lib/format';
import { flagTags, STANDING_COLORS, STATUS_COLORS } from './member-columns';

type Props = {
  record: MemberRecord | MyRecord;
  /** Replaces the plain ID number / phone (e.g. masked value with a 查看完整 button). */
  idNumber?: ReactNode;
  phone?: ReactNode;
  /** One column (phones) or responsive. */
  narrow?: boolean;
};

const orDash = (v: ReactNode) => (v === null || v === undefined || v === '' ? '—' : v);

/** Shows every registry field; the birth date only for the owner's own record. */
export function MemberRecordView({ record: r, idNumber, phone, narrow }: Props) {
  const t = useT();
  const f = (key: string) => label(t, 'memberField', key);
  const items: DescriptionsProps['items'] = [
    { key: 'name', label: f('name'), children: r.name },
    { key: 'gender', label: f('gender'), children: label(t, 'gender', r.gender) },
    'birthDate' in r ? { key: 'birthDate', label: f('birthDate'), children: r.birthDate } : { key: 'age', label: f('age'), children: r.age },
    { key: 'idNumber', label: f('idNumber'), children: idNumber ?? <span data-testid="member-id-number">{r.idNumber}</span> },
    { key: 'phone', label: f('phone'), children: phone ?? orDash(r.phone) },
    { key: 'ethnicity', label: f('ethnicity'), children: orDash(r.ethnicity) },
    { key: 'education', label: f('education'), children: orDash(label(t, 'education', r.education)) },
    { key: 'occupation', label: f('occupation'), children: orDash(r.occupation) },
    { key: 'org', label: f('orgId'), children: r.orgName },
    { key: 'status', label: f('status'), children: codeTag(t, 'memberStatus', r.status, STATUS_COLORS) },
    { key: 'standing', label: f('standing'), children: codeTag(t, 'standing', r.standing, STANDING_COLORS) },
    { key: 'joinedOn', label: f('joinedOn'), children: orDash(r.joinedOn) },
    { key: 'confirmedOn', label: f('confirmedOn'), children: orDash(r.confirmedOn) },
    { key: 'dues', label: f('duesCategory'), children: orDash(label(t, 'dues', r.duesCategory)) },
    { key: 'cardNo', label: f('cardNo'), children: orDash(r.cardNo) },
    { key: 'chipUid', label: f('chipUid'), children: orDash(r.chipUid) },
    { key: 'address', label: f('address'), children: orDash(r.address) },
    { key: 'household', label: f('household'), children: orDash(r.household) },
    {
      key: 'excluded',
      label: f('excludeAttendance'),
      children: r.flags.excludeAttendance
        ? t('members.excludedBy', { reason: r.flags.excludeReason ?? '', approver: r.flags.excludeApprover ?? '' })
        : t('common.no'),
    },
    { key: 'lost', label: f('lostContactSince'), children: orDash(r.flags.lostContactSince) },
    { key: 'flags', label: t('members.flags'), children: orDash(flagTags(t, r.flags)) },
    { key: 'account', label: f('hasAccount'), children: r.hasAccount ? t('members.accountYes') : t('members.accountNo') },
    { key: 'updatedAt', label: t('members.updatedAt'), children: formatTime(r.updatedAt) },
  ];
  return (
    <Descriptions
      bordered
      size="small"
      column={narrow ? 1 : { xs: 1, sm: 1, md: 2, xl: 3 }}
      items={items}
      data-testid="member-record"
      styles={{ label: { whiteSpace: 'nowrap' } }}
    />
  );
}
