/**
 * Sends one-time codes and notices. Production posts to the configured SMS gateway; development
 * and tests keep every message in the outbox, which an administrator can read. Either way the
 * message is recorded in the outbox (recipient encrypted), so delivery is traceable.
 */
import type { Db } from '../db/index.js';
import { outbox } from '../db/schema.js';
import type { FieldCipher } from '../crypto/field-cipher.js';
import type { Config } from '../config.js';
import { AppError } from '../errors.js';

export interface Notifier {
  sendSms(db: Db, phone: string, body: string): Promise<void>;
}

export function createNotifier(config: Config, cipher: FieldCipher): Notifier {
  return {
    async sendSms(db, phone, body) {
      await db.insert(outbox).values({ channel: 'sms', recipientEnc: cipher.encrypt(phone), body });
      if (config.JIMIN_NOTIFIER === 'http' && config.JIMIN_SMS_GATEWAY_URL) {
        const res = await fetch(config.JIMIN_SMS_GATEWAY_URL, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ phone, body }),
          signal: AbortSignal.timeout(10_000),
        }).catch(() => null);
        if (!res?.ok) throw new AppError('INTERNAL', '短信发送失败，请稍后再试');
      }
    },
  };
}
