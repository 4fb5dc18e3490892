import { date, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';

/** 发展党员: a person moving 入党申请人 → 入党积极分子 → 发展对象 → 预备党员 → 正式党员, with every date. */
export const applicants = pgTable(
  'applicants',
  {
    countyCode: text('county_code').notNull(),
    id: uuid('id').notNull(),
    orgId: uuid('org_id').notNull(),
    name: text('name').notNull(),
    gender: text('gender').notNull(),
    birthDate: date('birth_date').notNull(),
    idNumberEnc: text('id_number_enc').notNull(),
    idNumberIndex: text('id_number_index').notNull(),
    idNumberTail: text('id_number_tail').notNull(),
    /** applicant | activist | candidate | probationary | full | closed */
    stage: text('stage').notNull(),
    appliedOn: date('applied_on').notNull(),
    talkedOn: date('talked_on'),
    activistOn: date('activist_on'),
    candidateOn: date('candidate_on'),
    trainingDoneOn: date('training_done_on'),
    politicalReviewOn: date('political_review_on'),
    publicityStart: date('publicity_start'),
    publicityEnd: date('publicity_end'),
    /** 支部大会 admission (start of 预备期). */
    admittedOn: date('admitted_on'),
    /** 党委 approval. */
    approvedOn: date('approved_on'),
    probationExtendedTo: date('probation_extended_to'),
    confirmedOn: date('confirmed_on'),
    memberId: uuid('member_id'),
    closedReason: text('closed_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.countyCode, t.id] }), unique().on(t.countyCode, t.idNumberIndex)],
);
