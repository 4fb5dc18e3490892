import { z } from 'zod';
import { exportXlsx, shanghaiTime } from '../../core/excel.ts';
import { pageOf } from '../../core/http/pagination.ts';
import { defineModule } from '../../core/module.ts';
import { activitiesRepo } from './activities.repo.ts';
import {
  ActivityDto, ActivityFilterQuery, ActivityItemDto, ActivityListQuery, ActivityTypeDto, AttendanceDto, CancelBody, CreateActivityBody, DecideLeaveBody, IdParams, LeaveBody, LeaveDto,
  SelfLeaveBody, UpdateActivityBody,
} from './activities.schemas.ts';
import { activitiesForExport, cancelActivity, createActivity, getActivity, listActivities, listActivityTypes, updateActivity } from './activities.service.ts';
import { activityWords, channelLabel, statusLabel } from './activity-labels.ts';
import { attendanceOf } from './attendance.ts';
import { decideLeave, listLeaves, recordLeave, requestOwnLeave } from './leaves.ts';
import { notFound } from '../../core/errors/app-error.ts';
import type { ActivityJoined } from './activities.repo.ts';

const tags = ['activities'];
const READERS = ['county_admin', 'township_admin', 'branch_secretary', 'branch_committee'] as const;
const WRITERS = ['county_admin', 'township_admin', 'branch_secretary'] as const;

/**
 * Activities (三会一课, 主题党日, …): plan, change, cancel; attendance per DOMAIN §3 (应到 / 实到 /
 * 请假 / 不计到会率, guests, obligations met elsewhere); leave requests.
 */
