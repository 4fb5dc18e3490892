import { and, eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, type TestApp, as, login } from '../../test/app.ts';
import { FIXTURE_PASSWORD, type Fixture, fixtureApp } from '../../test/fixture.ts';
import { activities } from '../activities/activities.tables.ts';
import { seedMember, testIdNumber } from '../members/members.fixture.ts';
import { memberEvents } from '../members/members.tables.ts';
import { call, codeOf, fieldsOf, memberSession } from '../members/test-kit.ts';
import { seedActivity, seedCheckin } from './activity-records.fixture.ts';
import { exifSegment, jpegWithGps, MP4_LOCATION, mp4WithLocation, multipartFile, pngImage, zipOf } from './test-files.ts';

let t: TestApp;
let f: Fixture;
let sec: Session;
let committee: Session;
const m = {} as Record<'full1' | 'full2' | 'full3' | 'probationary' | 'guest' | 'absent', string>;

const upload = (s: Session, activityId: string, file: Buffer, name: string, type: string) =>
  t.app.inject(as(s, { method: 'POST', url: `/api/activities/${activityId}/media`, ...multipartFile(file, name, type) }));

const saveDraft = (activityId: string, body: Record<string, unknown>) => call(t, sec, 'PUT', `/api/activities/${activityId}/record`, { decisions: [], ...body });

beforeAll(async () => {
  ({ t, f } = await fixtureApp({ MEDIA_PHOTO_MAX_BYTES: String(200 * 1024), MEDIA_ATTACHMENT_MAX_BYTES: String(64 * 1024) }));
  sec = await login(t, 'branch_secretary', FIXTURE_PASSWORD);
  committee = await login(t, 'branch_committee', FIXTURE_PASSWORD);
  const full = (n: number, name: string) => seedMember(t.services, f.b1, { name, idNumber: testIdNumber(n), joinedOn: '2005-07-01', confirmedOn: '2006-07-01' });
  m.full1 = await full(1, '张一');
  m.full2 = await full(2, '张二');
  m.full3 = await full(3, '张三');
  m.absent = await full(4, '张四');
  m.probationary = await seedMember(t.services, f.b1, { name: '李预备', idNumber: testIdNumber(5), joinedOn: '2025-07-01', status: 'probationary' });
  m.guest = await seedMember(t.services, f.b2, { name: '王来宾', idNumber: testIdNumber(6), joinedOn: '2010-07-01', confirmedOn: '2011-07-01' });
}, 120_000);
afterAll(() => t?.close());

/** A held activity at B1 attended by two full members, the probationary member and a guest from B2. */
async function heldActivity(values: Partial<typeof activities.$inferInsert> = {}) {
  const id = await seedActivity(t.services, f.b1, { title: '五月主题党日', ...values });
  const a = { countyCode: f.b1.countyCode, activityId: id, hostOrgId: f.b1.id };
  for (const k of ['full1', 'full2', 'probationary'] as const) await seedCheckin(t.services, a, { id: m[k], orgId: f.b1.id });
  await seedCheckin(t.services, a, { id: m.guest, orgId: f.b2.id }, false);
  await t.services.db.update(activities).set({ presentCount: 3, guestCount: 1 }).where(and(eq(activities.countyCode, a.countyCode), eq(activities.id, id)));
  return id;
}

