// A dependency-light rich-text editor for minutes: a contentEditable area with bold, italic,
// underline, heading, lists and quote buttons. Pasted HTML is reduced to the allow-list; the server
// sanitizes again whatever arrives.
import { BoldOutlined, ClearOutlined, ItalicOutlined, OrderedListOutlined, UnderlineOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { Button, Flex, Tooltip, theme } from 'antd';
import { type ClipboardEvent, type ReactNode, useEffect, useRef } from 'react';
import { useT } from '../../i18n/i18n';
import type { MessageKey } from '../../locales/zh-CN';
import styles from './records.module.css';
import { sanitizedFragment } from './safe-html';

type Props = { initialHtml: string; onChange: (html: string) => void; 'data-testid'?: string };

type Command = { key: string; title: MessageKey; icon: ReactNode; run: () => void };

// document.execCommand is deprecated but remains the only built-in way to edit rich text without a
// library, and every browser the console supports still implements these commands.
const exec = (command: string, value?: string) => document.execCommand(command, false, value);

/** The minutes editor; uncontrolled after mount (the parent keeps the latest HTML from onChange). */
export function MinutesEditor({ initialHtml, onChange, 'data-testid': testId }: Props) {
  const t = useT();
  const { token } = theme.useToken();
  const ref = useRef<HTMLDivElement>(null);
  const initial = useRef(initialHtml);

  useEffect(() => {
    ref.current?.replaceChildren(sanitizedFragment(initial.current));
  }, []);

  const emit = () => onChange(ref.current?.innerHTML ?? '');
  const run = (fn: () => void) => {
    ref.current?.focus();
    fn();
    emit();
  };

  const commands: Command[] = [
    { key: 'bold', title: 'record.editor.bold', icon: <BoldOutlined />, run: () => exec('bold') },
    { key: 'italic', title: 'record.editor.italic', icon: <ItalicOutlined />, run: () => exec('italic') },
    { key: 'underline', title: 'record.editor.underline', icon: <UnderlineOutlined />, run: () => exec('underline') },
    { key: 'h3', title: 'record.editor.heading', icon: <span style={{ fontWeight: 700 }}>H</span>, run: () => exec('formatBlock', '<h3>') },
    { key: 'p', title: 'record.editor.paragraph', icon: <span>¶</span>, run: () => exec('formatBlock', '<p>') },
    { key: 'ul', title: 'record.editor.bullets', icon: <UnorderedListOutlined />, run: () => exec('insertUnorderedList') },
    { key: 'ol', title: 'record.editor.numbers', icon: <OrderedListOutlined />, run: () => exec('insertOrderedList') },
    { key: 'quote', title: 'record.editor.quote', icon: <span style={{ fontWeight: 700 }}>“</span>, run: () => exec('formatBlock', '<blockquote>') },
    { key: 'clear', title: 'record.editor.clear', icon: <ClearOutlined />, run: () => exec('removeFormat') },
  ];

  const paste = (e: ClipboardEvent<HTMLDivElement>) => {
    const html = e.clipboardData.getData('text/html');
    if (!html) return;
    e.preventDefault();
    const box = document.createElement('div');
    box.appendChild(sanitizedFragment(html));
    exec('insertHTML', box.innerHTML);
    emit();
  };

  return (
    <div style={{ border: `1px solid ${token.colorBorder}`, borderRadius: token.borderRadius }}>
      <Flex wrap gap={4} style={{ padding: 4, borderBottom: `1px solid ${token.colorBorderSecondary}` }} role="toolbar" aria-label={t('record.editor.toolbar')}>
        {commands.map((c) => (
          <Tooltip key={c.key} title={t(c.title)}>
            {/* mousedown keeps the selection in the editor */}
            <Button size="small" type="text" icon={c.icon} aria-label={t(c.title)} onMouseDown={(e) => e.preventDefault()} onClick={() => run(c.run)} />
          </Tooltip>
        ))}
      </Flex>
      {/* biome-ignore lint/a11y/useSemanticElements: a rich-text area cannot be a <textarea>; contentEditable with role textbox is the ARIA pattern */}
      <div
        ref={ref}
        className={styles.minutes}
        contentEditable
        suppressContentEditableWarning
        role="textbox"
        aria-multiline="true"
        aria-label={t('record.minutes')}
        data-placeholder={t('record.minutesPlaceholder')}
        tabIndex={0}
        onInput={emit}
        onBlur={emit}
        onPaste={paste}
        data-testid={testId}
        style={{ minHeight: 200, maxHeight: 480, overflowY: 'auto', padding: '8px 12px', outline: 'none', overflowWrap: 'anywhere' }}
      />
    </div>
  );
}
