import { z } from 'zod';
import { PIPELINE_STAGES } from '../../../common/member.ts';
import { TIMER_CODES } from '../../../common/pipeline-rules.ts';
import { PageQuery } from '../../core/http/pagination.ts';
import { IsoDateSchema as IsoDate } from '../orgs/orgs.schemas.ts';

/** Something due on a date (DOMAIN §2 timers). */
export const TimerDto = z.object({ code: z.enum(TIMER_CODES), dueOn: z.string(), overdue: z.boolean(), message: z.string() });

/** A recorded deviation that did not block the step (the talk came late, approval after 3 months). */
export const RemarkDto = z.object({ code: z.enum(['TALK_LATE', 'APPROVAL_LATE']), params: z.record(z.string(), z.union([z.string(), z.number()])), message: z.string() });

/** A person in the development pipeline (发展党员), ID number masked, age instead of the birth date. */
export const ApplicantDto = z.object({
  id: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  name: z.string(),
  gender: z.enum(['male', 'female']),
  age: z.number().int(),
  /** Masked: 3305**********1234. */
  idNumber: z.string(),
  stage: z.enum(PIPELINE_STAGES),
  appliedOn: z.string(),
  talkedOn: z.string().nullable(),
  activistOn: z.string().nullable(),
  candidateOn: z.string().nullable(),
  trainingDoneOn: z.string().nullable(),
  politicalReviewOn: z.string().nullable(),
  publicityStart: z.string().nullable(),
  publicityEnd: z.string().nullable(),
  /** 支部大会 (start of the 预备期). */
  admittedOn: z.string().nullable(),
  /** 党委 approval. */
  approvedOn: z.string().nullable(),
  probationExtendedTo: z.string().nullable(),
  confirmedOn: z.string().nullable(),
  /** The member record created at 预备党员. */
  memberId: z.string().nullable(),
  closedReason: z.string().nullable(),
  timers: z.array(TimerDto),
  remarks: z.array(RemarkDto),
  updatedAt: z.string(),
});

/** The outcome of a step: the record and what was noted (not refused). */
export const StepDto = z.object({ applicant: ApplicantDto, notes: z.array(RemarkDto) });

/** A new application. */
export const CreateApplicantBody = z.strictObject({
  /** The branch that receives the application (in write scope). */
  orgId: z.uuid(),
  name: z.string().trim().min(2).max(50),
  /** 18-character ID number (15-digit legacy numbers are upgraded); the applicant must be ≥ 18 on appliedOn. */
  idNumber: z.string().trim().min(15).max(18),
  /** Date of the written application (not in the future). */
  appliedOn: IsoDate,
});

const StageDates = {
  /** The talk with the applicant (due within 1 month of the application). */
  talkedOn: IsoDate.optional(),
  /** Training completed. */
  trainingDoneOn: IsoDate.optional(),
  /** 政审 (valid 1 year). */
  politicalReviewOn: IsoDate.optional(),
  /** 公示 from … */
  publicityStart: IsoDate.optional(),
  /** … to (≥ 5 working days). */
  publicityEnd: IsoDate.optional(),
};

/** Dates recorded without changing the stage; `admittedOn` (支部大会) once a candidate. */
export const RecordBody = z
  .strictObject({ ...StageDates, /** 支部大会 date, awaiting 党委 approval. */ admittedOn: IsoDate.optional() })
  .refine((b) => Object.values(b).some(Boolean), { message: 'at least one date' });

/** One step forward with its date (activist: 确定积极分子; candidate: 确定发展对象; probationary: 支部大会; full: 转正). */
export const AdvanceBody = z.strictObject({
  to: z.enum(['activist', 'candidate', 'probationary', 'full']),
  date: IsoDate,
  ...StageDates,
  /** 党委 approval date (required for probationary: within 3 months, never after 6). */
  approvedOn: IsoDate.optional(),
});

/** Extend the 预备期 once, by at most a year. */
export const ExtendBody = z.strictObject({ to: IsoDate });

/** Stop the procedure. */
export const CloseBody = z.strictObject({ reason: z.string().trim().min(2).max(500) });

/** Path parameter: an applicant id. */
export const IdParams = z.strictObject({ id: z.uuid() });

/** The board of one branch. */
export const BoardQuery = z.strictObject({
  orgId: z.uuid(),
  /** One stage only (closed and full records are shown only when asked for). */
  stage: z.enum(PIPELINE_STAGES).optional(),
});

/** The board: stages in order, each with its people and their timers. */
export const BoardDto = z.object({
  orgId: z.string(),
  orgName: z.string(),
  stages: z.array(z.object({ stage: z.enum(PIPELINE_STAGES), items: z.array(ApplicantDto) })),
});

/** The overdue list of a township (or the whole scope). */
export const OverdueFilter = z.strictObject({ orgId: z.uuid().optional() });
export const OverdueQuery = PageQuery.extend(OverdueFilter.shape);
