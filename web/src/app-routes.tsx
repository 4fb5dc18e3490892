// Route table. Every page is lazy so each lives in its own chunk.
import { lazy, type ReactNode, Suspense } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { DEVICE_PERMISSION, REVOCATIONS_PERMISSION } from './api/activities';
import { DUES_QUOTE_PERMISSION, DUES_READ_PERMISSION } from './api/dues';
import { NOTIFICATIONS_PERMISSION } from './api/notifications';
import { PageLoading } from './components/page-loading';
import { RequirePermission } from './components/require-permission';
import { NotFoundPage } from './pages/errors/error-pages';
import { useSession } from './session/session';

const LoginPage = lazy(() => import('./pages/login/login-page'));
const AppLayout = lazy(() => import('./pages/layout/app-layout'));
const HomePage = lazy(() => import('./pages/home/home-page'));
const AccountPage = lazy(() => import('./pages/account/account-page'));
const OrgsPage = lazy(() => import('./pages/orgs/orgs-page'));
const AccountsPage = lazy(() => import('./pages/accounts/accounts-page'));
const GrantsPage = lazy(() => import('./pages/grants/grants-page'));
const ApiClientsPage = lazy(() => import('./pages/api-clients/api-clients-page'));
const AuditPage = lazy(() => import('./pages/audit/audit-page'));
const JobsPage = lazy(() => import('./pages/jobs/jobs-page'));
const MembersPage = lazy(() => import('./pages/members/members-page'));
const MemberDetailPage = lazy(() => import('./pages/members/member-detail-page'));
const MyPage = lazy(() => import('./pages/my/my-page'));
const CorrectionsPage = lazy(() => import('./pages/corrections/corrections-page'));
const OrgWarningsPage = lazy(() => import('./pages/orgs/org-warnings-page'));
const PipelinePage = lazy(() => import('./pages/pipeline/pipeline-page'));
const ImportsPage = lazy(() => import('./pages/imports/imports-page'));
const ActivitiesPage = lazy(() => import('./pages/activities/activities-page'));
const ParticipationPage = lazy(() => import('./pages/participation/participation-page'));
const SupervisionPage = lazy(() => import('./pages/supervision/supervision-page'));
const BulletinsPage = lazy(() => import('./pages/bulletins/bulletins-page'));
const BulletinDetailPage = lazy(() => import('./pages/bulletins/bulletin-detail-page'));
const AssessmentPage = lazy(() => import('./pages/bulletins/assessment-page'));
const PlansPage = lazy(() => import('./pages/plans/plans-page'));
const ActivityDetailPage = lazy(() => import('./pages/activities/activity-detail-page'));
const DevicesPage = lazy(() => import('./pages/activities/devices-page'));
const RevocationsPage = lazy(() => import('./pages/activities/revocations-page'));
const KioskPage = lazy(() => import('./pages/kiosk/kiosk-page'));
const PaySimPage = lazy(() => import('./pages/dues/pay-sim-page'));
const DuesQuotePage = lazy(() => import('./pages/dues/dues-quote-page'));
const DuesBillsPage = lazy(() => import('./pages/dues/dues-bills-page'));
const DuesMonitorPage = lazy(() => import('./pages/dues/dues-monitor-page'));
const NotificationsPage = lazy(() => import('./pages/notifications/notifications-page'));
const ScreenPage = lazy(() => import('./pages/screen/screen-page'));

/** Sends signed-out users to /login (remembering where they were) and restricted ones to /account. */
function RequireSession() {
  const { me } = useSession();
  const location = useLocation();
  if (me === undefined) return <PageLoading fullScreen />;
  if (me === null) {
    const next = location.pathname + location.search;
    return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  if (me.restricted && location.pathname !== '/account') return <Navigate to="/account" replace />;
  return <AppLayout />;
}

const guarded = (permission: string, page: ReactNode) => (
  <RequirePermission permission={permission}>{page}</RequirePermission>
);

/** All routes of the console. */
export function AppRoutes() {
  return (
    <Suspense fallback={<PageLoading fullScreen />}>
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route path="/kiosk" element={<KioskPage />} />
        <Route path="/pay-sim/:orderId" element={<PaySimPage />} />
        <Route path="/screen" element={<ScreenPage />} />
        <Route element={<RequireSession />}>
          <Route index element={<HomePage />} />
          <Route path="account" element={<AccountPage />} />
          <Route path="orgs" element={guarded('org.read', <OrgsPage />)} />
          <Route path="orgs/warnings" element={guarded('org.read', <OrgWarningsPage />)} />
          <Route path="members" element={guarded('member.read', <MembersPage />)} />
          <Route path="members/:id" element={guarded('member.read', <MemberDetailPage />)} />
          <Route path="my" element={guarded('self.file', <MyPage />)} />
          <Route path="corrections" element={guarded('member.correction', <CorrectionsPage />)} />
          <Route path="pipeline" element={guarded('pipeline.read', <PipelinePage />)} />
          <Route path="imports" element={guarded('member.import', <ImportsPage />)} />
          <Route path="activities" element={guarded('activity.read', <ActivitiesPage />)} />
          <Route path="participation" element={guarded('activity.read', <ParticipationPage />)} />
          <Route path="supervision" element={guarded('activity.read', <SupervisionPage />)} />
          <Route path="supervision/bulletins" element={guarded('activity.read', <BulletinsPage />)} />
          <Route path="supervision/bulletins/:id" element={guarded('activity.read', <BulletinDetailPage />)} />
          <Route path="supervision/assessment" element={guarded('activity.read', <AssessmentPage />)} />
          <Route path="activities/:id" element={guarded('activity.read', <ActivityDetailPage />)} />
          <Route path="plans" element={guarded('activity.read', <PlansPage />)} />
          <Route path="checkin-devices" element={guarded(DEVICE_PERMISSION, <DevicesPage />)} />
          <Route path="card-revocations" element={guarded(REVOCATIONS_PERMISSION, <RevocationsPage />)} />
          <Route path="dues/quote" element={guarded(DUES_QUOTE_PERMISSION, <DuesQuotePage />)} />
          <Route path="dues/bills" element={guarded(DUES_READ_PERMISSION, <DuesBillsPage />)} />
          <Route path="dues/monitor" element={guarded(DUES_READ_PERMISSION, <DuesMonitorPage />)} />
          <Route path="notifications" element={guarded(NOTIFICATIONS_PERMISSION, <NotificationsPage />)} />
          <Route path="accounts" element={guarded('account.read', <AccountsPage />)} />
          <Route path="grants" element={guarded('grant.read', <GrantsPage />)} />
          <Route path="api-clients" element={guarded('grant.read', <ApiClientsPage />)} />
          <Route path="audit/login" element={guarded('audit.read', <AuditPage kind="login" key="login" />)} />
          <Route
            path="audit/operations"
            element={guarded('audit.read', <AuditPage kind="operation" key="operation" />)}
          />
          <Route path="system/jobs" element={guarded('job.read', <JobsPage />)} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </Suspense>
  );
}
