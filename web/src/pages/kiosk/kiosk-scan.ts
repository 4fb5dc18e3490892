// Turns what a keyboard-wedge reader typed (a card number, a chip UID, or a member QR that a scanner
// typed or someone pasted) into the credential of a check-in.
import type { Credential } from './kiosk-api';
import { looksLikeMemberQr } from './kiosk-qr';

/** How the reader's text is read: guessed, or fixed by the operator for readers that only type one kind. */
export type ReaderMode = 'auto' | 'cardNo' | 'cardUid';

/** The reader modes, for the settings. */
export const READER_MODES: readonly ReaderMode[] = ['auto', 'cardNo', 'cardUid'];

/** A chip UID: 4, 7 or 10 bytes (ISO 14443) as hex, or the 8-byte form some readers type. */
const UID = /^(?:[0-9A-F]{8}|[0-9A-F]{14}|[0-9A-F]{16}|[0-9A-F]{20})$/;

/**
 * The credential in a scan, or null for nothing usable. QR payloads are recognised by their form;
 * otherwise, in auto mode, hex of a chip UID's length that contains a letter A–F or is at least 14
 * long is a chip UID and anything else a card number.
 */
export function parseScan(raw: string, mode: ReaderMode = 'auto'): Credential | null {
  const text = raw.trim();
  if (!text) return null;
  if (looksLikeMemberQr(text)) return { qr: text };
  const compact = text.replace(/[\s:-]/g, '');
  if (mode === 'cardUid') return compact ? { cardUid: compact.toUpperCase() } : null;
  if (mode === 'cardNo') return { cardNo: text };
  const upper = compact.toUpperCase();
  if (UID.test(upper) && (/[A-F]/.test(upper) || upper.length >= 14)) return { cardUid: upper };
  return { cardNo: text };
}
