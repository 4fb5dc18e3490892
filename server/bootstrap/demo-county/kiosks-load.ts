// Registers the demo county's kiosks (history-kiosks.ts) inside the seed's transaction, with the
// rows the check-in module writes when an administrator registers one (kioskRows). Each gets a
// fresh random secret that nobody is shown: the kiosks are there to be seen (签到机 page, the
// device of their check-ins); a real kiosk is registered from the page and gets its secret there.
import { randomBytes } from 'node:crypto';
import type { KeyRing } from '../../core/crypto/keys.ts';
import type { Tx } from '../../core/services.ts';
import { apiClients } from '../../modules/api-clients/api-clients.tables.ts';
import { checkinDevices } from '../../modules/checkin/checkin.tables.ts';
import { kioskRows } from '../../modules/checkin/devices.ts';
import type { History } from './activities-history.ts';

/** Inserts the kiosks of `h` (an API client and a device each). */
export async function loadKiosks(tx: Tx, keys: KeyRing, county: string, h: History): Promise<number> {
  if (h.kiosks.length === 0) return 0;
  const rows = h.kiosks.map((k) =>
    kioskRows(keys, {
      countyCode: county, id: k.id, keyId: k.keyId, secret: randomBytes(32).toString('base64url'), name: k.name, orgId: k.orgId, place: k.place,
      stationOrgId: k.stationOrgId, createdBy: null, createdAt: new Date(k.createdAt), lastUsedAt: k.lastUsedAt === null ? null : new Date(k.lastUsedAt),
    }),
  );
  await tx.insert(apiClients).values(rows.map((r) => r.client));
  await tx.insert(checkinDevices).values(rows.map((r) => r.device));
  return rows.length;
}
