// Test fixture: activities with records and media at every target organization of the
// authorization matrix, and helpers for this module's tests. Not used by the application.
import fsp from 'node:fs/promises';
import { uuidv7 } from '../../core/ids.ts';
import type { Services } from '../../core/services.ts';
import type { Fixture, Target } from '../../test/fixture.ts';
import { TARGETS } from '../../test/matrix.ts';
import { activities } from '../activities/activities.tables.ts';
import { checkins } from '../checkin/checkin.tables.ts';
import { activityMedia, activityRecords } from './activity-records.tables.ts';
import { cleanPhoto, mediaDir, mediaPath } from './media-store.ts';
import { JPEG } from './media-content.ts';
import { jpegWithGps } from './test-files.ts';

type Org = { countyCode: string; id: string };

/** Inserts an activity directly (tests only): by default a 主题党日 held yesterday. */
export async function seedActivity(services: Services, org: Org, values: Partial<typeof activities.$inferInsert> = {}) {
  const id = uuidv7();
  const startsAt = values.startsAt ?? new Date(Date.now() - 86_400_000);
  const endsAt = values.endsAt ?? new Date(startsAt.getTime() + 2 * 3_600_000);
  await services.db.insert(activities).values({
    countyCode: org.countyCode, id, orgId: org.id, type: 'theme_day', title: '主题党日', startsAt, endsAt,
    checkinFrom: new Date(startsAt.getTime() - 1_800_000), checkinUntil: endsAt, ...values,
  });
  return id;
}

/** Inserts a check-in directly (tests only). */
export async function seedCheckin(services: Services, a: { countyCode: string; activityId: string; hostOrgId: string }, member: { id: string; orgId: string }, affiliated = true) {
  await services.db.insert(checkins).values({
    countyCode: a.countyCode, id: uuidv7(), activityId: a.activityId, memberId: member.id, hostOrgId: a.hostOrgId, homeOrgId: member.orgId, affiliated,
    channel: 'manual', nonce: `fixture-${uuidv7()}`, recordedName: 'fixture',
  });
}

/** Stores a photo for an activity directly (tests only); returns the media id. */
export async function seedPhoto(services: Services, org: Org, activityId: string) {
  const photo = await cleanPhoto(await jpegWithGps(), JPEG);
  await fsp.mkdir(mediaDir(services.config.dataDir, org.countyCode), { recursive: true });
  const { createHash } = await import('node:crypto');
  const sha256 = createHash('sha256').update(photo.data).digest('hex');
  await fsp.writeFile(mediaPath(services.config.dataDir, org.countyCode, sha256), photo.data);
  const id = uuidv7();
  await services.db.insert(activityMedia).values({
    countyCode: org.countyCode, id, activityId, kind: 'photo', mime: 'image/jpeg', sha256, size: photo.data.length, fileName: '合影.jpg', width: photo.width, height: photo.height, uploadedName: 'fixture',
  });
  return id;
}

/** What the record rows of the matrix need besides the fixture. */
export type RecordsMatrixData = {
  /** A 主题党日 whose record is a draft (saved again and again; photos uploaded to it). */
  draftActivity: Record<Target, string>;
  /** A 主题党日 whose record is submitted, attended by the target's member (amendments appended to it). */
  submittedActivity: Record<Target, string>;
  /** A photo of the submitted record (deleting it is refused: 409 in scope). */
  submittedPhoto: Record<Target, string>;
};

/**
 * At every target organization: a held 主题党日 with a draft record, and one with a submitted
 * record and a photo that the target's member attended. The matrix saves the draft (no state any
 * other row depends on), uploads photos to the draft, appends amendments to the submitted record,
 * and asks for what the lock refuses (submit again, delete a photo of the submitted record: 409).
 */
export async function seedRecordsMatrix(services: Services, f: Fixture & { targetMember: Record<Target, string> }): Promise<RecordsMatrixData> {
  const draftActivity = {} as Record<Target, string>;
  const submittedActivity = {} as Record<Target, string>;
  const submittedPhoto = {} as Record<Target, string>;
  for (const t of TARGETS) {
    const org = f.orgOf[t];
    draftActivity[t] = await seedActivity(services, org, { title: `矩阵草稿活动${t}` });
    await services.db.insert(activityRecords).values({ countyCode: org.countyCode, activityId: draftActivity[t], minutesHtml: '<p>草稿</p>' });
    submittedActivity[t] = await seedActivity(services, org, { title: `矩阵已提交活动${t}`, lockedAt: new Date() });
    await seedCheckin(services, { countyCode: org.countyCode, activityId: submittedActivity[t], hostOrgId: org.id }, { id: f.targetMember[t], orgId: org.id });
    submittedPhoto[t] = await seedPhoto(services, org, submittedActivity[t]);
    await services.db.insert(activityRecords).values({
      countyCode: org.countyCode, activityId: submittedActivity[t], state: 'submitted', minutesHtml: '<p>已提交的会议纪要</p>', submittedName: 'fixture', submittedAt: new Date(),
      expectedCount: 1, presentCount: 1, leaveCount: 0, guestCount: 0, quorumPresent: 1, votingMembers: 1,
    });
  }
  return { draftActivity, submittedActivity, submittedPhoto };
}
