import { z } from 'zod';
import { PageQuery } from '../../core/http/pagination.ts';
import { MEDIA_KINDS } from './activity-records.tables.ts';

const Text = (max: number) => z.string().trim().min(1).max(max);
const Votes = z.number().int().min(0).max(100_000);

export const IdParams = z.strictObject({ id: z.uuid() });
export const MediaParams = z.strictObject({ id: z.uuid(), mediaId: z.uuid() });

/** One decision as entered: subject, what was decided, the votes. */
export const DecisionInput = z.strictObject({
  /** 议题. */
  subject: Text(200),
  /** 决定内容. */
  decision: Text(2000),
  votesFor: Votes,
  votesAgainst: Votes,
  votesAbstain: Votes,
});

const ChecklistItem = z.strictObject({ label: Text(100), done: z.boolean() });

/** The 主题党日 checklist: fixed items (by label, of the organization's category) and free X items. */
export const ChecklistInput = z.strictObject({
  /** Fixed items done or not; labels must be the organization's fixed items (missing ones are not done). */
  fixed: z.array(ChecklistItem).max(20),
  /** Free items (the "X"). */
  extra: z.array(ChecklistItem).max(30),
});

/** The content of a record: minutes (HTML, sanitized on the server), decisions, checklist. */
const Content = {
  /** Rich text; only an allow-list of tags survives (no scripts, handlers, styles, javascript: URLs). */
  minutesHtml: z.string().max(200_000),
  decisions: z.array(DecisionInput).max(50),
  /** Only for activity types with a checklist (主题党日). */
  checklist: ChecklistInput.optional(),
};

/** Saves the draft. */
export const DraftBody = z.strictObject({
  ...Content,
  /** The version the editor started from; a different current version answers 409 RECORD_STALE. */
  version: z.number().int().min(1).optional(),
});

/** Submits (and locks) the record. */
export const SubmitBody = z.strictObject({ version: z.number().int().min(1).optional() }).optional();

/** An amendment to a submitted record: the reason and the new value of each field that changes. */
export const AmendmentBody = z.strictObject({
  reason: Text(500),
  minutesHtml: Content.minutesHtml.optional(),
  decisions: Content.decisions.optional(),
  checklist: ChecklistInput.optional(),
});

/** A decision with its computed outcome. */
export const DecisionDto = z.object({
  subject: z.string(),
  decision: z.string(),
  votesFor: z.number().int(),
  votesAgainst: z.number().int(),
  votesAbstain: z.number().int(),
  /** Passed: at a 支部党员大会 more than half of the voting members assented, elsewhere a majority of the votes cast. */
  passed: z.boolean(),
  /** False when a 支部党员大会 lacked its quorum: nothing it decided is valid. */
  valid: z.boolean(),
});

/**
 * The quorum of a 支部党员大会 (null for other types): `present` is the activity's 实到 count (members
 * of the organization who checked in), `votingMembers` the organization's 正式党员 in good standing;
 * valid when present ≥ required (more than half).
 */
export const QuorumDto = z.object({ present: z.number().int(), votingMembers: z.number().int(), required: z.number().int(), met: z.boolean() }).nullable();

const ChecklistItemDto = z.object({ label: z.string(), done: z.boolean() });

/** The 主题党日 checklist (null for other types). */
export const ChecklistDto = z
  .object({
    /** 5+X (农村/社区) or 4+X (others). */
    kind: z.enum(['5+X', '4+X']),
    fixed: z.array(ChecklistItemDto),
    extra: z.array(ChecklistItemDto),
  })
  .nullable();

/** The content of a record (as submitted, or after amendments). */
export const ContentDto = z.object({ minutesHtml: z.string(), decisions: z.array(DecisionDto), checklist: ChecklistDto });

/** 应到 / 实到 / 请假 / guests: live while a draft, frozen at submission. */
export const FiguresDto = z.object({ expected: z.number().int(), present: z.number().int(), leave: z.number().int(), guests: z.number().int(), frozen: z.boolean() });

const StoredDecisionDto = z.object({ subject: z.string(), decision: z.string(), votesFor: z.number().int(), votesAgainst: z.number().int(), votesAbstain: z.number().int() });
const StoredChecklistDto = z.object({ fixed: z.array(ChecklistItemDto), extra: z.array(ChecklistItemDto) });
const change = <T extends z.ZodType>(t: T) => z.object({ before: t, after: t }).optional();

/** One amendment: who, when, why, and each changed field before and after. */
export const AmendmentDto = z.object({
  id: z.string(),
  seq: z.number().int(),
  reason: z.string(),
  actorName: z.string(),
  at: z.string(),
  changes: z.object({ minutesHtml: change(z.string()), decisions: change(z.array(StoredDecisionDto)), checklist: change(StoredChecklistDto) }),
});

/** The record of an activity. */
export const RecordDto = z.object({
  activityId: z.string(),
  activityType: z.string(),
  activityTitle: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  startsAt: z.string(),
  /** A record not saved yet is an empty draft. */
  state: z.enum(['draft', 'submitted']),
  version: z.number().int(),
  /** The content as saved (draft) or as submitted (never changed afterwards). */
  minutesHtml: z.string(),
  decisions: z.array(DecisionDto),
  checklist: ChecklistDto,
  quorum: QuorumDto,
  figures: FiguresDto,
  updatedName: z.string().nullable(),
  updatedAt: z.string().nullable(),
  submittedName: z.string().nullable(),
  submittedAt: z.string().nullable(),
  /** Amendments in order (全程留痕). */
  amendments: z.array(AmendmentDto),
  /** The content with every amendment applied (null when there is none). */
  current: ContentDto.nullable(),
  /** The caller may save the draft, upload and delete media, submit. */
  canEdit: z.boolean(),
  /** The caller may append an amendment. */
  canAmend: z.boolean(),
});

/** A photo, video or attachment. */
export const MediaDto = z.object({
  id: z.string(),
  kind: z.enum(MEDIA_KINDS),
  /** Detected from the content. */
  mime: z.string(),
  size: z.number().int(),
  fileName: z.string(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  /** Where the file is served (Range requests supported). */
  url: z.string(),
  /** A small WebP preview (photos). */
  thumbUrl: z.string().nullable(),
  sha256: z.string(),
  uploadedName: z.string(),
  uploadedAt: z.string(),
});

export const MediaFilter = z.strictObject({ kind: z.enum(MEDIA_KINDS).optional() });
export const MediaListQuery = MediaFilter.extend(PageQuery.shape);

/** How a file is served: `thumb=1` the preview of a photo, `download=1` as an attachment. */
export const MediaFileQuery = z.strictObject({ thumb: z.enum(['0', '1']).optional(), download: z.enum(['0', '1']).optional() });
