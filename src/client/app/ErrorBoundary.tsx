import { Component, type ReactNode } from 'react';
import { Translation } from './i18n';

interface State {
  error: Error | null;
}

/** A screen that fails shows what happened and a way out; the rest of the app keeps working. */
export class ErrorBoundary extends Component<{ children: ReactNode; resetKey: string }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidUpdate(previous: { resetKey: string }) {
    if (previous.resetKey !== this.props.resetKey && this.state.error) this.setState({ error: null });
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <Translation>
        {(t) => (
          <div role="alert" className="notice notice-error">
            <p>{t('app.screenFailed')}</p>
            <p className="hint">{this.state.error?.message}</p>
            <button type="button" className="primary" onClick={() => window.location.reload()}>
              {t('update.reload')}
            </button>
          </div>
        )}
      </Translation>
    );
  }
}
