// 待办: proposals a person decides (e.g. 停止党籍 after 6 months of 失联); accept or dismiss with a note.
import { App, Button, Form, Input, Modal, Segmented, Space } from 'antd';
import { useCallback, useState } from 'react';
import { Link } from 'react-router';
import { decideTodo, listTodos, type Todo, type TodoStatus } from '../../api/orgs';
import { type PageQuery, PagedTable, usePagedList } from '../../components/paged-table';
import { actionsColumn, codeTag, timeColumn } from '../../components/table-columns';
import { useT } from '../../i18n/i18n';
import { useShowError } from '../../lib/errors';
import { label } from '../../lib/format';
import { useSession } from '../../session/session';

const STATUS_COLORS = { open: 'processing', accepted: 'success', dismissed: 'default', cancelled: 'default' } as const;

/** The to-do tab of an organization. */
export function OrgTodos({ orgId }: { orgId: string }) {
  const t = useT();
  const { can } = useSession();
  const { message } = App.useApp();
  const showError = useShowError();
  const [status, setStatus] = useState<TodoStatus | 'all'>('open');
  const [deciding, setDeciding] = useState<{ todo: Todo; decision: 'accept' | 'dismiss' } | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ note?: string }>();
  const list = usePagedList(
    useCallback((q: PageQuery) => listTodos(orgId, { status: status === 'all' ? undefined : status, ...q }), [orgId, status]),
  );

  const decide = async ({ note }: { note?: string }) => {
    if (!deciding) return;
    setBusy(true);
    try {
      await decideTodo(deciding.todo.id, deciding.decision, note?.trim() || undefined);
      message.success(t('todos.decided'));
      setDeciding(null);
      list.reload();
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };

  const columns = [
    { title: t('todos.item'), dataIndex: 'title' },
    {
      title: t('todos.member'),
      key: 'member',
      render: (_: unknown, d: Todo) => (d.memberId ? <Link to={`/members/${d.memberId}`}>{d.memberName}</Link> : '—'),
    },
    { title: t('todos.dueOn'), dataIndex: 'dueOn', render: (v: string | null) => v ?? '—' },
    { title: t('todos.status'), dataIndex: 'status', render: (s: string) => codeTag(t, 'todos.status', s, STATUS_COLORS) },
    timeColumn<Todo>(t('todos.createdAt'), 'createdAt'),
  ];
  const actions = actionsColumn<Todo>(t, true, (d) =>
    d.status === 'open' ? (
      <Space size={0}>
        <Button type="link" size="small" onClick={() => setDeciding({ todo: d, decision: 'accept' })} data-testid="todo-accept">
          {t('todos.accept')}
        </Button>
        <Button type="link" size="small" onClick={() => setDeciding({ todo: d, decision: 'dismiss' })} data-testid="todo-dismiss">
          {t('todos.dismiss')}
        </Button>
      </Space>
    ) : null,
  );

  return (
    <div data-testid="org-todos">
      <Segmented<TodoStatus | 'all'>
        value={status}
        onChange={(v) => {
          list.paging.reset();
          setStatus(v);
        }}
        options={[
          { value: 'open', label: label(t, 'todos.status', 'open') },
          { value: 'all', label: t('common.all') },
        ]}
        style={{ marginBottom: 12 }}
      />
      <PagedTable<Todo> list={list} rowKey="id" columns={can('member.write') ? [...columns, actions] : columns} data-testid="todos-table" />
      {deciding ? (
        <Modal
          open
          title={deciding.decision === 'accept' ? t('todos.acceptTitle') : t('todos.dismissTitle')}
          onCancel={() => setDeciding(null)}
          onOk={form.submit}
          confirmLoading={busy}
          destroyOnHidden
        >
          <p>{deciding.todo.title}</p>
          {deciding.decision === 'accept' ? <p>{t('todos.acceptHint')}</p> : null}
          <Form form={form} layout="vertical" onFinish={decide}>
            <Form.Item name="note" label={t('todos.note')}>
              <Input.TextArea id="todoNote" rows={2} maxLength={500} />
            </Form.Item>
          </Form>
        </Modal>
      ) : null}
    </div>
  );
}
