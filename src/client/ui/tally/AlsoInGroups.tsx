// Its texts come with its chunk (app/screenTexts.ts).
import '../../app/screenTexts';
import { useState } from 'react';
import { dimensionValueLabel, NOT_STATED, offeredValueIds } from '../../../shared/dimensions';
import { useText, useTranslation } from '../../app/i18n';
import { ChoiceSelect } from '../ChoiceSelect';
import { alsoAt, alsoRoom, setAlso, type TallyState } from './tally';

interface Props {
  id: string;
  state: TallyState;
  onChange: (next: TallyState) => void;
  /** the sexes the grid counts, in its order */
  sexes: readonly string[];
  /** problems of single entries (more than could be in the group), by `sex|group` */
  issues?: readonly { sex: string; group: string; message: string }[];
}

/**
 * People counted once, in one group, who also belong to another: typed per group and sex beneath
 * the grid. Collapsed until used; the total never changes (docs/counting-model.md).
 */
export function AlsoInGroups({ id, state, onChange, sexes, issues = [] }: Props) {
  const { t } = useTranslation();
  const text = useText();
  const used = [...new Set(Object.keys(state.also ?? {}).map((k) => k.split('|')[1]!))];
  const [added, setAdded] = useState<string[]>([]);
  const groups = offeredValueIds('group').filter((g) => g !== NOT_STATED);
  const shown = groups.filter((g) => used.includes(g) || added.includes(g));
  const groupName = (g: string) => text(dimensionValueLabel('group', g));
  const sexName = (s: string) => text(dimensionValueLabel('sex', s));

  function remove(group: string) {
    let next = state;
    for (const sex of sexes) next = setAlso(next, sex, group, 0);
    setAdded(added.filter((g) => g !== group));
    onChange(next);
  }

  return (
    <details className="also-in" open={shown.length > 0 || issues.length > 0 || undefined}>
      <summary>{t('tally.alsoTitle')}</summary>
      <p className="hint" id={`${id}-hint`}>
        {t('tally.alsoHint')}
      </p>
      {shown.map((group) => (
        <fieldset key={group} className="also-group">
          <legend>{groupName(group)}</legend>
          <div className="row">
            {sexes.map((sex) => {
              const inputId = `${id}-${group}-${sex}`;
              const issue = issues.find((i) => i.sex === sex && i.group === group);
              return (
                <label key={sex} htmlFor={inputId} className="also-cell">
                  <span>
                    {sexName(sex)} <span className="hint">({t('tally.alsoRoom', { count: alsoRoom(state, sex, group) })})</span>
                  </span>
                  <input
                    id={inputId}
                    type="number"
                    inputMode="numeric"
                    min={0}
                    step={1}
                    aria-label={t('tally.alsoCell', { sex: sexName(sex), group: groupName(group) })}
                    aria-invalid={issue ? true : undefined}
                    aria-describedby={issue ? `${inputId}-error` : undefined}
                    value={alsoAt(state, sex, group)}
                    onChange={(e) => onChange(setAlso(state, sex, group, e.target.value === '' ? 0 : Number(e.target.value)))}
                  />
                  {issue && (
                    <span className="error" id={`${inputId}-error`}>
                      {issue.message}
                    </span>
                  )}
                </label>
              );
            })}
          </div>
          <button type="button" className="secondary" onClick={() => remove(group)}>
            {t('tally.alsoRemove', { group: groupName(group) })}
          </button>
        </fieldset>
      ))}
      <ChoiceSelect
        id={`${id}-add`}
        label={t('tally.alsoAdd')}
        placeholder={t('form.choose')}
        options={groups.filter((g) => !shown.includes(g)).map((g) => ({ value: g, label: groupName(g) }))}
        value=""
        onChange={(g) => g && setAdded([...added, g])}
      />
    </details>
  );
}

/** The form's errors of `alsoIn` entries, by the entry's sex and group (errors name an entry by its place). */
export function alsoInIssues(tableErrors: unknown, alsoIn: readonly { sex?: string | undefined; group: string }[] | undefined) {
  const entries = (tableErrors as { alsoIn?: unknown } | undefined)?.alsoIn;
  if (!entries || typeof entries !== 'object' || !alsoIn) return [];
  return Object.entries(entries).flatMap(([index, errors]) => {
    const message = (errors as { count?: { message?: unknown } } | undefined)?.count?.message;
    const entry = alsoIn[Number(index)];
    if (typeof message !== 'string' || !entry) return [];
    return [{ sex: entry.sex ?? NOT_STATED, group: entry.group, message }];
  });
}
