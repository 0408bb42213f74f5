// Its texts come with its chunk (app/screenTexts.ts).
import '../../app/screenTexts';
import type { Indicator } from '../../../shared/plan/catalogue-schema';
import { districtValues } from '../../../shared/dimensions';
import { statusLabels, type IndicatorProgress, type MeasureProgress, type ProgressReport } from '../../../shared/reports/progress';
import { youthFigure } from '../../../shared/reports/youth';
import { PEOPLE_UNITS } from '../../../shared/reports/public';
import { useText, useTranslation } from '../../app/i18n';
import { useReportCatalogue } from '../../catalogue/catalogue';
import type { TeamChoice } from '../../net/teams';
import { CrossTable } from './CrossTable';
import { AudienceTable, MembershipTable, SexLifeStageTable } from './MultiResponse';
import { DataTable } from './DataTable';
import { ProgressChart, type ProgressLine } from './charts/ProgressChart';
import { SexSplitChart } from './charts/SexSplitChart';
import { TrendChart } from './charts/TrendChart';
import { monthlySeries } from './charts/chartMath';
import { byExecutor, byStrategicGoal, hasContent, reportTotals } from './reportModel';
import { ValueTable } from './ValueTable';

type Lookup = (id: string) => string;
/** What every block needs: names for ids, and the report's days (the trend's axis). */
interface Ctx {
  district: Lookup;
  team: Lookup;
  from: string;
  to: string;
}

export function ReportBody({ report, teams }: { report: ProgressReport; teams: TeamChoice[] }) {
  const { t } = useTranslation();
  const text = useText();
  const catalogue = useReportCatalogue();
  const totals = reportTotals(report);
  const goals = byStrategicGoal(report);
  const districts = districtValues(catalogue);
  const names: Ctx = {
    district: (id: string) => text(districts.find((d) => d.id === id)?.label) || id,
    team: (id: string) => teams.find((x) => x.id === id)?.name ?? t('reports.unknownTeam'),
    from: report.from,
    to: report.to,
  };
  return (
    <div className="report-body">
      <section aria-labelledby="rp-totals" className="card">
        <h2 id="rp-totals">{t('reports.totals')}</h2>
        <dl className="facts totals">
          <dt>{t('reports.eventsHeld')}</dt>
          <dd data-testid="events-held">{totals.eventsHeld}</dd>
          <dt>{t('reports.peopleReached')}</dt>
          <dd data-testid="people-reached">{totals.peopleReached}</dd>
        </dl>
      </section>
      {goals.length === 0 && <p>{t('reports.nothing')}</p>}
      {goals.map((goal) => (
        <GoalSection key={goal.number} number={goal.number} measures={goal.measures} names={names} />
      ))}
      <ExecutorTable report={report} />
    </div>
  );
}

function progressLines(measures: MeasureProgress[], label: (i: Indicator) => string): ProgressLine[] {
  return measures.flatMap((m) =>
    m.indicators.flatMap((p) => {
      const indicator = m.entry.measure.indicators?.find((i) => i.id === p.indicatorId);
      if (!indicator || p.kind !== 'count' || p.status === 'not_scheduled' || (p.value === 0 && p.target === null)) return [];
      return [{ id: p.indicatorId, label: label(indicator), value: p.value, target: p.target, status: p.status }];
    }),
  );
}

