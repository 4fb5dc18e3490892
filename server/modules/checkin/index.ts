import { z } from 'zod';
import { exportXlsx, shanghaiTime } from '../../core/excel.ts';
import { label } from '../../core/i18n/labels.ts';
import { kioskWords } from './checkin-labels.ts';
import { pageOf } from '../../core/http/pagination.ts';
import { defineModule } from '../../core/module.ts';
import { IdParams } from '../activities/activities.schemas.ts';
import {
  ActivityQrDto, BatchBody, BatchResult, CheckinBody, CheckinResult, CreateDeviceBody, DeviceDto, DeviceListQuery, DeviceSecretDto, KioskMeDto, ManualCheckinBody, MemberQrDto,
  MyActivityDto, PublicKeysDto, RevocationDto, RevocationListQuery, RevocationsDto, RevokeCardBody,
} from './checkin.schemas.ts';
import { checkIn, checkInBatch, hostActivityQr, manualCheckIn } from './checkin.service.ts';
import { publicKeys } from './credentials.ts';
import { devicesService, kioskMe, listRevocations, revocationList, revokeCard } from './devices.ts';
import { engineOf } from './engine.ts';
import { liveAttendance } from './live.ts';
import { myActivities, myCardQr } from './self.ts';

const tags = ['checkin'];

/**
 * Check-in anywhere in the county: kiosks (card, chip, member QR; offline queue upload), the
 * member's phone (activity QR, remote), 补签; kiosk registration, card revocation, the signing
 * keys, the live attendance stream.
 */
