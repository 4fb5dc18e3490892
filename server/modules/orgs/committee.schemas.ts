import { z } from 'zod';
import { COMMITTEE_POSITIONS } from '../../../common/member.ts';
import { IsoDateSchema } from './orgs.schemas.ts';

/** One committee position held (or held until term_end) by a member. */
export const CommitteeEntryDto = z.object({
  id: z.string(),
  memberId: z.string(),
  memberName: z.string(),
  position: z.enum(COMMITTEE_POSITIONS),
  termStart: z.string(),
  /** End of the term; null while the position is held. */
  termEnd: z.string().nullable(),
  active: z.boolean(),
});

/** The committee of an organization: current positions first, then ended ones. */
export const CommitteeDto = z.object({
  items: z.array(CommitteeEntryDto),
  /** Start of the organization's current term and the 换届 due date. */
  termStart: z.string().nullable(),
  termDueOn: z.string().nullable(),
});

/** Appoint a member of the organization to a position. */
export const AddPositionBody = z.strictObject({
  memberId: z.uuid(),
  position: z.enum(COMMITTEE_POSITIONS),
  /** First day in the position (not in the future). */
  termStart: IsoDateSchema,
});

/** Path parameters of one committee entry. */
export const EntryParams = z.strictObject({ id: z.uuid(), entryId: z.uuid() });
