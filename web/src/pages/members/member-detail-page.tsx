// /members/:id: the record (masked, 查看完整 with a reason), edit, flags, enable login, the 电子档案
// timeline and the 查阅记录.
import { ArrowLeftOutlined, EditOutlined, FlagOutlined, KeyOutlined } from '@ant-design/icons';
import { Button, Popconfirm, Space, Spin, Tabs } from 'antd';
import { useCallback, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import {
  enableMemberLogin,
  type FileQuery,
  getMember,
  getMemberFile,
  getMemberViews,
  type MemberRecord,
} from '../../api/members';
import { LoadError } from '../../components/load-error';
import { PageCard, useNarrow } from '../../components/page-card';
import type { PageQuery } from '../../components/paged-table';
import { useRowAction } from '../../components/table-columns';
import { useT } from '../../i18n/i18n';
import { useAsync } from '../../lib/use-async';
import { getMemberEvidence, memberEvidenceExportUrl } from '../../api/participation';
import { OneTimePasswordModal } from '../accounts/one-time-password-modal';
import { EvidenceView } from '../participation/evidence-view';
import { CardRevokeButton } from './card-revoke-button';
import { FlagsModal } from './flags-modal';
import { MemberFormModal } from './member-form-modal';
import { MemberRecordView } from './member-record';
import { MemberTimeline } from './member-timeline';
import { MemberViews } from './member-views';
import { UnmaskField } from './unmask-field';

/** The /members/:id route. */
export default function MemberDetailPage() {
  const t = useT();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const narrow = useNarrow();
  const { data, error, loading, reload } = useAsync(useCallback(() => getMember(id), [id]));
  const [modal, setModal] = useState<'edit' | 'flags' | null>(null);
  const [otp, setOtp] = useState<{ username: string; password: string } | null>(null);
  // ?tab=evidence opens 民主评议依据 (linked from 党员参与度).
  const [params] = useSearchParams();
  const [tab, setTab] = useState(params.get('tab') ?? 'record');
  const [fileKey, setFileKey] = useState(0);
  const run = useRowAction(reload);
  const member = data;

  const loadFile = useCallback((q: FileQuery) => getMemberFile(id, q), [id]);
  const loadViews = useCallback((q: PageQuery) => getMemberViews(id, q), [id]);
  const loadEvidence = useCallback((year: number) => getMemberEvidence(id, year), [id]);
  const evidenceUrl = useCallback((year: number) => memberEvidenceExportUrl(id, year), [id]);
  const onSaved = (_m: MemberRecord) => {
    setModal(null);
    reload();
    setFileKey((k) => k + 1);
  };
  const enableLogin = () =>
    run(async () => {
      const r = await enableMemberLogin(id);
      setOtp({ username: r.username, password: r.oneTimePassword });
    }, t('members.loginEnabled'));

  const actions = member?.can.write ? (
    <Space wrap>
      <Button icon={<EditOutlined />} onClick={() => setModal('edit')} data-testid="member-edit">
        {t('members.edit')}
      </Button>
      <Button icon={<FlagOutlined />} onClick={() => setModal('flags')} data-testid="member-flags">
        {t('members.editFlags')}
      </Button>
      {member.hasAccount ? null : (
        <Popconfirm title={t('members.enableLoginConfirm')} onConfirm={enableLogin}>
          <Button icon={<KeyOutlined />} data-testid="member-enable-login">
            {t('members.enableLogin')}
          </Button>
        </Popconfirm>
      )}
      <CardRevokeButton memberId={member.id} cardNo={member.cardNo} onDone={() => setFileKey((k) => k + 1)} />
    </Space>
  ) : null;

  const title = (
    <Space>
      <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate('/members')} aria-label={t('members.back')} />
      {member?.name ?? t('members.detail')}
    </Space>
  );

  return (
    <PageCard title={title} extra={actions} data-testid="member-detail">
      <LoadError error={error} onRetry={reload} />
      {loading && !member ? <Spin /> : null}
      {member ? (
        <Tabs
          activeKey={tab}
          onChange={setTab}
          destroyOnHidden
          items={[
            {
              key: 'record',
              label: t('members.tabRecord'),
              children: (
                <MemberRecordView
                  record={member}
                  narrow={narrow}
                  idNumber={<UnmaskField memberId={member.id} field="idNumber" masked={member.idNumber} allowed={member.can.unmask} />}
                  phone={<UnmaskField memberId={member.id} field="phone" masked={member.phone} allowed={member.can.unmask} />}
                />
              ),
            },
            { key: 'file', label: t('members.tabFile'), children: <MemberTimeline key={fileKey} load={loadFile} /> },
            { key: 'views', label: t('members.tabViews'), children: <MemberViews load={loadViews} /> },
            { key: 'evidence', label: t('evidence.tab'), children: <EvidenceView load={loadEvidence} exportUrl={evidenceUrl} /> },
          ]}
        />
      ) : null}
      {member && modal === 'edit' ? <MemberFormModal member={member} onClose={() => setModal(null)} onSaved={onSaved} /> : null}
      {member && modal === 'flags' ? <FlagsModal member={member} onClose={() => setModal(null)} onSaved={onSaved} /> : null}
      {otp ? <OneTimePasswordModal username={otp.username} password={otp.password} onClose={() => setOtp(null)} /> : null}
    </PageCard>
  );
}