export const checkinModule = defineModule({
  name: 'checkin',
  permissions: {
    'checkin.submit': { description: 'Submit check-ins (kiosks with cards and member QR codes; members from their phone)', roles: ['api_client', 'member'] },
    'checkin.kiosk': { description: 'A kiosk’s own data: its activities today, revoked cards, offline upload', roles: ['api_client'] },
    'checkin.device.manage': { description: 'Register and disable check-in kiosks in scope', roles: ['county_admin', 'township_admin'] },
  },
  routes(app, services) {
    app.addHook('onClose', async () => engineOf(services).close());
    app.post(
      '/api/checkins',
      {
        config: { access: 'checkin.submit' },
        schema: { tags, summary: 'Check in (201 the first time, 200 duplicate for the same nonce or member and activity)', body: CheckinBody, response: { 200: CheckinResult, 201: CheckinResult } },
      },
      async (req, reply) => {
        const r = await checkIn(req.ctx, req.body);
        return reply.code(r.status).send(r.body);
      },
    );
    app.post(
      '/api/checkins/batch',
      { config: { access: 'checkin.kiosk' }, schema: { tags, summary: 'Upload a kiosk’s offline queue (judged at device time; each scan stored once)', body: BatchBody, response: { 200: BatchResult } } },
      (req) => checkInBatch(req.ctx, req.body),
    );
    app.post(
      '/api/activities/:id/manual-checkin',
      { config: { access: 'activity.write' }, schema: { tags, summary: '补签: record a member’s attendance with a reason (audited)', params: IdParams, body: ManualCheckinBody, response: { 200: CheckinResult, 201: CheckinResult } } },
      async (req, reply) => {
        const r = await manualCheckIn(req.ctx, req.params.id, req.body.memberId, req.body.reason);
        return reply.code(r.status).send(r.body);
      },
    );
    app.get(
      '/api/activities/:id/qr',
      { config: { access: 'activity.write' }, schema: { tags, summary: 'The activity’s rotating QR for members to scan', params: IdParams, response: { 200: ActivityQrDto } } },
      (req) => hostActivityQr(req.ctx, req.params.id),
    );
    app.get(
      '/api/activities/:id/live',
      { config: { access: 'activity.read' }, schema: { tags, summary: 'Live attendance (server-sent events)', params: IdParams } },
      (req, reply) => liveAttendance(req.ctx, req.params.id, req, reply),
    );
    app.get(
      '/api/checkin/keys',
      { config: { access: 'public' }, schema: { tags, summary: 'Public keys that verify member QR codes offline', response: { 200: PublicKeysDto } } },
      async () => ({ keys: await publicKeys(services, services.config.countyCode) }),
    );
    app.get(
      '/api/kiosk/me',
      { config: { access: 'checkin.kiosk' }, schema: { tags, summary: 'The calling kiosk and its activities today', response: { 200: KioskMeDto } } },
      (req) => kioskMe(req.ctx),
    );
    app.get(
      '/api/kiosk/revocations',
      { config: { access: 'checkin.kiosk' }, schema: { tags, summary: 'Revoked member cards (for offline refusal)', response: { 200: RevocationsDto } } },
      (req) => revocationList(req.ctx),
    );
    app.get(
      '/api/checkin-devices',
      { config: { access: 'checkin.device.manage' }, schema: { tags, summary: 'Check-in kiosks in scope', querystring: DeviceListQuery, response: { 200: pageOf(DeviceDto) } } },
      (req) => devicesService(req.ctx).list(req.query),
    );
    app.post(
      '/api/checkin-devices',
      { config: { access: 'checkin.device.manage' }, schema: { tags, summary: 'Register a kiosk (the secret is shown once)', body: CreateDeviceBody, response: { 201: DeviceSecretDto } } },
      async (req, reply) => reply.code(201).send(await devicesService(req.ctx).create(req.body)),
    );
    app.get(
      '/api/checkin-devices/export',
      { config: { access: 'checkin.device.manage' }, schema: { tags, summary: 'Export the kiosks in scope to Excel' } },
      async (req, reply) => {
        const src = devicesService(req.ctx).forExport();
        const w = kioskWords(req.ctx.lang);
        type Row = Awaited<ReturnType<typeof src.rows>>[number];
        return exportXlsx<Row>(req.ctx, reply, {
          name: 'checkin-devices',
          title: w.devicesTitle,
          count: src.count,
          rows: src.rows,
          columns: [
            { header: w.name, value: (d) => d.name, width: 24 },
            { header: w.keyId, value: (d) => d.keyId, width: 20 },
            { header: w.org, value: (d) => d.orgName, width: 30 },
            { header: w.place, value: (d) => d.place, width: 20 },
            { header: w.station, value: (d) => d.stationName, width: 20 },
            { header: w.status, value: (d) => label(req.ctx.lang, 'status', d.status), width: 8 },
            { header: w.lastUsed, value: (d) => shanghaiTime(d.lastUsedAt), width: 20 },
          ],
        });
      },
    );
    app.post(
      '/api/checkin-devices/:id/disable',
      { config: { access: 'checkin.device.manage' }, schema: { tags, summary: 'Disable a kiosk', params: IdParams, response: { 200: DeviceDto } } },
      (req) => devicesService(req.ctx).disable(req.params.id),
    );
    app.post(
      '/api/members/:id/card/revoke',
      { config: { access: 'member.write' }, schema: { tags, summary: 'Report a member card lost or revoke it (refused at every kiosk)', params: IdParams, body: RevokeCardBody, response: { 200: RevocationDto } } },
      (req) => revokeCard(req.ctx, req.params.id, req.body.reason),
    );
    app.get(
      '/api/card-revocations',
      { config: { access: 'member.read' }, schema: { tags, summary: 'Revoked cards of members in scope', querystring: RevocationListQuery, response: { 200: pageOf(RevocationDto) } } },
      (req) => listRevocations(req.ctx, req.query),
    );
    app.get(
      '/api/card-revocations/export',
      { config: { access: 'member.export' }, schema: { tags, summary: 'Export the revoked cards in scope to Excel (masked)' } },
      async (req, reply) => {
        const w = kioskWords(req.ctx.lang);
        const all = await listRevocations(req.ctx, { page: 1, pageSize: req.ctx.services.config.exportMaxRows + 1 }, 'member.export');
        type Row = (typeof all.items)[number];
        return exportXlsx<Row>(req.ctx, reply, {
          name: 'card-revocations',
          title: w.revocationsTitle,
          count: async () => all.total,
          rows: async (limit) => all.items.slice(0, limit),
          columns: [
            { header: w.cardNo, value: (r) => r.cardNo, width: 16 },
            { header: w.member, value: (r) => r.memberName, width: 12 },
            { header: w.reason, value: (r) => r.reason, width: 40 },
            { header: w.revokedAt, value: (r) => shanghaiTime(r.revokedAt), width: 20 },
          ],
        });
      },
    );
    app.get(
      '/api/me/card-qr',
      { config: { access: 'self.activity' }, schema: { tags: ['self'], summary: 'My signed member QR for kiosks (valid 5 minutes)', response: { 200: MemberQrDto } } },
      (req) => myCardQr(req.ctx),
    );
    app.get(
      '/api/me/activities',
      { config: { access: 'self.activity' }, schema: { tags: ['self'], summary: 'My activities with my check-in and leave', response: { 200: z.object({ items: z.array(MyActivityDto) }) } } },
      (req) => myActivities(req.ctx),
    );
  },
});