export const activitiesModule = defineModule({
  name: 'activities',
  permissions: {
    'activity.read': { description: 'See activities in scope, their attendance, leave and records', roles: [...READERS] },
    'activity.write': { description: 'Plan and change activities in scope, decide leave, record attendance later (补签)', roles: [...WRITERS] },
    'self.activity': { description: 'A member’s own activities, card QR, check-in and leave requests', roles: ['member'] },
  },
  routes(app) {
    app.get(
      '/api/activity-types',
      { config: { access: 'authenticated' }, schema: { tags, summary: 'Activity types', response: { 200: z.object({ items: z.array(ActivityTypeDto) }) } } },
      (req) => listActivityTypes(req.ctx),
    );
    app.get(
      '/api/activities',
      { config: { access: 'activity.read' }, schema: { tags, summary: 'Activities in scope, newest first', querystring: ActivityListQuery, response: { 200: pageOf(ActivityItemDto) } } },
      (req) => listActivities(req.ctx, req.query),
    );
    app.get(
      '/api/activities/export',
      { config: { access: 'activity.read' }, schema: { tags, summary: 'Export activities in scope to Excel', querystring: ActivityFilterQuery } },
      async (req, reply) => {
        const w = activityWords(req.ctx.lang);
        const src = await activitiesForExport(req.ctx, req.query);
        const lang = req.ctx.lang;
        const types = new Map((await listActivityTypes(req.ctx)).items.map((t) => [t.code, lang === 'en' ? t.nameEn : t.nameZh]));
        return exportXlsx<ActivityJoined>(req.ctx, reply, {
          name: 'activities',
          title: w.title,
          filters: req.query,
          count: src.count,
          rows: src.rows,
          columns: [
            { header: w.org, value: (r) => r.orgName, width: 30 },
            { header: w.type, value: (r) => types.get(r.a.type as never) ?? r.a.type, width: 14 },
            { header: w.name, value: (r) => r.a.title, width: 30 },
            { header: w.startsAt, value: (r) => shanghaiTime(r.a.startsAt), width: 20 },
            { header: w.endsAt, value: (r) => shanghaiTime(r.a.endsAt), width: 20 },
            { header: w.place, value: (r) => r.a.place, width: 20 },
            { header: w.state, value: (r) => w[r.a.state], width: 8 },
            { header: w.present, value: (r) => r.a.presentCount, width: 10 },
            { header: w.guests, value: (r) => r.a.guestCount, width: 10 },
            { header: w.remote, value: (r) => r.a.remoteCount, width: 10 },
            { header: w.manual, value: (r) => r.a.manualCount, width: 8 },
          ],
        });
      },
    );
    app.post(
      '/api/activities',
      { config: { access: 'activity.write' }, schema: { tags, summary: 'Plan an activity', body: CreateActivityBody, response: { 201: ActivityDto } } },
      async (req, reply) => reply.code(201).send(await createActivity(req.ctx, req.body)),
    );
    app.get(
      '/api/activities/:id',
      { config: { access: 'activity.read' }, schema: { tags, summary: 'One activity', params: IdParams, response: { 200: ActivityDto } } },
      (req) => getActivity(req.ctx, req.params.id),
    );
    app.patch(
      '/api/activities/:id',
      { config: { access: 'activity.write' }, schema: { tags, summary: 'Change an activity (until its record is submitted)', params: IdParams, body: UpdateActivityBody, response: { 200: ActivityDto } } },
      (req) => updateActivity(req.ctx, req.params.id, req.body),
    );
    app.post(
      '/api/activities/:id/cancel',
      { config: { access: 'activity.write' }, schema: { tags, summary: 'Cancel an activity with a reason', params: IdParams, body: CancelBody, response: { 200: ActivityDto } } },
      (req) => cancelActivity(req.ctx, req.params.id, req.body.reason),
    );
    app.get(
      '/api/activities/:id/attendance',
      { config: { access: 'activity.read' }, schema: { tags, summary: 'Attendance: 应到, 实到, leave, exclusions, guests, rate, rows', params: IdParams, response: { 200: AttendanceDto } } },
      (req) => attendanceOf(req.ctx, req.params.id),
    );
    app.get(
      '/api/activities/:id/attendance/export',
      { config: { access: 'activity.read' }, schema: { tags, summary: 'Export the attendance of an activity to Excel', params: IdParams } },
      async (req, reply) => {
        const ctx = req.ctx;
        const r = await activitiesRepo(ctx, 'activity.read').byId(req.params.id);
        if (!r) throw notFound();
        const att = await attendanceOf(ctx, req.params.id);
        const w = activityWords(ctx.lang);
        type Row = (typeof att.rows)[number];
        return exportXlsx<Row>(ctx, reply, {
          name: 'attendance',
          title: `${w.attendanceTitle} ${r.a.title}`,
          filters: { activityId: req.params.id },
          count: async () => att.rows.length,
          rows: async (limit) => att.rows.slice(0, limit),
          columns: [
            { header: w.member, value: (x) => x.name, width: 12 },
            { header: w.org, value: (x) => x.orgName, width: 30 },
            { header: w.status, value: (x) => statusLabel(ctx.lang, x.status), width: 12 },
            { header: w.channel, value: (x) => channelLabel(ctx.lang, x.channel), width: 10 },
            { header: w.at, value: (x) => shanghaiTime(x.at), width: 20 },
          ],
        });
      },
    );
    app.get(
      '/api/activities/:id/leaves',
      { config: { access: 'activity.read' }, schema: { tags, summary: 'Leave requests of an activity', params: IdParams, response: { 200: z.object({ items: z.array(LeaveDto) }) } } },
      (req) => listLeaves(req.ctx, req.params.id),
    );
    app.post(
      '/api/activities/:id/leaves',
      { config: { access: 'activity.write' }, schema: { tags, summary: 'Record a member’s leave (approved)', params: IdParams, body: LeaveBody, response: { 201: LeaveDto } } },
      async (req, reply) => reply.code(201).send(await recordLeave(req.ctx, req.params.id, req.body.memberId, req.body.reason)),
    );
    app.post(
      '/api/leaves/:id/decide',
      { config: { access: 'activity.write' }, schema: { tags, summary: 'Approve or reject a leave request', params: IdParams, body: DecideLeaveBody, response: { 200: LeaveDto } } },
      (req) => decideLeave(req.ctx, req.params.id, req.body),
    );
    app.post(
      '/api/me/activities/:id/leave',
      { config: { access: 'self.activity' }, schema: { tags: ['self'], summary: 'Ask for leave from an activity', params: IdParams, body: SelfLeaveBody, response: { 201: LeaveDto } } },
      async (req, reply) => reply.code(201).send(await requestOwnLeave(req.ctx, req.params.id, req.body.reason)),
    );
  },
});
