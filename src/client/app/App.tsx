import { useTranslation } from './i18n';
import { BrowserRouter, Link, Route, Routes } from './router';
import { Layout } from './Layout';
import { lazyScreen } from './lazyScreen';
import { Today } from './unlockedScreens';

// One chunk per screen: the first screen loads only what it shows.
const Consultations = lazyScreen(() => import('../features/consultations/ConsultationScreen'));
const Events = lazyScreen(() => import('../features/events/EventScreen'));
const Indicators = lazyScreen(() => import('../features/indicators/IndicatorScreen'));
const Records = lazyScreen(() => import('../features/records/MyRecordsScreen'));
const Plan = lazyScreen(() => import('../features/plan/PlanScreen'));
const Session = lazyScreen(() => import('../features/session/SessionScreen'));
const Sync = lazyScreen(() => import('../features/sync/SyncScreen'));
const ImportHandoff = lazyScreen(() => import('../features/handoff/ImportHandoffScreen'));
const Review = lazyScreen(() => import('../features/review/ReviewScreen'));
const Reports = lazyScreen(() => import('../features/reports/ReportsScreen'));
const AnnualReport = lazyScreen(() => import('../features/annual/AnnualReportScreen'));
const Admin = lazyScreen(() => import('../features/admin/AdminScreen'));

function NotFound() {
  const { t } = useTranslation();
  return (
    <section>
      <h1>{t('app.notFound')}</h1>
      <Link to="/">{t('nav.today')}</Link>
    </section>
  );
}

export function App() {
  return (
    <BrowserRouter>
      <Routes>
        <Route element={<Layout />}>
          <Route index element={<Today />} />
          <Route path="consultations" element={<Consultations />} />
          <Route path="consultations/:id" element={<Consultations />} />
          <Route path="events" element={<Events />} />
          <Route path="events/:id" element={<Events />} />
          <Route path="indicators" element={<Indicators />} />
          <Route path="indicators/:id" element={<Indicators />} />
          <Route path="records" element={<Records />} />
          <Route path="plan" element={<Plan />} />
          <Route path="review" element={<Review />} />
          <Route path="reports" element={<Reports />} />
          <Route path="reports/annual" element={<AnnualReport />} />
          <Route path="admin" element={<Admin />} />
          <Route path="setup" element={<Session />} />
          <Route path="sync" element={<Sync />} />
          <Route path="handoff/import" element={<ImportHandoff />} />
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </BrowserRouter>
  );
}
