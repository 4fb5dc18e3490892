// Photos, videos and attachments of an activity: upload (checked by content, cleaned, stored by
// hash), list and export, delete while the record is a draft, and serving with Range requests.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import type { MultipartFile } from '@fastify/multipart';
import { and, asc, count, eq } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Ctx } from '../../core/access/context.ts';
import { inSubtree } from '../../core/access/scope.ts';
import { audit } from '../../core/audit/audit.ts';
import { AppError, notFound } from '../../core/errors/app-error.ts';
import { exportXlsx, shanghaiTime } from '../../core/excel.ts';
import { limitOffset } from '../../core/http/pagination.ts';
import { uuidv7 } from '../../core/ids.ts';
import { activities } from '../activities/activities.tables.ts';
import { checkins } from '../checkin/checkin.tables.ts';
import { organizations } from '../orgs/orgs.tables.ts';
import { activityMedia, activityRecords } from './activity-records.tables.ts';
import type { MediaDto, MediaFileQuery, MediaFilter, MediaListQuery } from './activity-records.schemas.ts';
import { displayName, mediaPath, parseRange, storeUpload } from './media-store.ts';
import { activityFor, assertDraft, assertNotCancelled, lockedRecord, recordSubmitted } from './records.service.ts';

type MediaRow = typeof activityMedia.$inferSelect;

/** The API shape of a stored file. */
export function mediaDto(m: MediaRow, base = '/api/media'): z.infer<typeof MediaDto> {
  return {
    id: m.id,
    kind: m.kind,
    mime: m.mime,
    size: m.size,
    fileName: m.fileName,
    width: m.width,
    height: m.height,
    url: `${base}/${m.id}`,
    thumbUrl: m.thumbSha256 ? `${base}/${m.id}?thumb=1` : null,
    sha256: m.sha256,
    uploadedName: m.uploadedName,
    uploadedAt: m.uploadedAt.toISOString(),
  };
}

/**
 * Takes one multipart upload for an activity in write scope whose record is still a draft. The
 * scope and state are checked before the file is read, and again (under the record's lock) before
 * the row is written, so a submission in between wins.
 */
export async function uploadMedia(ctx: Ctx, id: string, req: FastifyRequest): Promise<z.infer<typeof MediaDto>> {
  const { config, db } = ctx.services;
  const r = await activityFor(ctx, id, 'activity.write');
  assertNotCancelled(r);
  if (await recordSubmitted(db, r.a.countyCode, r.a.id)) throw new AppError(409, 'RECORD_SUBMITTED');
  if (!req.isMultipart()) throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE');
  const limits = config.mediaMaxBytes;
  let part: MultipartFile | undefined;
  try {
    part = await req.file({ limits: { fileSize: Math.max(limits.photo, limits.video, limits.attachment), files: 1, fields: 5, parts: 6 } });
  } catch (e) {
    const code = (e as { code?: string }).code ?? '';
    if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE');
    // A malformed multipart body (no boundary, cut off, too many parts).
    throw new AppError(400, 'MEDIA_UPLOAD_INVALID');
  }
  if (part?.fieldname !== 'file') {
    part?.file.resume();
    throw new AppError(400, 'MEDIA_FILE_MISSING');
  }
  const stored = await storeUpload(config.dataDir, r.a.countyCode, part.file, limits);
  const row: MediaRow = {
    countyCode: r.a.countyCode,
    id: uuidv7(),
    activityId: r.a.id,
    kind: stored.detected.kind,
    mime: stored.detected.mime,
    sha256: stored.sha256,
    size: stored.size,
    fileName: displayName(part.filename, stored.detected),
    width: stored.width,
    height: stored.height,
    thumbSha256: stored.thumbSha256,
    uploadedBy: ctx.actor?.accountId ?? null,
    uploadedName: ctx.actor?.displayName ?? 'system',
    uploadedAt: new Date(),
  };
  await db.transaction(async (tx) => {
    const again = await activityFor(ctx, id, 'activity.write', tx);
    assertNotCancelled(again);
    assertDraft(await lockedRecord(tx, again));
    await tx.insert(activityMedia).values(row);
    await audit(ctx, tx, {
      action: 'activity_media.upload',
      result: 'success',
      objectType: 'activity_media',
      objectId: row.id,
      orgId: r.a.orgId,
      detail: { activityId: r.a.id, kind: row.kind, mime: row.mime, size: row.size, sha256: row.sha256, fileName: row.fileName, declaredType: part.mimetype },
    });
  });
  return mediaDto(row);
}

const ofActivity = (countyCode: string, activityId: string, kind?: string) =>
  and(eq(activityMedia.countyCode, countyCode), eq(activityMedia.activityId, activityId), kind ? eq(activityMedia.kind, kind as MediaRow['kind']) : undefined);

