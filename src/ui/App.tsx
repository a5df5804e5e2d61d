import { Component, useEffect, useRef, useState, type ReactNode } from 'react';
import { requestPersistenceOnce, seedSamples, type LogigrammeDb, type PersistenceState, type SampleFile } from '../storage/index.ts';
import { SAMPLE_FILES } from '../storage/samples.ts';
import { ReferentialList } from './components/ReferentialList.tsx';
import { ReferentialScreen } from './components/ReferentialScreen.tsx';
import { CompaniesScreen } from './company/CompaniesScreen.tsx';
import { CompanyScreen } from './company/CompanyScreen.tsx';
import { EditorScreen } from './editor/EditorScreen.tsx';
import { PrintScreen } from './editor/PrintScreen.tsx';
import { layoutWorker } from './editor/layoutClient.ts';
import { csvWorker } from './company/csvClient.ts';
import { ReviewScreen } from './review/ReviewScreen.tsx';
import { DossierScreen } from './dossier/DossierScreen.tsx';
import { DbContext } from './context.ts';
import { fr } from './i18n/fr.ts';
import { hrefFor, useRoute, type Route } from './route.ts';

type StartState = { status: 'starting' } | { status: 'ready' } | { status: 'failed'; message: string };

export interface AppProps {
  db: LogigrammeDb;
  /** Samples stored on the first start; the repository's referentials/ folder by default. */
  samples?: readonly SampleFile[];
}

export function App({ db, samples = SAMPLE_FILES }: AppProps) {
  const [start, setStart] = useState<StartState>({ status: 'starting' });
  const [persistence, setPersistence] = useState<PersistenceState | null>(null);
  const { route, navigated } = useRoute();
  const mainRef = useRef<HTMLElement>(null);

  useEffect(() => {
    let live = true;
    seedSamples(db, samples)
      .then((report) => {
        if (report.rejected.length > 0 && import.meta.env.DEV) {
          // A broken sample is a repository bug, not a user error: tell the developer.
          console.warn('Exemples ignorés (invalides) :', report.rejected);
        }
        if (live) setStart({ status: 'ready' });
      })
      .catch((error: unknown) => {
        if (live) setStart({ status: 'failed', message: error instanceof Error ? error.message : String(error) });
      });
    // Background workers start now, while the network is there: the app then works offline.
    if (typeof Worker !== 'undefined') {
      layoutWorker.prewarm();
      csvWorker.prewarm();
    }
    void requestPersistenceOnce(db).then((state) => {
      if (live) setPersistence(state);
    });
    return () => {
      live = false;
    };
  }, [db, samples]);

  const skipToMain = (event: React.MouseEvent) => {
    // The fragment addresses screens, so the skip link moves focus itself.
    event.preventDefault();
    mainRef.current?.focus();
  };

  return (
    <DbContext.Provider value={db}>
      <a className="skip-link" href="#contenu" onClick={skipToMain}>
        {fr.app.skipToContent}
      </a>
      <header className="app-header">
        <a className="brand" href={hrefFor({ screen: 'list' })}>
          {fr.app.name}
        </a>
        <span className="tagline">{fr.app.tagline}</span>
        <nav aria-label={fr.app.navLabel} className="app-nav">
          <a href={hrefFor({ screen: 'list' })} aria-current={route.screen === 'list' || route.screen === 'referential' || route.screen === 'editor' || route.screen === 'dossier' ? 'page' : undefined}>
            {fr.app.navReferentials}
          </a>
          <a href={hrefFor({ screen: 'companies' })} aria-current={route.screen === 'companies' || route.screen === 'company' ? 'page' : undefined}>
            {fr.app.navCompanies}
          </a>
          <a href={hrefFor({ screen: 'review' })} aria-current={route.screen === 'review' ? 'page' : undefined}>
            {fr.app.navReview}
          </a>
        </nav>
      </header>
      <main id="contenu" ref={mainRef} tabIndex={-1}>
        <ErrorBoundary>
          {start.status === 'starting' && <p role="status">{fr.app.loading}</p>}
          {start.status === 'failed' && (
            <p role="alert" className="error-text">
              {fr.app.startFailed}
              {start.message}
            </p>
          )}
          {start.status === 'ready' && <RouteScreen route={route} navigated={navigated} />}
        </ErrorBoundary>
      </main>
      <footer className="app-footer">
        <p>{fr.app.privacy}</p>
        {persistence && <p data-testid="persistence">{fr.persistence[persistence]}</p>}
      </footer>
    </DbContext.Provider>
  );
}

/** Last line of defence: an unexpected bug shows a message instead of a blank page. */
function RouteScreen({ route, navigated }: { route: Route; navigated: boolean }) {
  switch (route.screen) {
    case 'list':
      return <ReferentialList focusHeading={navigated} />;
    case 'referential':
      return <ReferentialScreen key={route.key} recordKey={route.key} />;
    case 'editor':
      return route.print ? <PrintScreen key={`${route.id}/impression`} referentialId={route.id} /> : <EditorScreen key={route.id} referentialId={route.id} />;
    case 'companies':
      return <CompaniesScreen />;
    case 'company':
      return <CompanyScreen key={route.id} companyId={route.id} />;
    case 'dossier':
      return <DossierScreen key={route.key} recordKey={route.key} />;
    case 'review':
      return <ReviewScreen key={`${route.a ?? ''}|${route.b ?? ''}`} {...(route.a ? { a: route.a } : {})} {...(route.b ? { b: route.b } : {})} />;
  }
}

class ErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    return this.state.failed ? (
      <p role="alert" className="error-text">
        {fr.app.unexpected}
      </p>
    ) : (
      this.props.children
    );
  }
}
