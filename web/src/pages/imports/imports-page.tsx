// 数据导入 (/imports, member.import): download a template, upload an .xlsx, follow the progress, read
// the row errors (row, column, reason), download the error workbook and import again.
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { Button, Card, Col, Form, Radio, Row, Segmented, Space, Typography, Upload } from 'antd';
import { useEffect, useState } from 'react';
import { getImport, type ImportKind, type ImportMode, type ImportStatus, templateUrl, uploadImport } from '../../api/imports';
import { OrgTreeSelect } from '../../components/org-tree-select';
import { useT } from '../../i18n/i18n';
import { useShowError } from '../../lib/errors';
import { useSession } from '../../session/session';
import { ImportResult } from './import-result';

const POLL_MS = 400;

/** The /imports route. */
export default function ImportsPage() {
  const t = useT();
  const { can } = useSession();
  const showError = useShowError();
  const kinds: ImportKind[] = can('org.import') ? ['members', 'organizations'] : ['members'];
  const [kind, setKind] = useState<ImportKind>('members');
  const [mode, setMode] = useState<ImportMode>('all');
  const [orgId, setOrgId] = useState<string | undefined>();
  const [status, setStatus] = useState<ImportStatus | null>(null);
  const [uploading, setUploading] = useState(false);

  // Polls the running import until it is done.
  const runningId = status && status.status !== 'done' ? status.id : null;
  useEffect(() => {
    if (!runningId) return;
    let live = true;
    const timer = setInterval(() => {
      getImport(runningId)
        .then((s) => live && setStatus(s))
        .catch((err) => {
          if (!live) return;
          clearInterval(timer);
          showError(err);
        });
    }, POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [runningId, showError]);

  const start = async (file: File) => {
    setUploading(true);
    try {
      setStatus(await uploadImport(kind, file, { mode, orgId }));
    } catch (err) {
      showError(err);
    } finally {
      setUploading(false);
    }
  };

  const busy = uploading || !!runningId;
  const kindLabel = (k: ImportKind) => (k === 'members' ? t('imports.kindMembers') : t('imports.kindOrgs'));

  return (
    <Row gutter={[16, 16]} data-testid="imports-page">
      <Col xs={24} lg={8}>
        <Card title={t('imports.templates')}>
          <Typography.Paragraph type="secondary">{t('imports.templatesHint')}</Typography.Paragraph>
          <Space orientation="vertical" style={{ width: '100%' }}>
            {kinds.map((k) => (
              <Button key={k} block icon={<DownloadOutlined />} href={templateUrl(k)} download data-testid={`import-template-${k}`}>
                {k === 'members' ? t('imports.templateMembers') : t('imports.templateOrgs')}
              </Button>
            ))}
          </Space>
        </Card>
      </Col>
      <Col xs={24} lg={16}>
        <Card title={t('imports.title')}>
          {status ? (
            <ImportResult status={status} onAgain={() => setStatus(null)} />
          ) : (
            <Form layout="vertical">
              {kinds.length > 1 ? (
                <Form.Item label={t('imports.kind')}>
                  <Segmented<ImportKind> value={kind} onChange={setKind} options={kinds.map((k) => ({ value: k, label: kindLabel(k) }))} />
                </Form.Item>
              ) : null}
              <Form.Item label={t('imports.mode')}>
                <Radio.Group value={mode} onChange={(e) => setMode(e.target.value)} data-testid="import-mode">
                  <Space orientation="vertical">
                    <Radio value="all">{t('imports.modeAll')}</Radio>
                    <Radio value="valid-only">{t('imports.modeValid')}</Radio>
                  </Space>
                </Radio.Group>
              </Form.Item>
              <Form.Item label={kind === 'members' ? t('imports.defaultOrg') : t('imports.defaultParent')} extra={kind === 'members' ? t('imports.defaultOrgHint') : t('imports.defaultParentHint')}>
                <OrgTreeSelect id="importOrg" value={orgId} onChange={setOrgId} />
              </Form.Item>
              <Upload.Dragger
                accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                multiple={false}
                showUploadList={false}
                disabled={busy}
                beforeUpload={(file) => {
                  start(file);
                  return false;
                }}
                data-testid="import-upload"
              >
                <p className="ant-upload-drag-icon">
                  <InboxOutlined />
                </p>
                <p className="ant-upload-text">{t('imports.dragHint', { kind: kindLabel(kind) })}</p>
                <p className="ant-upload-hint">{t('imports.uploadHint')}</p>
              </Upload.Dragger>
            </Form>
          )}
        </Card>
      </Col>
    </Row>
  );
}
