// Columns of the member list: masked ID number and phone, status, 党籍, flags; sortable on the server.
import { Space, type TableColumnsType, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { MemberFlags, MemberItem } from '../../api/members';
import { actionsColumn, codeTag } from '../../components/table-columns';
import type { TFunction } from '../../i18n/i18n';
import { label } from '../../lib/format';

/** Tag colours of the member status and the 党籍 state. */
export const STATUS_COLORS = { probationary: 'gold', full: 'red' } as const;
export const STANDING_COLORS = { normal: 'success', retained: 'processing', restored: 'success', suspended: 'warning' } as const;

/** The flags of a member as tags (nothing when none is set). */
export function flagTags(t: TFunction, flags: MemberFlags) {
  return (
    <Space size={[4, 4]} wrap>
      {flags.excludeAttendance ? <Tag color="purple">{t('members.flag.excluded')}</Tag> : null}
      {flags.lostContactSince ? <Tag color="volcano">{t('members.flag.lost')}</Tag> : null}
    </Space>
  );
}

/** A masked value in monospace ('—' when empty). */
export const maskedText = (v: string | null) => (v ? <Typography.Text code>{v}</Typography.Text> : '—');

/** The list's columns; `sorter` columns report their key (name, birthDate, org, joinedOn) to the server sort. */
export function memberColumns(t: TFunction, narrow: boolean): TableColumnsType<MemberItem> {
  return [
    {
      title: t('memberField.name'),
      key: 'name',
      sorter: true,
      fixed: narrow ? undefined : 'left',
      render: (_, m) => (
        <Link to={`/members/${m.id}`} data-testid="member-link">
          {m.name}
        </Link>
      ),
    },
    { title: t('memberField.gender'), dataIndex: 'gender', render: (g: string) => label(t, 'gender', g) },
    { title: t('memberField.age'), dataIndex: 'age', key: 'birthDate', sorter: true },
    { title: t('memberField.idNumber'), dataIndex: 'idNumber', render: maskedText },
    { title: t('memberField.phone'), dataIndex: 'phone', render: maskedText },
    { title: t('memberField.orgId'), dataIndex: 'orgName', key: 'org', sorter: true },
    { title: t('memberField.status'), dataIndex: 'status', render: (s: string) => codeTag(t, 'memberStatus', s, STATUS_COLORS) },
    { title: t('memberField.standing'), dataIndex: 'standing', render: (s: string) => codeTag(t, 'standing', s, STANDING_COLORS) },
    { title: t('memberField.joinedOn'), dataIndex: 'joinedOn', key: 'joinedOn', sorter: true, render: (v: string | null) => v ?? '—' },
    { title: t('memberField.cardNo'), dataIndex: 'cardNo', render: (v: string | null) => v ?? '—' },
    { title: t('members.flags'), key: 'flags', render: (_, m) => flagTags(t, m.flags) },
    actionsColumn<MemberItem>(t, narrow, (m) => <Link to={`/members/${m.id}`}>{t('common.details')}</Link>),
  ];
}