describe('the draft', () => {
  it('starts empty, with the 5+X checklist of a community branch', async () => {
    const id = await seedActivity(t.services, f.b1);
    const res = await call(t, sec, 'GET', `/api/activities/${id}/record`);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r).toMatchObject({ state: 'draft', version: 1, minutesHtml: '', decisions: [], canEdit: true, canAmend: false, amendments: [], current: null });
    expect(r.checklist.kind).toBe('5+X');
    expect(r.checklist.fixed.map((i: { label: string }) => i.label)).toEqual(['重温入党誓词', '诵读党章', '交纳党费', '理论学习', '政治生日']);
    // The committee member reads but does not edit.
    expect((await call(t, committee, 'GET', `/api/activities/${id}/record`)).json().canEdit).toBe(false);
  });

  it('keeps the minutes’ formatting and drops scripts, event handlers, styles and javascript: links', async () => {
    const id = await seedActivity(t.services, f.b1);
    const dirty =
      '<h3 style="color:red">会议议程</h3><p onclick="steal()">一、<strong>学习</strong>党章<script>alert(document.cookie)</script></p>' +
      '<img src="x" onerror="alert(1)"><ul><li>交纳党费</li></ul><a href="javascript:alert(1)">点此</a><a href="https://www.12371.cn/">共产党员网</a>' +
      '<iframe src="https://evil.example"></iframe><p>联系电话 13812345678</p>';
    const res = await saveDraft(id, { minutesHtml: dirty });
    expect(res.statusCode, res.body).toBe(200);
    const html: string = res.json().minutesHtml;
    expect(html).toContain('<h3>会议议程</h3>');
    expect(html).toContain('<strong>学习</strong>');
    expect(html).toContain('<ul><li>交纳党费</li></ul>');
    expect(html).toContain('href="https://www.12371.cn/"');
    for (const bad of ['<script', 'alert(', 'onerror', 'onclick', 'style=', 'javascript:', '<img', '<iframe']) expect(html).not.toContain(bad);
    // Phone numbers are masked like in every free text.
    expect(html).toContain('138****5678');
    // Stored as sanitized: a second read shows the same.
    expect((await call(t, sec, 'GET', `/api/activities/${id}/record`)).json().minutesHtml).toBe(html);
  });

  it('records the checklist by the organization’s fixed items and free X items, refusing foreign fixed items', async () => {
    const id = await seedActivity(t.services, f.b1);
    const ok = await saveDraft(id, {
      minutesHtml: '<p>主题党日</p>',
      checklist: { fixed: [{ label: '重温入党誓词', done: true }, { label: '交纳党费', done: true }], extra: [{ label: '走访困难党员', done: true }] },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().checklist.fixed).toEqual([
      { label: '重温入党誓词', done: true }, { label: '诵读党章', done: false }, { label: '交纳党费', done: true }, { label: '理论学习', done: false }, { label: '政治生日', done: false },
    ]);
    expect(ok.json().checklist.extra).toEqual([{ label: '走访困难党员', done: true }]);
    const bad = await saveDraft(id, { minutesHtml: '', checklist: { fixed: [{ label: '唱红歌', done: true }], extra: [] } });
    expect(bad.statusCode).toBe(400);
    expect(codeOf(bad)).toBe('RECORD_CHECKLIST_UNKNOWN_ITEM');
    expect(fieldsOf(bad)).toEqual(['body.checklist.fixed.0.label:RECORD_CHECKLIST_UNKNOWN_ITEM']);
    // A 支委会 has no checklist.
    const meeting = await seedActivity(t.services, f.b1, { type: 'committee', title: '支委会' });
    const none = await saveDraft(meeting, { minutesHtml: '', checklist: { fixed: [], extra: [{ label: 'X', done: true }] } });
    expect(codeOf(none)).toBe('RECORD_CHECKLIST_NOT_APPLICABLE');
  });

  it('refuses a save based on an older version (two editors)', async () => {
    const id = await seedActivity(t.services, f.b1);
    expect((await saveDraft(id, { minutesHtml: '<p>甲</p>', version: 1 })).statusCode).toBe(200);
    const stale = await saveDraft(id, { minutesHtml: '<p>乙</p>', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(codeOf(stale)).toBe('RECORD_STALE');
    expect(stale.json().error.message).toContain('2');
  });

  it('computes decisions of a 支部党员大会 against its quorum, and says why', async () => {
    // B1 has 4 voting members (正式党员); 2 present is not more than half.
    const id = await heldActivity({ type: 'branch_assembly', title: '支部党员大会' });
    await t.services.db.update(activities).set({ presentCount: 2 }).where(eq(activities.id, id));
    const decisions = [{ subject: '发展党员', decision: '同意接收张三为预备党员', votesFor: 2, votesAgainst: 0, votesAbstain: 0 }];
    const low = await saveDraft(id, { minutesHtml: '<p>大会</p>', decisions });
    expect(low.json().quorum).toEqual({ present: 2, votingMembers: 4, required: 3, met: false });
    expect(low.json().decisions[0]).toMatchObject({ passed: false, valid: false });
    await t.services.db.update(activities).set({ presentCount: 3 }).where(eq(activities.id, id));
    const enough = await saveDraft(id, { minutesHtml: '<p>大会</p>', decisions: [{ ...decisions[0], votesFor: 3 }] });
    expect(enough.json().quorum.met).toBe(true);
    expect(enough.json().decisions[0]).toMatchObject({ passed: true, valid: true });
    // Other meetings: a majority of the votes cast.
    const c = await heldActivity({ type: 'committee', title: '支委会' });
    const r = await saveDraft(c, { minutesHtml: '<p>支委会</p>', decisions: [{ subject: '议题', decision: '决定', votesFor: 1, votesAgainst: 1, votesAbstain: 1 }] });
    expect(r.json().quorum).toBeNull();
    expect(r.json().decisions[0]).toMatchObject({ passed: false, valid: true });
  });
});

describe('media', () => {
  it('refuses a .jpg that is really a text file, an SVG and an HTML page, whatever their declared type', async () => {
    const id = await seedActivity(t.services, f.b1);
    for (const [body, name, type] of [
      [Buffer.from('just some text, not a photo\n'), 'photo.jpg', 'image/jpeg'],
      [Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>'), 'logo.svg', 'image/svg+xml'],
      [Buffer.from('<!doctype html><script>alert(1)</script>'), 'minutes.pdf', 'application/pdf'],
      [Buffer.from('MZ\x90\x00 executable'), 'video.mp4', 'video/mp4'],
    ] as const) {
      const res = await upload(sec, id, body, name, type);
      expect(res.statusCode, `${name}: ${res.body}`).toBe(415);
      expect(codeOf(res)).toBe('MEDIA_TYPE_REFUSED');
    }
    expect((await call(t, sec, 'GET', `/api/activities/${id}/media`)).json().total).toBe(0);
  });

  it('answers malformed uploads with a 4xx and a clear code, never a 500', async () => {
    const id = await seedActivity(t.services, f.b1);
    const url = `/api/activities/${id}/media`;
    const png = await pngImage();
    const wrongField = multipartFile(png, 'a.png', 'image/png', 'photo');
    expect(codeOf(await t.app.inject(as(sec, { method: 'POST', url, ...wrongField })))).toBe('MEDIA_FILE_MISSING');
    const boundary = '----x';
    const fieldOnly = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n--${boundary}--\r\n`);
    const noFile = await t.app.inject(as(sec, { method: 'POST', url, payload: fieldOnly, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } }));
    expect(noFile.statusCode).toBe(400);
    expect(codeOf(noFile)).toBe('MEDIA_FILE_MISSING');
    const json = await call(t, sec, 'POST', url, { file: 'x' });
    expect(json.statusCode).toBe(415);
    // A body cut off in the middle of the file.
    const whole = multipartFile(png, 'a.png', 'image/png');
    const cut = await t.app.inject(as(sec, { method: 'POST', url, payload: whole.payload.subarray(0, whole.payload.length - 30), headers: whole.headers }));
    expect(cut.statusCode).toBe(400);
    expect(codeOf(cut)).toBe('MEDIA_UPLOAD_INVALID');
    const noBoundary = await t.app.inject(as(sec, { method: 'POST', url, payload: png, headers: { 'content-type': 'multipart/form-data' } }));
    expect(noBoundary.statusCode).toBe(400);
    expect(codeOf(noBoundary)).toBe('MEDIA_UPLOAD_INVALID');
    expect((await call(t, sec, 'GET', url)).json().total).toBe(0);
  });

  it('names a file by what it is: a PNG uploaded as .jpg is stored and served as a PNG', async () => {
    const id = await seedActivity(t.services, f.b1);
    const res = await upload(sec, id, await pngImage(), '合影.jpg', 'image/jpeg');
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ kind: 'photo', mime: 'image/png', fileName: '合影.png', width: 8, height: 8 });
    const file = await call(t, sec, 'GET', res.json().url);
    expect(file.headers['content-type']).toBe('image/png');
  });

  it('removes EXIF and GPS from a stored JPEG and keeps a preview', async () => {
    const id = await seedActivity(t.services, f.b1);
    const original = await jpegWithGps();
    expect(exifSegment(original)).not.toBeNull();
    const res = await upload(sec, id, original, '现场照片.jpg', 'image/jpeg');
    expect(res.statusCode, res.body).toBe(201);
    const media = res.json();
    expect(media).toMatchObject({ kind: 'photo', mime: 'image/jpeg', width: 64, height: 48 });
    const file = await call(t, sec, 'GET', media.url);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/jpeg');
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect(file.headers['content-disposition']).toContain(`inline; filename="____.jpg"; filename*=UTF-8''${encodeURIComponent('现场照片.jpg')}`);
    const stored = file.rawPayload;
    expect(exifSegment(stored)).toBeNull();
    expect(stored.includes(Buffer.from('GPS-9000'))).toBe(false);
    expect((await sharp(stored).metadata()).exif).toBeUndefined();
    const thumb = await call(t, sec, 'GET', media.thumbUrl);
    expect(thumb.headers['content-type']).toBe('image/webp');
    expect((await sharp(thumb.rawPayload).metadata()).format).toBe('webp');
  });

  it('streams a video with Range requests (206 with the right bytes, 416 beyond the end) after blanking its location', async () => {
    const id = await seedActivity(t.services, f.b1);
    const mp4 = mp4WithLocation(10_000);
    const res = await upload(sec, id, mp4, 'meeting.mp4', 'application/octet-stream');
    expect(res.statusCode, res.body).toBe(201);
    const { url, size, mime } = res.json();
    expect(mime).toBe('video/mp4');
    expect(size).toBe(mp4.length);
    const whole = await call(t, sec, 'GET', url);
    expect(whole.statusCode).toBe(200);
    expect(whole.headers['accept-ranges']).toBe('bytes');
    const stored = whole.rawPayload;
    expect(stored.includes(Buffer.from(MP4_LOCATION))).toBe(false);
    // The media data is untouched.
    expect(stored.subarray(stored.length - 10_000).equals(mp4.subarray(mp4.length - 10_000))).toBe(true);

    const get = (range: string) => t.app.inject(as(sec, { method: 'GET', url, headers: { range } }));
    const part = await get('bytes=100-199');
    expect(part.statusCode).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 100-199/${size}`);
    expect(part.headers['content-length']).toBe('100');
    expect(part.rawPayload.equals(stored.subarray(100, 200))).toBe(true);
    const open = await get(`bytes=${size - 50}-`);
    expect(open.statusCode).toBe(206);
    expect(open.rawPayload.equals(stored.subarray(size - 50))).toBe(true);
    const suffix = await get('bytes=-20');
    expect(suffix.headers['content-range']).toBe(`bytes ${size - 20}-${size - 1}/${size}`);
    expect(suffix.rawPayload.equals(stored.subarray(size - 20))).toBe(true);
    const beyond = await get(`bytes=${size}-`);
    expect(beyond.statusCode).toBe(416);
    expect(beyond.headers['content-range']).toBe(`bytes */${size}`);
    expect(codeOf(beyond)).toBe('MEDIA_RANGE_NOT_SATISFIABLE');
  });

  it('accepts Word and refuses a renamed macro workbook and files above the limit', async () => {
    const id = await seedActivity(t.services, f.b1);
    const docx = zipOf({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' });
    const ok = await upload(sec, id, docx, '会议材料.docx', 'application/octet-stream');
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ kind: 'attachment', fileName: '会议材料.docx' });
    const file = await call(t, sec, 'GET', ok.json().url);
    expect(file.headers['content-disposition']).toMatch(/^attachment; /);
    const macro = zipOf({ '[Content_Types].xml': '<Types/>', 'xl/workbook.xml': '<workbook/>', 'xl/vbaProject.bin': 'macro' });
    expect(codeOf(await upload(sec, id, macro, '表格.xlsx', 'application/octet-stream'))).toBe('MEDIA_TYPE_REFUSED');
    const big = await upload(sec, id, Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(70 * 1024)]), 'big.pdf', 'application/pdf');
    expect(big.statusCode).toBe(413);
    expect(codeOf(big)).toBe('MEDIA_TOO_LARGE');
  });

  it('lists, exports and deletes media while the record is a draft', async () => {
    const id = await seedActivity(t.services, f.b1);
    const a = await upload(sec, id, await pngImage(), 'a.png', 'image/png');
    await upload(sec, id, mp4WithLocation(100), 'b.mp4', 'video/mp4');
    const list = await call(t, sec, 'GET', `/api/activities/${id}/media?kind=photo`);
    expect(list.json().total).toBe(1);
    const exp = await call(t, sec, 'GET', `/api/activities/${id}/media/export`);
    expect(exp.statusCode).toBe(200);
    expect(exp.headers['content-type']).toContain('spreadsheetml');
    expect((await call(t, committee, 'DELETE', `/api/activities/${id}/media/${a.json().id}`)).statusCode).toBe(403);
    expect((await call(t, sec, 'DELETE', `/api/activities/${id}/media/${a.json().id}`)).statusCode).toBe(204);
    expect((await call(t, sec, 'GET', a.json().url)).statusCode).toBe(404);
    expect((await call(t, sec, 'GET', `/api/activities/${id}/media`)).json().total).toBe(1);
  });
});

