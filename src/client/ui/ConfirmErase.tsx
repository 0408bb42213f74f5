import { useTranslation } from '../app/i18n';

interface Props {
  /** what is about to be lost, asked as a question */
  question: string;
  /** the yes button's text (the caller says when it is at work) */
  yes: string;
  /** while anything runs, neither button can be pressed */
  busy: boolean;
  onYes: () => void;
  onCancel: () => void;
}

/** The second question before something cannot be undone: announced at once, with yes and cancel. */
export function ConfirmErase({ question, yes, busy, onYes, onCancel }: Props) {
  const { t } = useTranslation();
  return (
    <>
      <p role="alert">{question}</p>
      <div className="buttons">
        <button type="button" className="danger" disabled={busy} onClick={onYes}>
          {yes}
        </button>
        <button type="button" className="secondary" disabled={busy} onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </>
  );
}
