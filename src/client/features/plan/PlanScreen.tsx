// Its texts come with its chunk (app/screenTexts.ts).
import '../../app/screenTexts';
import { useEffect, useState } from 'react';
import type { Catalogue, Indicator, Measure } from '../../../shared/plan/catalogue-schema';
import { countedPerOf } from '../../../shared/plan/catalogue-index';
import type { IndicatorProgress } from '../../../shared/reports/progress';
import { statusLabels } from '../../../shared/reports/progress';
import { useText, useTranslation } from '../../app/i18n';
import { useCatalogue } from '../../catalogue/catalogue';
import { localToday } from '../../catalogue/measures';
import { useDeviceBuckets } from '../../data';
import { bucketsProgress, defaultYear, type PlanProgress } from './progress';
import { useCurrentSession } from '../../app/sessionContext';
import { YearSelect } from '../../ui/YearSelect';

export default function PlanScreen() {
  const { t } = useTranslation();
  const text = useText();
  const catalogue = useCatalogue();
  const session = useCurrentSession();
  // The device's figures kept per measure × month: only buckets a write made stale are recomputed.
  const buckets = useDeviceBuckets();
  const today = localToday();
  const [year, setYear] = useState(() => defaultYear(catalogue.years, today));
  const [progress, setProgress] = useState<PlanProgress | null>(null);

  useEffect(() => {
    if (!buckets || !session) return;
    let live = true;
    void bucketsProgress(catalogue, buckets, { authorId: session.userId, teamId: session.teamId }, year, today).then(
      (p) => live && setProgress(p),
    );
    return () => {
      live = false;
    };
  }, [catalogue, buckets, session, year, today]);

  return (
    <section aria-labelledby="plan-title">
      <h1 id="plan-title">{text(catalogue.title)}</h1>
      <p className="lead">{t('plan.lead')}</p>
      <YearSelect id="plan-year" className="field inline" label={t('plan.year')} years={catalogue.years} value={year} onChange={setYear} />
      <div className="plan-tree">
        {catalogue.strategicGoals.map((sg) => (
          <details key={sg.number} className="level-1">
            <summary>
              {t('plan.strategicGoal', { n: sg.number })}: {text(sg.title)}
            </summary>
            {sg.operationalGoals.map((og) => (
              <details key={og.number} className="level-2">
                <summary>
                  {t('plan.operationalGoal', { n: og.number })}: {text(og.title)}
                </summary>
                {og.tasks.map((task) => (
                  <details key={task.number} className="level-3">
                    <summary>
                      {t('plan.task', { n: task.number })}: {text(task.title)}
                    </summary>
                    {task.measures.map((m) => (
                      <MeasureCard key={m.id} measure={m} catalogue={catalogue} progress={progress} />
                    ))}
                  </details>
                ))}
              </details>
            ))}
          </details>
        ))}
      </div>
    </section>
  );
}

function MeasureCard({ measure, catalogue, progress }: { measure: Measure; catalogue: Catalogue; progress: PlanProgress | null }) {
  const { t } = useTranslation();
  const text = useText();
  const executors = (measure.executors ?? []).map((x) => {
    const found = catalogue.executors.find((e) => e.id === x.id);
    return `${found ? text(found.short ?? found.name) : x.id}${x.byConsent ? ` (${t('plan.byConsent')})` : ''}`;
  });
  return (
    <article className="measure" aria-labelledby={`m-${measure.id}`}>
      <h3 id={`m-${measure.id}`}>
        {t('plan.measure', { n: measure.id })}
      </h3>
      <p>{text(measure.text)}</p>
      <dl className="facts">
        <dt>{t('plan.period')}</dt>
        <dd>{measure.period ? measure.period.source : t('plan.noPeriod')}</dd>
        <dt>{t('plan.executors')}</dt>
        <dd>{executors.length > 0 ? executors.join('; ') : t('plan.none')}</dd>
      </dl>
      {(measure.indicators ?? []).length === 0 ? (
        <p className="hint">{measure.indicatorText ? text(measure.indicatorText) : t('plan.noIndicators')}</p>
      ) : (
        <ul className="indicators">
          {(measure.indicators ?? []).map((i) => (
            <IndicatorLine key={i.id} indicator={i} mine={progress?.mine.get(i.id)} team={progress?.team.get(i.id)} />
          ))}
        </ul>
      )}
    </article>
  );
}

/**
 * The plan's own words for a target are Ukrainian. When they say no more than the structured
 * target ("не менше 4 на рік"), the target as worded in the reader's language says it all; when
 * they say more, they are quoted, marked as the plan's wording and as Ukrainian (lang="uk").
 */
function sayTargetSource(target: { min: number; per: string; source: string }): boolean {
  const plain = target.per === 'year' ? `не менше ${target.min} на рік` : `не менше ${target.min} за період`;
  return target.source.trim() !== '' && target.source.trim() !== plain;
}

function IndicatorLine({ indicator, mine, team }: { indicator: Indicator; mine?: IndicatorProgress; team?: IndicatorProgress }) {
  const { t } = useTranslation();
  const text = useText();
  const target = indicator.kind === 'count' ? indicator.target : null;
  const yearlyWithoutNumber = indicator.kind === 'count' && !target && countedPerOf(indicator) === 'year';
  const line = (who: string, p: IndicatorProgress | undefined) => {
    if (!p) return `${who}: …`;
    const value = indicator.kind === 'deliverable' ? (p.value > 0 ? t('plan.done') : t('plan.notDone')) : String(p.value);
    return `${who}: ${value}${p.target !== null ? ` / ${p.target}` : ''} · ${text(statusLabels[p.status])}`;
  };
  return (
    <li>
      <p>{text(indicator.text)}</p>
      {target && (
        <p className="hint">
          {t('plan.target')}: {t(target.per === 'year' ? 'plan.perYear' : 'plan.perPeriod', { n: target.min })}
          {sayTargetSource(target) && (
            <>
              {' '}
              ({t('plan.targetSource')}: «<span lang="uk">{target.source}</span>»)
            </>
          )}
        </p>
      )}
      {yearlyWithoutNumber && <p className="hint">{t('plan.perYearOnly')}</p>}
      <p className="progress-line">{line(t('plan.mine'), mine)}</p>
      <p className="progress-line">{line(t('plan.team'), team)}</p>
      {mine && mine.target !== null && mine.target > 0 && (
        <progress max={mine.target} value={Math.min(mine.value, mine.target)} aria-label={t('plan.progressOf', { text: text(indicator.text) })} />
      )}
    </li>
  );
}
