import { z } from 'zod';
import { ORG_CATEGORIES, ORG_LEVEL_NAMES } from '../../../common/org.ts';

/** An organization as the API shows it. */
export const OrgDto = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  name: z.string(),
  shortName: z.string().nullable(),
  level: z.enum(ORG_LEVEL_NAMES),
  category: z.enum(ORG_CATEGORIES).nullable(),
  code: z.string().nullable(),
  countyCode: z.string(),
  depth: z.number().int(),
  status: z.string(),
  /** True when it has active children (tree lazy loading). */
  hasChildren: z.boolean().optional(),
});

/** Children of a node, or the caller's roots. */
export const TreeQuery = z.strictObject({
  /** Parent organization id; omitted = the roots of the caller's scope. */
  parentId: z.uuid().optional(),
  /** Name search across the caller's scope instead of one level. */
  q: z.string().trim().min(1).max(50).optional(),
});

/** Path parameter: an organization id. */
export const IdParams = z.strictObject({ id: z.uuid() });

/** Create an organization under a parent in scope. */
export const CreateOrgBody = z.strictObject({
  parentId: z.uuid(),
  name: z.string().trim().min(2).max(100),
  shortName: z.string().trim().min(1).max(50).optional(),
  level: z.enum(ORG_LEVEL_NAMES),
  category: z.enum(ORG_CATEGORIES).optional(),
  code: z.string().trim().max(30).optional(),
});

/** Rename or recategorize an organization. */
export const UpdateOrgBody = z.strictObject({
  name: z.string().trim().min(2).max(100).optional(),
  shortName: z.string().trim().min(1).max(50).nullable().optional(),
  category: z.enum(ORG_CATEGORIES).nullable().optional(),
});
