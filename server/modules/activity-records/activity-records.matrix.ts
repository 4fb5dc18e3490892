import { type MatrixCase, type MatrixFixture, allowed, req, scoped } from '../../test/matrix.ts';
import type { RecordsMatrixData } from './activity-records.fixture.ts';
import { multipartFile, pngImage } from './test-files.ts';

const READERS = ['county_admin', 'township_admin', 'branch_secretary', 'branch_committee'] as const;
const WRITERS = ['county_admin', 'township_admin', 'branch_secretary'] as const;

const d = (f: MatrixFixture) => f as MatrixFixture & RecordsMatrixData;
const PHOTO = await pngImage();

/** Authorization matrix rows of activity records and media. */
export const activityRecordsMatrix: MatrixCase[] = [
  { route: 'GET /api/activities/:id/record', request: (f, t) => req('GET', `/api/activities/${d(f).submittedActivity[t]}/record`), expect: scoped([...READERS]) },
  // Saving the draft again: 200 in write scope, 404 outside (an activity outside scope is a missing one).
  {
    route: 'PUT /api/activities/:id/record',
    request: (f, t, n) => req('PUT', `/api/activities/${d(f).draftActivity[t]}/record`, { minutesHtml: `<p>矩阵草稿 ${n}</p>`, decisions: [] }),
    expect: scoped([...WRITERS]),
  },
  // Submitting a submitted record is refused (409) in scope; nothing changes.
  { route: 'POST /api/activities/:id/record/submit', request: (f, t) => req('POST', `/api/activities/${d(f).submittedActivity[t]}/record/submit`, {}), expect: scoped([...WRITERS], 409) },
  {
    route: 'POST /api/activities/:id/record/amendments',
    request: (f, t, n) => req('POST', `/api/activities/${d(f).submittedActivity[t]}/record/amendments`, { reason: '矩阵测试的更正', minutesHtml: `<p>矩阵修改 ${n}</p>` }),
    expect: scoped([...WRITERS], 201),
  },
  {
    route: 'POST /api/activities/:id/media',
    request: (f, t) => ({ method: 'POST', url: `/api/activities/${d(f).draftActivity[t]}/media`, ...multipartFile(PHOTO, '矩阵.png', 'image/png') }),
    expect: scoped([...WRITERS], 201),
  },
  { route: 'GET /api/activities/:id/media', request: (f, t) => req('GET', `/api/activities/${d(f).submittedActivity[t]}/media`), expect: scoped([...READERS]) },
  { route: 'GET /api/activities/:id/media/export', request: (f, t) => req('GET', `/api/activities/${d(f).submittedActivity[t]}/media/export`), expect: scoped([...READERS]) },
  // A photo of a submitted record cannot be deleted: 409 in scope, 404 outside.
  {
    route: 'DELETE /api/activities/:id/media/:mediaId',
    request: (f, t) => req('DELETE', `/api/activities/${d(f).submittedActivity[t]}/media/${d(f).submittedPhoto[t]}`),
    expect: scoped([...WRITERS], 409),
  },
  { route: 'GET /api/media/:id', request: (f, t) => req('GET', `/api/media/${d(f).submittedPhoto[t]}`), expect: scoped([...READERS]) },
  // The fixture member (at own) attended the submitted activity at own.
  { route: 'GET /api/me/activities/:id/record', request: (f) => req('GET', `/api/me/activities/${d(f).submittedActivity.own}/record`), expect: allowed(['member']), targets: ['own'] },
  { route: 'GET /api/me/activities/:id/media', request: (f) => req('GET', `/api/me/activities/${d(f).submittedActivity.own}/media`), expect: allowed(['member']), targets: ['own'] },
  { route: 'GET /api/me/media/:id', request: (f) => req('GET', `/api/me/media/${d(f).submittedPhoto.own}`), expect: allowed(['member']), targets: ['own'] },
];
