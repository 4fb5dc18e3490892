import multipart from '@fastify/multipart';
import { pageOf } from '../../core/http/pagination.ts';
import { type App, defineModule } from '../../core/module.ts';
import {
  AmendmentBody, DraftBody, IdParams, MediaDto, MediaFileQuery, MediaFilter, MediaListQuery, MediaParams, RecordDto, SubmitBody,
} from './activity-records.schemas.ts';
import { deleteMedia, exportMedia, listMedia, listMyMedia, serveMedia, serveMyMedia, uploadMedia } from './media.service.ts';
import { followLateAttendees } from './late-attendees.ts';
import { amendRecord, getRecord, myRecord, saveDraft, submitRecord } from './records.service.ts';

const tags = ['activity-records'];

/** The multipart upload, in its own scope: only this route parses multipart/form-data. */
async function uploadRoute(app: App) {
  await app.register(multipart, { throwFileSizeLimit: true });
  app.post(
    '/api/activities/:id/media',
    {
      config: { access: 'activity.write' },
      schema: {
        tags,
        summary:
          'Upload a photo (JPEG/PNG/WebP, EXIF and GPS removed), a video (MP4/WebM, location metadata removed) or an attachment (PDF/DOCX/XLSX) as multipart/form-data field "file"; the type is judged by content; only while the record is a draft',
        params: IdParams,
        response: { 201: MediaDto },
      },
    },
    async (req, reply) => reply.status(201).send(await uploadMedia(req.ctx, req.params.id, req)),
  );
}

/** 会议记录: minutes, decisions, the 主题党日 checklist, media; submission locks; amendments are appended. */
export const activityRecordsModule = defineModule({
  name: 'activity-records',
  async routes(app, services) {
    followLateAttendees(services);
    app.get(
      '/api/activities/:id/record',
      { config: { access: 'activity.read' }, schema: { tags, summary: 'The record of an activity (an empty draft until saved), its amendments and figures', params: IdParams, response: { 200: RecordDto } } },
      (req) => getRecord(req.ctx, req.params.id),
    );
    app.put(
      '/api/activities/:id/record',
      { config: { access: 'activity.write' }, schema: { tags, summary: 'Save the draft (minutes sanitized on the server); 409 RECORD_SUBMITTED once submitted', params: IdParams, body: DraftBody, response: { 200: RecordDto } } },
      (req) => saveDraft(req.ctx, req.params.id, req.body),
    );
    app.post(
      '/api/activities/:id/record/submit',
      {
        config: { access: 'activity.write' },
        schema: { tags, summary: 'Submit and lock the record and the activity; freezes 应到/实到/请假; writes every attendee’s electronic file', params: IdParams, body: SubmitBody, response: { 200: RecordDto } },
      },
      (req) => submitRecord(req.ctx, req.params.id, req.body?.version),
    );
    app.post(
      '/api/activities/:id/record/amendments',
      { config: { access: 'activity.write' }, schema: { tags, summary: 'Append an amendment (reason required) to a submitted record; the original stays', params: IdParams, body: AmendmentBody, response: { 201: RecordDto } } },
      async (req, reply) => reply.status(201).send(await amendRecord(req.ctx, req.params.id, req.body)),
    );
    await app.register(async (scope) => uploadRoute(scope as unknown as App));
    app.get(
      '/api/activities/:id/media',
      { config: { access: 'activity.read' }, schema: { tags, summary: 'Photos, videos and attachments of an activity, oldest first', params: IdParams, querystring: MediaListQuery, response: { 200: pageOf(MediaDto) } } },
      (req) => listMedia(req.ctx, req.params.id, req.query),
    );
    app.get(
      '/api/activities/:id/media/export',
      { config: { access: 'activity.read' }, schema: { tags, summary: 'Export the media list of an activity to Excel', params: IdParams, querystring: MediaFilter } },
      (req, reply) => exportMedia(req.ctx, reply, req.params.id, req.query),
    );
    app.delete(
      '/api/activities/:id/media/:mediaId',
      { config: { access: 'activity.write' }, schema: { tags, summary: 'Delete a file while the record is a draft', params: MediaParams } },
      async (req, reply) => {
        await deleteMedia(req.ctx, req.params.id, req.params.mediaId);
        return reply.status(204).send();
      },
    );
    app.get(
      '/api/media/:id',
      { config: { access: 'activity.read' }, schema: { tags, summary: 'A stored file (its detected type, Content-Disposition, nosniff); Range requests answer 206', params: IdParams, querystring: MediaFileQuery } },
      (req, reply) => serveMedia(req.ctx, req.params.id, req.query, req, reply),
    );
    app.get(
      '/api/me/activities/:id/record',
      { config: { access: 'self.activity' }, schema: { tags: ['self'], summary: 'The submitted record of an activity I attended', params: IdParams, response: { 200: RecordDto } } },
      (req) => myRecord(req.ctx, req.params.id),
    );
    app.get(
      '/api/me/activities/:id/media',
      { config: { access: 'self.activity' }, schema: { tags: ['self'], summary: 'Photos, videos and attachments of the submitted record of an activity I attended', params: IdParams, querystring: MediaListQuery, response: { 200: pageOf(MediaDto) } } },
      (req) => listMyMedia(req.ctx, req.params.id, req.query),
    );
    app.get(
      '/api/me/media/:id',
      { config: { access: 'self.activity' }, schema: { tags: ['self'], summary: 'A file of the submitted record of an activity I attended (Range requests answer 206)', params: IdParams, querystring: MediaFileQuery } },
      (req, reply) => serveMyMedia(req.ctx, req.params.id, req.query, req, reply),
    );
  },
});
