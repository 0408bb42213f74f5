import { useState } from 'react';
import { reviewStatuses } from '../../../shared/review/protocol';
import { useText, useTranslation } from '../../app/i18n';
import { useCatalogue } from '../../catalogue/catalogue';
import { allMeasures } from '../../../shared/plan/catalogue-index';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
// the review texts and styles live with the reports feature's
export { messagesReady as ready } from '../reports';
import { useDataSource, type DataSource } from '../../net/dataSource';
import { BulkApprove } from './BulkApprove';
import { CompletenessPanel } from './CompletenessPanel';
import { MonthPanel } from './MonthPanel';
import { ReviewCard } from './ReviewCard';
import { defaultReviewFilter, isMonth, type ReviewFilter } from './reviewFilter';
import { useTeams, type TeamChoice } from '../../net/teams';
import { useReviewList } from './useReview';
import { ChoiceSelect } from '../../ui/ChoiceSelect';

export default function ReviewScreen() {
  const { t } = useTranslation();
  const source = useDataSource();
  const teams = useTeams(source);
  const [filter, setFilter] = useState<ReviewFilter>(defaultReviewFilter);
  const [refreshKey, setRefreshKey] = useState(0);
  const [note, setNote] = useState<string | null>(null);
  // After a verdict the record may leave the filtered list: the outcome is said here, above the list.
  const refresh = (message?: string) => {
    setNote(message ?? null);
    setRefreshKey((k) => k + 1);
  };

  return (
    <section aria-labelledby="review-title" className="review">
      <h1 id="review-title">{t('review.title')}</h1>
      <p className="lead">{t('review.lead')}</p>
      <SourceNotice source={source} />
      <ReviewFilters filter={filter} teams={teams} onChange={setFilter} />
      <div role="status" className="live-note">
        {note && <p className="notice notice-ok">{note}</p>}
      </div>
      <ReviewList
        key={JSON.stringify(filter)}
        filter={filter}
        source={source}
        teams={teams}
        refreshKey={refreshKey}
        onChanged={refresh}
      />
      <MonthPanel source={source} teams={teams} onChanged={refresh} />
      <CompletenessPanel source={source} />
    </section>
  );
}

function SourceNotice({ source }: { source: DataSource }) {
  const { t } = useTranslation();
  if (source.kind === 'server') return <p className="source-label source-server">{t('review.fromServer')}</p>;
  const text = source.why === 'role' ? t('review.notReviewer') : source.why === 'login' ? t('review.needLogin') : t('review.fromDevice');
  return <p className="source-label source-device">{text}</p>;
}

function ReviewFilters({ filter, teams, onChange }: { filter: ReviewFilter; teams: TeamChoice[]; onChange: (f: ReviewFilter) => void }) {
  const { t } = useTranslation();
  const text = useText();
  const catalogue = useCatalogue();
  const [month, setMonth] = useState(filter.month);
  const monthInvalid = month !== '' && !isMonth(month);
  return (
    <form className="filters" aria-label={t('review.filters')} onSubmit={(e) => e.preventDefault()}>
      <ChoiceSelect
        id="rv-team"
        label={t('review.team')}
        options={teams.map((team) => ({ value: team.id, label: team.name }))}
        placeholder={t('review.allTeams')}
        value={filter.teamId}
        onChange={(teamId) => onChange({ ...filter, teamId })}
      />
      <ChoiceSelect
        id="rv-status"
        label={t('review.status')}
        options={reviewStatuses.map((s) => ({ value: s, label: t(`review.statusName.${s}`) }))}
        placeholder={t('review.all')}
        value={filter.status}
        onChange={(status) => onChange({ ...filter, status: reviewStatuses.find((s) => s === status) ?? '' })}
      />
      <ChoiceSelect
        id="rv-measure"
        label={t('review.measure')}
        options={allMeasures(catalogue).map(({ measure }) => ({ value: measure.id, label: `${measure.id}: ${text(measure.text).slice(0, 80)}` }))}
        placeholder={t('review.all')}
        value={filter.measureId}
        onChange={(measureId) => onChange({ ...filter, measureId })}
      />
      <div className={monthInvalid ? 'field invalid' : 'field'}>
        <label htmlFor="rv-month">{t('review.month')}</label>
        <input
          id="rv-month"
          type="month"
          value={month}
          aria-describedby="rv-month-hint"
          aria-invalid={monthInvalid || undefined}
          onChange={(e) => {
            setMonth(e.target.value);
            if (e.target.value === '' || isMonth(e.target.value)) onChange({ ...filter, month: e.target.value });
          }}
        />
        <div className="hint" id="rv-month-hint">
          {t('review.monthHint')}
        </div>
      </div>
    </form>
  );
}

function ReviewList(props: {
  filter: ReviewFilter;
  source: DataSource;
  teams: TeamChoice[];
  refreshKey: number;
  onChanged: (note?: string) => void;
}) {
  const { t } = useTranslation();
  const text = useText();
  const list = useReviewList(props.filter, props.source, props.refreshKey);
  const teamName = (id: string) => props.teams.find((x) => x.id === id)?.name ?? id;
  if (list.items === undefined) return <Loading />;
  return (
    <div className="review-list">
      {list.source.kind !== props.source.kind && <SourceNotice source={list.source} />}
      {list.error && <Notice tone="error">{text(list.error)}</Notice>}
      <p aria-live="polite">
        {list.total > list.items.length
          ? t('review.shownOf', { shown: list.items.length, total: list.total })
          : t('review.shown', { count: list.items.length })}
      </p>
      <BulkApprove filter={props.filter} items={list.items} total={list.total} source={list.source} onDone={props.onChanged} />
      {list.items.length === 0 ? (
        <p>{t('records.noneMatch')}</p>
      ) : (
        <ul className="record-list">
          {list.items.map((item) => (
            <ReviewCard key={item.record.id} item={item} teamName={teamName(item.record.teamId)} source={list.source} onChanged={props.onChanged} />
          ))}
        </ul>
      )}
      {list.loadMore && (
        <button type="button" onClick={list.loadMore}>
          {t('review.more')}
        </button>
      )}
    </div>
  );
}
