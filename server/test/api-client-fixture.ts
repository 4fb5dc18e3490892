import { randomBytes } from 'node:crypto';
import { encryptField } from '../core/crypto/field-crypto.ts';
import { uuidv7 } from '../core/ids.ts';
import type { Services } from '../core/services.ts';
import { apiClients } from '../modules/api-clients/api-clients.tables.ts';
import type { ClientCreds } from './app.ts';

/** Registers an API client directly (tests), returning its credentials. */
export async function seedApiClient(services: Services, org: { countyCode: string; id: string }, routes: string[], name = '测试签到机'): Promise<ClientCreds & { id: string }> {
  const secret = randomBytes(32).toString('base64url');
  const keyId = `hyk_${randomBytes(9).toString('base64url')}`;
  const id = uuidv7();
  await services.db.insert(apiClients).values({ countyCode: org.countyCode, id, keyId, name, orgId: org.id, secretEnc: encryptField(services.keys, secret), routes });
  return { id, keyId, secret };
}
