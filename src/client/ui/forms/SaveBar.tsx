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
      {hasErrors && <Notice tone="error">{t('form.fixErrors')}</Notice>}
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