function GoalSection({ number, measures, names }: { number: string; measures: MeasureProgress[]; names: Ctx }) {
  const { t } = useTranslation();
  const text = useText();
  const goal = measures[0]!.entry.strategicGoal;
  const withData = measures.filter(hasContent);
  const quiet = measures.filter((m) => !hasContent(m));
  return (
    <section aria-labelledby={`sg-${number}`} className="goal">
      <h2 id={`sg-${number}`}>
        {t('plan.strategicGoal', { n: number })}: {text(goal.title)}
      </h2>
      <ProgressChart title={t('reports.chartProgress', { n: number })} lines={progressLines(measures, (i) => text(i.text))} />
      {withData.map((m) => (
        <MeasureBlock key={m.entry.measure.id} progress={m} names={names} />
      ))}
      {quiet.length > 0 && (
        <details className="quiet-measures">
          <summary>{t('reports.quietMeasures', { count: quiet.length })}</summary>
          <ul>
            {quiet.map((m) => (
              <li key={m.entry.measure.id}>
                {t('reports.measureHeading', { id: m.entry.measure.id })}:{' '}
                {m.indicators.map((i) => `${i.indicatorId} · ${text(statusLabels[i.status])}`).join('; ') || '—'}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

function MeasureBlock({ progress, names }: { progress: MeasureProgress; names: Ctx }) {
  const { t } = useTranslation();
  const text = useText();
  const { measure } = progress.entry;
  return (
    <article className="measure report-measure" aria-labelledby={`rm-${measure.id}`}>
      <h3 id={`rm-${measure.id}`}>{t('reports.measureHeading', { id: measure.id })}</h3>
      <p>{text(measure.text)}</p>
      {measure.withdrawnIn && <p className="hint" data-testid={`measure-withdrawn-${measure.id}`}>{t('reports.measureWithdrawn', { version: measure.withdrawnIn })}</p>}
      <p className="measure-totals" data-testid={`measure-totals-${measure.id}`}>
        {t('reports.measureTotals', { events: progress.eventsHeld, people: progress.peopleReached })}
      </p>
      {progress.indicators.map((p) => {
        const indicator = measure.indicators?.find((i) => i.id === p.indicatorId);
        return indicator ? <IndicatorBlock key={p.indicatorId} indicator={indicator} progress={p} names={names} /> : null;
      })}
    </article>
  );
}

function IndicatorBlock({ indicator, progress, names }: { indicator: Indicator; progress: IndicatorProgress; names: Ctx }) {
  const { t } = useTranslation();
  const text = useText();
  const label = `${indicator.id}: ${text(indicator.text)}`;
  const before = progress.value === 0 ? progress.doneBefore : undefined;
  const doneYear = before?.month.slice(0, 4);
  const value =
    progress.kind === 'deliverable'
      ? progress.value > 0 ? t('plan.done') : doneYear ? t('reports.doneIn', { year: doneYear }) : t('plan.notDone')
      : String(progress.value);
  const documents = before ? before.documents : progress.documents;
  // Only indicators that count people have a sex, an age and a group; an event or a study has none.
  const people = indicator.kind === 'count' && PEOPLE_UNITS.has(indicator.unit);
  return (
    <div className="indicator-report" data-indicator={indicator.id}>
      <h4>{label}</h4>
      <p className="figures">
        <span>
          {t('reports.indicatorValue')}: <strong data-testid={`value-${indicator.id}`}>{value}</strong>
        </span>
        <span>
          {t('reports.target')}:{' '}
          {progress.target ?? (progress.per === 'year' ? t('reports.perYearNoTarget') : t('reports.noTarget'))}
        </span>
        <span className={`badge status status-${progress.status}`}>{text(statusLabels[progress.status])}</span>
      </p>
      {documents.length > 0 && (
        <p data-testid={`documents-${indicator.id}`}>{t('reports.documents', { list: documents.join('; ') })}</p>
      )}
      {progress.kind === 'count' && progress.value > 0 && (
        <details className="breakdowns">
          <summary>
            {t('reports.breakdowns')}: {indicator.id}
          </summary>
          {!people && <p className="hint">{t('reports.eventsNoPeople')}</p>}
          {people && <SexSplitChart title={t('reports.chartSex', { text: indicator.id })} bySex={progress.bySex} />}
          <TrendChart title={t('reports.chartTrend', { text: indicator.id })} series={monthlySeries(progress.byMonth, names.from, names.to)} />
          {people && (
            <>
              <CrossTable caption={`${t('reports.bySexAgeGroup')}: ${indicator.id}`} cells={progress.cells} />
              <YouthLine id={indicator.id} cells={progress.cells} />
              <SexLifeStageTable indicator={indicator} progress={progress} />
              <MembershipTable indicatorId={indicator.id} progress={progress} />
            </>
          )}
          <AudienceTable indicatorId={indicator.id} progress={progress} />
          <ValueTable caption={`${t('reports.byDistrict')}: ${indicator.id}`} head={t('reports.district')} values={progress.byDistrict} name={names.district} />
          <ValueTable caption={`${t('reports.byTeam')}: ${indicator.id}`} head={t('reports.team')} values={progress.byTeam} name={names.team} />
        </details>
      )}
    </div>
  );
}

/** Youth (14–35) among the people counted, or why it cannot be told (docs/counting-model.md). */
function YouthLine({ id, cells }: { id: string; cells: IndicatorProgress['cells'] }) {
  const { t } = useTranslation();
  const youth = youthFigure(cells);
  if (youth.youth + youth.undetermined === 0) return null;
  return (
    <p className="hint" data-testid={`youth-${id}`}>
      {youth.derivable
        ? t('reports.youth', { n: youth.youth })
        : t('reports.youthNotDerivable', { n: youth.youth, undetermined: youth.undetermined })}
    </p>
  );
}

function ExecutorTable({ report }: { report: ProgressReport }) {
  const { t } = useTranslation();
  const text = useText();
  const catalogue = useReportCatalogue();
  const lines = byExecutor(report);
  if (lines.length === 0) return null;
  const name = (id: string) => {
    const x = catalogue.executors.find((e) => e.id === id);
    return x ? text(x.short ?? x.name) : id;
  };
  return (
    <section aria-labelledby="rp-executors" className="card">
      <h2 id="rp-executors">{t('reports.byExecutor')}</h2>
      <p className="hint">{t('reports.byExecutorNote')}</p>
      <DataTable
        caption={t('reports.byExecutor')}
        hiddenCaption
        scroll
        columns={[
          t('reports.executor'),
          t('reports.executorMeasures'),
          t('reports.eventsHeld'),
          t('reports.peopleReached'),
          t('reports.executorMet'),
          t('reports.executorBehind'),
        ]}
        rows={lines.map((l) => ({ key: l.executorId, head: name(l.executorId), cells: [l.measures, l.eventsHeld, l.peopleReached, l.met, l.behind] }))}
      />
    </section>
  );
}