/** The media of an activity in read scope, oldest first, a page at a time. */
export async function listMedia(ctx: Ctx, id: string, q: z.infer<typeof MediaListQuery>) {
  const db = ctx.services.db;
  const r = await activityFor(ctx, id, 'activity.read');
  const where = ofActivity(r.a.countyCode, r.a.id, q.kind);
  const { limit, offset } = limitOffset(q);
  const rows = await db.select().from(activityMedia).where(where).orderBy(asc(activityMedia.uploadedAt), asc(activityMedia.id)).limit(limit).offset(offset);
  const [{ n }] = await db.select({ n: count() }).from(activityMedia).where(where);
  return { items: rows.map((m) => mediaDto(m)), total: Number(n) };
}

const KIND_LABEL = { photo: '照片 Photo', video: '视频 Video', attachment: '附件 Attachment' } as const;

/** The media list of an activity as an Excel file (watermarked and audited by exportXlsx). */
export async function exportMedia(ctx: Ctx, reply: FastifyReply, id: string, q: z.infer<typeof MediaFilter>) {
  const db = ctx.services.db;
  const r = await activityFor(ctx, id, 'activity.read');
  const where = ofActivity(r.a.countyCode, r.a.id, q.kind);
  return exportXlsx(ctx, reply, {
    name: 'activity-media',
    title: `${r.a.title} 照片视频附件 Media`,
    filters: { activityId: r.a.id, ...q },
    count: async () => Number((await db.select({ n: count() }).from(activityMedia).where(where))[0].n),
    rows: (limit) => db.select().from(activityMedia).where(where).orderBy(asc(activityMedia.uploadedAt), asc(activityMedia.id)).limit(limit),
    columns: [
      { header: '文件名 File', value: (m) => m.fileName, width: 36 },
      { header: '类别 Kind', value: (m) => KIND_LABEL[m.kind] },
      { header: '类型 Type', value: (m) => m.mime, width: 28 },
      { header: '大小(字节) Bytes', value: (m) => m.size },
      { header: '上传人 Uploaded by', value: (m) => m.uploadedName },
      { header: '上传时间 Uploaded at', value: (m) => shanghaiTime(m.uploadedAt), width: 22 },
      { header: 'SHA-256', value: (m) => m.sha256, width: 66 },
    ],
  });
}

/**
 * Deletes one file of an activity while its record is a draft (audited). The bytes go too unless
 * another row (the same content uploaded elsewhere in the county) still uses them.
 */
export async function deleteMedia(ctx: Ctx, id: string, mediaId: string) {
  const { db, config } = ctx.services;
  const gone = await db.transaction(async (tx) => {
    const r = await activityFor(ctx, id, 'activity.write', tx);
    assertDraft(await lockedRecord(tx, r));
    const [m] = await tx.delete(activityMedia).where(and(ofActivity(r.a.countyCode, r.a.id), eq(activityMedia.id, mediaId))).returning();
    if (!m) throw notFound();
    await audit(ctx, tx, {
      action: 'activity_media.delete',
      result: 'success',
      objectType: 'activity_media',
      objectId: m.id,
      orgId: r.a.orgId,
      detail: { activityId: r.a.id, kind: m.kind, fileName: m.fileName, sha256: m.sha256 },
    });
    return m;
  });
  for (const sha of [gone.sha256, gone.thumbSha256]) {
    if (!sha) continue;
    const [{ n }] = await db.select({ n: count() }).from(activityMedia).where(and(eq(activityMedia.countyCode, gone.countyCode), eq(activityMedia.sha256, sha)));
    const [{ t }] = await db.select({ t: count() }).from(activityMedia).where(and(eq(activityMedia.countyCode, gone.countyCode), eq(activityMedia.thumbSha256, sha)));
    if (Number(n) + Number(t) === 0) await fsp.rm(mediaPath(config.dataDir, gone.countyCode, sha), { force: true });
  }
}

/** One file whose activity lies in the caller's read scope. */
async function scopedMedia(ctx: Ctx, mediaId: string): Promise<MediaRow | null> {
  const [row] = await ctx.services.db
    .select({ m: activityMedia })
    .from(activityMedia)
    .innerJoin(activities, and(eq(activities.countyCode, activityMedia.countyCode), eq(activities.id, activityMedia.activityId)))
    .innerJoin(organizations, and(eq(organizations.countyCode, activities.countyCode), eq(organizations.id, activities.orgId)))
    .where(and(eq(activityMedia.countyCode, ctx.actor?.countyCode ?? ''), eq(activityMedia.id, mediaId), inSubtree(organizations.path, ctx.scope('activity.read'))));
  return row?.m ?? null;
}

