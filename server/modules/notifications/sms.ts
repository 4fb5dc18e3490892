// The SMS adapter (docs/NOTIFICATIONS.md "SMS"). The in-app centre is the real channel: NO real SMS
// provider exists in Hongyun, and nothing sends SMS by default. The one provider, 'log', writes what
// would be sent to the server log with the phone number masked. A real provider (a carrier's or a cloud
// SMS gateway) would implement SmsProvider in its own file and be added to SMS_PROVIDERS.
import { maskPhone } from '../../../common/mask.ts';
import type { Logger } from '../../core/services.ts';

/** Sends one text message. */
export interface SmsProvider {
  /** The provider's name ('log'). */
  readonly name: string;
  /** Sends `text` to `phone` (a mainland mobile number, 11 digits); rejects when it could not be handed over. */
  send(phone: string, text: string): Promise<void>;
}

/** The 'log' provider: sends nothing, logs the masked number and the text's length (never the text: it may name a person). */
export function logSmsProvider(log: Logger): SmsProvider {
  return {
    name: 'log',
    async send(phone, text) {
      log.info({ sms: { provider: 'log', to: maskPhone(phone), chars: [...text].length } }, 'SMS not sent (log provider)');
    },
  };
}

/** Every provider by name. Only 'log': there is no real SMS provider. */
export const SMS_PROVIDERS: Record<string, (log: Logger) => SmsProvider> = { log: logSmsProvider };

/** The provider of a name; throws for an unknown one (a configuration error, found at start-up). */
export function smsProvider(name: string, log: Logger): SmsProvider {
  const make = SMS_PROVIDERS[name];
  if (!make) throw new Error(`unknown SMS provider "${name}"; available: ${Object.keys(SMS_PROVIDERS).join(', ')}`);
  return make(log);
}
