import { z } from 'zod';
import { PageQuery } from '../../core/http/pagination.ts';
import { BANK_OUTCOMES } from './bank-file.service.ts';

export const BankFileParams = z.strictObject({ id: z.uuid() });

/** The lines of a report: all, or one outcome. */
export const BankReportQuery = z.strictObject({ outcome: z.enum(BANK_OUTCOMES).optional(), ...PageQuery.shape });

export const BankFileDto = z.object({
  id: z.string(),
  fileName: z.string().nullable(),
  format: z.enum(['csv', 'xlsx']),
  encoding: z.enum(['utf-8', 'gbk']).nullable(),
  lines: z.number().int(),
  matched: z.number().int(),
  /** 分 paid by the matched lines. */
  matchedFen: z.number().int(),
  /** The count of lines per outcome. */
  outcomes: z.record(z.string(), z.number().int()),
  createdByName: z.string(),
  createdAt: z.string(),
});

export const BankLineDto = z.object({
  lineNo: z.number().int(),
  cardNo: z.string().nullable(),
  name: z.string().nullable(),
  month: z.string().nullable(),
  amountFen: z.number().int().nullable(),
  txnNo: z.string().nullable(),
  bankStatus: z.string().nullable(),
  outcome: z.enum(BANK_OUTCOMES),
  reason: z.string().nullable(),
  memberId: z.string().nullable(),
  billId: z.string().nullable(),
  paymentId: z.string().nullable(),
});

export const BankReportDto = z.object({ file: BankFileDto, items: z.array(BankLineDto), total: z.number().int() });
export const BankFileListDto = z.object({ items: z.array(BankFileDto), total: z.number().int() });
