// Its texts come with its chunk (app/screenTexts.ts).
import '../../app/screenTexts';
import { useSyncExternalStore } from 'react';
import type { LocalizedText } from '../../../shared/plan/catalogue-schema';
import { errorText } from '../../data';
import { useText, useTranslation } from '../../app/i18n';
import { Notice } from '../Notice';

interface Props {
  busy: boolean;
  failure: LocalizedText | null;
  draftError: unknown;
  hasErrors: boolean;
  onKeepDraft: () => void;
  /** "save and add another", for a new record */
  onSaveAnother?: (() => void) | undefined;
  onClear: () => void;
  /** the form was just cleared: offer to put back what it held */
  cleared: boolean;
  onUndoClear: () => void;
}

/** Save (queue for upload), keep as a local draft, or clear; with what went wrong, if anything. */
export function SaveBar({ busy, failure, draftError, hasErrors, onKeepDraft, onSaveAnother, onClear, cleared, onUndoClear }: Props) {
  const { t } = useTranslation();
  const text = useText();
  return (
    <div className="save-bar">
      {hasErrors && <ErrorBanner />}
      {failure && <Notice tone="error">{text(failure)}</Notice>}
      {draftError ? <Notice tone="error">{text(errorText(draftError))}</Notice> : null}
      <p className="hint">{t('form.autosaved')}</p>
      <div className="buttons">
        <button type="submit" className="primary" disabled={busy}>
          {t('form.saveReady')}
        </button>
        {onSaveAnother && (
          <button type="button" className="primary" disabled={busy} onClick={onSaveAnother}>
            {t('form.saveAnother')}
          </button>
        )}
        <button type="button" className="secondary" disabled={busy} onClick={onKeepDraft}>
          {t('form.saveDraft')}
        </button>
      </div>
      {/* Apart from the save buttons, and undoable: one stray tap must not wipe a tally. */}
      <div className="clear-row">
        {cleared ? (
          <Notice tone="info">
            {t('form.cleared')}{' '}
            <button type="button" className="secondary" onClick={onUndoClear}>
              {t('form.undoClear')}
            </button>
          </Notice>
        ) : (
          <button type="button" className="link-button" disabled={busy} onClick={onClear}>
            {t('form.clear')}
          </button>
        )}
      </div>
    </div>
  );
}

/**
 * The names of the fields a form marks as needing a fix, as the person sees them: the label of
 * each invalid field and the legend of each group (a tally grid, say) showing an error, read from
 * the form itself as it is drawn, so every form's banner names its own fields.
 */
function invalidFieldNames(): string {
  const form = document.querySelector('.save-bar')?.closest('form');
  if (!form) return '';
  const names: string[] = [];
  for (const label of form.querySelectorAll('.field.invalid > label')) names.push(label.textContent?.trim() ?? '');
  for (const group of form.querySelectorAll('fieldset')) {
    if (!group.querySelector(':scope > .error, :scope > p.error, :scope > ul.error')) continue;
    names.push(group.querySelector(':scope > legend')?.textContent?.trim() ?? '');
  }
  return [...new Set(names.filter(Boolean))].join(', ');
}

function watchMarks(onChange: () => void): () => void {
  const observer = new MutationObserver(onChange);
  observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['class', 'aria-invalid'] });
  return () => observer.disconnect();
}

function ErrorBanner() {
  const { t } = useTranslation();
  const fields = useSyncExternalStore(watchMarks, invalidFieldNames, () => '');
  return <Notice tone="error">{fields ? t('form.fixErrorsNamed', { fields }) : t('form.fixErrors')}</Notice>;
}