/** One file of a submitted record of an activity the member attended. */
async function selfMedia(ctx: Ctx, mediaId: string): Promise<MediaRow | null> {
  const memberId = ctx.actor?.memberId;
  if (!memberId) return null;
  const [row] = await ctx.services.db
    .select({ m: activityMedia })
    .from(activityMedia)
    .innerJoin(activityRecords, and(eq(activityRecords.countyCode, activityMedia.countyCode), eq(activityRecords.activityId, activityMedia.activityId)))
    .innerJoin(checkins, and(eq(checkins.countyCode, activityMedia.countyCode), eq(checkins.activityId, activityMedia.activityId), eq(checkins.memberId, memberId)))
    .where(and(eq(activityMedia.countyCode, ctx.actor?.countyCode ?? ''), eq(activityMedia.id, mediaId), eq(activityRecords.state, 'submitted')));
  return row?.m ?? null;
}

/** `attachment; filename="…"; filename*=UTF-8''…` (an ASCII fallback and the real name). */
export function contentDisposition(type: 'inline' | 'attachment', name: string) {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${type}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * Sends a stored file: its detected type, a Content-Disposition (photos and videos inline unless
 * `download=1`, documents always as attachments), nosniff, and HTTP Range support (206 with
 * Content-Range; 416 beyond the end) so videos stream and seek.
 */
async function sendMedia(ctx: Ctx, m: MediaRow | null, q: z.infer<typeof MediaFileQuery>, req: FastifyRequest, reply: FastifyReply) {
  if (!m) throw notFound();
  const thumb = q.thumb === '1';
  const sha = thumb ? m.thumbSha256 : m.sha256;
  if (!sha) throw notFound();
  const file = mediaPath(ctx.services.config.dataDir, m.countyCode, sha);
  let size: number;
  try {
    size = (await fsp.stat(file)).size;
  } catch {
    throw notFound();
  }
  const mime = thumb ? 'image/webp' : m.mime;
  const inline = (m.kind === 'photo' || m.kind === 'video') && q.download !== '1';
  const name = thumb ? m.fileName.replace(/\.[^.]*$/, '.thumb.webp') : m.fileName;
  const range = parseRange(req.headers.range, size);
  if (range === 'unsatisfiable') throw new AppError(416, 'MEDIA_RANGE_NOT_SATISFIABLE', { size }, undefined, { 'content-range': `bytes */${size}`, 'accept-ranges': 'bytes' });
  reply
    .header('content-type', mime)
    .header('content-disposition', contentDisposition(inline ? 'inline' : 'attachment', name))
    .header('x-content-type-options', 'nosniff')
    .header('accept-ranges', 'bytes')
    .header('etag', `"${sha}"`)
    .header('cache-control', 'private, no-store');
  if (range) {
    reply.status(206).header('content-range', `bytes ${range.start}-${range.end}/${size}`).header('content-length', String(range.end - range.start + 1));
    return reply.send(fs.createReadStream(file, { start: range.start, end: range.end }));
  }
  reply.header('content-length', String(size));
  return reply.send(fs.createReadStream(file));
}

/** A file of an activity in the caller's read scope. */
export async function serveMedia(ctx: Ctx, mediaId: string, q: z.infer<typeof MediaFileQuery>, req: FastifyRequest, reply: FastifyReply) {
  return sendMedia(ctx, await scopedMedia(ctx, mediaId), q, req, reply);
}

/** A file of the submitted record of an activity the member attended. */
export async function serveMyMedia(ctx: Ctx, mediaId: string, q: z.infer<typeof MediaFileQuery>, req: FastifyRequest, reply: FastifyReply) {
  return sendMedia(ctx, await selfMedia(ctx, mediaId), q, req, reply);
}

/** The media of the submitted record of an activity the member attended. */
export async function listMyMedia(ctx: Ctx, id: string, q: z.infer<typeof MediaListQuery>) {
  const db = ctx.services.db;
  const memberId = ctx.actor?.memberId;
  const county = ctx.actor?.countyCode ?? '';
  if (!memberId) throw notFound();
  const [ok] = await db
    .select({ id: checkins.id })
    .from(checkins)
    .innerJoin(activityRecords, and(eq(activityRecords.countyCode, checkins.countyCode), eq(activityRecords.activityId, checkins.activityId)))
    .where(and(eq(checkins.countyCode, county), eq(checkins.activityId, id), eq(checkins.memberId, memberId), eq(activityRecords.state, 'submitted')));
  if (!ok) throw notFound();
  const where = ofActivity(county, id, q.kind);
  const { limit, offset } = limitOffset(q);
  const rows = await db.select().from(activityMedia).where(where).orderBy(asc(activityMedia.uploadedAt), asc(activityMedia.id)).limit(limit).offset(offset);
  const [{ n }] = await db.select({ n: count() }).from(activityMedia).where(where);
  return { items: rows.map((m) => mediaDto(m, '/api/me/media')), total: Number(n) };
}