describe('submission and amendments', () => {
  it('will not submit before the activity starts, nor without minutes', async () => {
    const future = await seedActivity(t.services, f.b1, { startsAt: new Date(Date.now() + 86_400_000) });
    await saveDraft(future, { minutesHtml: '<p>预先准备</p>' });
    expect(codeOf(await call(t, sec, 'POST', `/api/activities/${future}/record/submit`, {}))).toBe('RECORD_NOT_HELD');
    const empty = await heldActivity();
    await saveDraft(empty, { minutesHtml: '<p><script>x</script> </p>' });
    const res = await call(t, sec, 'POST', `/api/activities/${empty}/record/submit`, {});
    expect(res.statusCode).toBe(409);
    expect(codeOf(res)).toBe('RECORD_MINUTES_EMPTY');
  });

  it('locks the record and the activity, freezes the figures and writes every attendee’s file', async () => {
    const id = await heldActivity();
    const photo = await upload(sec, id, await pngImage(), '合影.png', 'image/png');
    await saveDraft(id, { minutesHtml: '<p>学习了党章。</p>', checklist: { fixed: [{ label: '诵读党章', done: true }], extra: [] } });
    const res = await call(t, sec, 'POST', `/api/activities/${id}/record/submit`, {});
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r).toMatchObject({ state: 'submitted', submittedName: '测试branch_secretary', canEdit: false, canAmend: true });
    // 应到: the 5 members of B1 (4 full, 1 probationary); 实到 3; the guest counted apart.
    expect(r.figures).toEqual({ expected: 5, present: 3, leave: 0, guests: 1, frozen: true });
    const [a] = await t.services.db.select().from(activities).where(eq(activities.id, id));
    expect(a.lockedAt).not.toBeNull();

    // Locked: a second PUT, an upload, a deletion and a second submission answer 409 with a clear code.
    const put = await saveDraft(id, { minutesHtml: '<p>改</p>' });
    expect(put.statusCode).toBe(409);
    expect(codeOf(put)).toBe('RECORD_SUBMITTED');
    expect(put.json().error.message).toContain('追加修改');
    expect(codeOf(await upload(sec, id, await pngImage(), 'late.png', 'image/png'))).toBe('RECORD_SUBMITTED');
    expect(codeOf(await call(t, sec, 'DELETE', `/api/activities/${id}/media/${photo.json().id}`))).toBe('RECORD_SUBMITTED');
    expect(codeOf(await call(t, sec, 'POST', `/api/activities/${id}/record/submit`, {}))).toBe('RECORD_SUBMITTED');

    // Frozen: a late check-in does not change the submitted figures.
    await seedCheckin(t.services, { countyCode: f.b1.countyCode, activityId: id, hostOrgId: f.b1.id }, { id: m.full3, orgId: f.b1.id });
    expect((await call(t, sec, 'GET', `/api/activities/${id}/record`)).json().figures.present).toBe(3);

    // One file entry per attendee, the guest marked as such; nobody else.
    const entries = await t.services.db.select().from(memberEvents).where(and(eq(memberEvents.section, 'activity'), eq(memberEvents.source, 'activity-records')));
    const mine = entries.filter((e) => (e.detail as { activityId: string }).activityId === id);
    expect(mine.map((e) => e.memberId).sort()).toEqual([m.full1, m.full2, m.probationary, m.guest].sort());
    const guest = mine.find((e) => e.memberId === m.guest)!;
    expect(guest.title).toBe('参加主题党日：五月主题党日（非隶属）');
    expect(guest.detail).toMatchObject({ attendedAs: 'guest', typeName: '主题党日', title: '五月主题党日', orgId: f.b1.id, orgName: f.b1.name });
    expect(mine.find((e) => e.memberId === m.full1)!.detail).toMatchObject({ attendedAs: 'member' });
    // The member sees it in their file.
    const file = await call(t, sec, 'GET', `/api/members/${m.full1}/file`);
    expect(file.json().items.some((e: { title: string }) => e.title === '参加主题党日：五月主题党日')).toBe(true);
  });

  it('appends amendments with reason, author and changes, audits them, and never overwrites the original', async () => {
    const id = await heldActivity();
    await saveDraft(id, { minutesHtml: '<p>原始纪要</p>', decisions: [{ subject: '议题一', decision: '同意', votesFor: 3, votesAgainst: 0, votesAbstain: 0 }] });
    expect(codeOf(await call(t, sec, 'POST', `/api/activities/${id}/record/amendments`, { reason: '太早', minutesHtml: '<p>x</p>' }))).toBe('RECORD_NOT_SUBMITTED');
    await call(t, sec, 'POST', `/api/activities/${id}/record/submit`, {});

    const noReason = await call(t, sec, 'POST', `/api/activities/${id}/record/amendments`, { minutesHtml: '<p>x</p>' });
    expect(noReason.statusCode).toBe(400);
    expect(fieldsOf(noReason)).toContain('body.reason:required');
    const same = await call(t, sec, 'POST', `/api/activities/${id}/record/amendments`, { reason: '无改动', minutesHtml: '<p>原始纪要</p>' });
    expect(codeOf(same)).toBe('RECORD_AMENDMENT_EMPTY');

    const first = await call(t, sec, 'POST', `/api/activities/${id}/record/amendments`, { reason: '补记讨论内容', minutesHtml: '<p>原始纪要</p><p>补充：讨论了发展党员工作。</p>' });
    expect(first.statusCode, first.body).toBe(201);
    const second = await call(t, sec, 'POST', `/api/activities/${id}/record/amendments`, {
      reason: '更正表决票数',
      decisions: [{ subject: '议题一', decision: '同意', votesFor: 2, votesAgainst: 1, votesAbstain: 0 }],
    });
    expect(second.statusCode, second.body).toBe(201);
    const r = second.json();
    // The original as submitted stays.
    expect(r.minutesHtml).toBe('<p>原始纪要</p>');
    expect(r.decisions[0].votesFor).toBe(3);
    // The amendments in order: who, why, what changed from what.
    expect(r.amendments.map((x: { seq: number; reason: string; actorName: string }) => [x.seq, x.reason, x.actorName])).toEqual([
      [1, '补记讨论内容', '测试branch_secretary'],
      [2, '更正表决票数', '测试branch_secretary'],
    ]);
    expect(r.amendments[0].changes.minutesHtml).toEqual({ before: '<p>原始纪要</p>', after: '<p>原始纪要</p><p>补充：讨论了发展党员工作。</p>' });
    expect(r.amendments[1].changes.decisions.before[0].votesFor).toBe(3);
    expect(r.amendments[1].changes.minutesHtml).toBeUndefined();
    // The current content applies both.
    expect(r.current.minutesHtml).toContain('补充');
    expect(r.current.decisions[0]).toMatchObject({ votesFor: 2, passed: true });

    const audits = await t.database.query<{ action: string; reason: string; detail: { seq: number; fields: string[] } }>(
      `SELECT action, reason, detail FROM audit_log WHERE object_id = $1 AND action = 'activity_record.amend' ORDER BY seq`,
      [id],
    );
    expect(audits.map((a) => [a.reason, a.detail.seq, a.detail.fields])).toEqual([
      ['补记讨论内容', 1, ['minutesHtml']],
      ['更正表决票数', 2, ['decisions']],
    ]);

    // The database refuses to change or remove the trail.
    await expect(t.database.query(`UPDATE activity_record_amendments SET reason = 'tampered' WHERE activity_id = $1`, [id])).rejects.toThrow(/append-only/);
    await expect(t.database.query(`DELETE FROM activity_record_amendments WHERE activity_id = $1`, [id])).rejects.toThrow(/append-only/);
    await expect(t.database.query(`UPDATE activity_records SET minutes_html = 'tampered' WHERE activity_id = $1`, [id])).rejects.toThrow(/submitted/);
    await expect(t.database.query(`DELETE FROM activity_records WHERE activity_id = $1`, [id])).rejects.toThrow(/submitted/);
  });
});

