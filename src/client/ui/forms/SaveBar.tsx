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
  onClear: () => void;
}

/** Save (queue for upload), keep as a local draft, or clear; with what went wrong, if anything. */
export function SaveBar({ busy, failure, draftError, hasErrors, onKeepDraft, onClear }: Props) {
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
        <button type="button" className="secondary" disabled={busy} onClick={onKeepDraft}>
          {t('form.saveDraft')}
        </button>
        <button type="button" className="link-button" disabled={busy} onClick={onClear}>
          {t('form.clear')}
        </button>
      </div>
    </div>
  );
}