describe('members who attended', () => {
  it('see the submitted record and its photos; others get 404', async () => {
    const id = await heldActivity();
    const photo = await upload(sec, id, await jpegWithGps(), 'p.jpg', 'image/jpeg');
    await saveDraft(id, { minutesHtml: '<p>纪要</p>' });
    const attendee = await memberSession(t, sec, m.full1, testIdNumber(1));
    const absentee = await memberSession(t, sec, m.absent, testIdNumber(4));
    // Not before submission.
    expect((await call(t, attendee, 'GET', `/api/me/activities/${id}/record`)).statusCode).toBe(404);
    await call(t, sec, 'POST', `/api/activities/${id}/record/submit`, {});
    const mine = await call(t, attendee, 'GET', `/api/me/activities/${id}/record`);
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json()).toMatchObject({ state: 'submitted', minutesHtml: '<p>纪要</p>', canEdit: false, canAmend: false });
    const media = await call(t, attendee, 'GET', `/api/me/activities/${id}/media`);
    expect(media.json().items[0].url).toBe(`/api/me/media/${photo.json().id}`);
    const file = await call(t, attendee, 'GET', media.json().items[0].url);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/jpeg');
    for (const url of [`/api/me/activities/${id}/record`, `/api/me/activities/${id}/media`, `/api/me/media/${photo.json().id}`])
      expect((await call(t, absentee, 'GET', url)).statusCode, url).toBe(404);
    // Members do not reach the administrators' routes.
    expect((await call(t, attendee, 'GET', `/api/media/${photo.json().id}`)).statusCode).toBe(403);
  });
});
