import { Component, lazy, Suspense, useEffect, useRef, useState, type ReactNode } from 'react';
import { checkPublications, requestPersistenceOnce, seedSamples, type LogigrammeDb, type PersistenceState, type SampleFile } from '../storage/index.ts';
import { SAMPLE_FILES } from '../storage/samples.ts';
import { ReferentialList } from './components/ReferentialList.tsx';
import { ReferentialScreen } from './components/ReferentialScreen.tsx';
import { IntegrityBanner } from './integrity/IntegrityBanner.tsx';
import { layoutWorker } from './editor/layoutClient.ts';
import { csvWorker } from './company/csvClient.ts';
import { DbContext } from './context.ts';
import { fr } from './i18n/fr.ts';
import { hrefFor, useRoute, type Route } from './route.ts';

/*
 * The first screen (the referential list) ships in the initial bundle; the other screens load on demand:
 * the editor and the comparison bring React Flow, the company workspace its steps and exports. Once the
 * app has started, every screen is fetched in the background (`prefetchScreens`), while the network is
 * there: afterwards the app works offline, like its two workers.
 */
const SCREENS = {
  editor: () => import('./editor/EditorScreen.tsx'),
  print: () => import('./editor/PrintScreen.tsx'),
  companies: () => import('./company/CompaniesScreen.tsx'),
  company: () => import('./company/CompanyScreen.tsx'),
  review: () => import('./review/ReviewScreen.tsx'),
  dossier: () => import('./dossier/DossierScreen.tsx'),
};
const EditorScreen = lazy(() => SCREENS.editor().then((m) => ({ default: m.EditorScreen })));
const PrintScreen = lazy(() => SCREENS.print().then((m) => ({ default: m.PrintScreen })));
const CompaniesScreen = lazy(() => SCREENS.companies().then((m) => ({ default: m.CompaniesScreen })));
const CompanyScreen = lazy(() => SCREENS.company().then((m) => ({ default: m.CompanyScreen })));
const ReviewScreen = lazy(() => SCREENS.review().then((m) => ({ default: m.ReviewScreen })));
const DossierScreen = lazy(() => SCREENS.dossier().then((m) => ({ default: m.DossierScreen })));

/**
 * Fetches every lazily loaded screen. When all are in, `<html data-offline-ready>` says so (the
 * end-to-end test cuts the network only then, as a user who waited for the page to finish loading).
 */
function prefetchScreens(): Promise<void> {
  return Promise.all(Object.values(SCREENS).map((load) => load())).then(() => {
    document.documentElement.dataset.offlineReady = 'true';
  });
}

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
      // Every start checks the publication log against what is stored: a version edited behind the app's
      // back is marked « intégrité non vérifiée » before any screen can use it.
      .then(async (report) => {
        await checkPublications(db);
        return report;
      })
      .then((report) => {
        if (report.rejected.length > 0 && import.meta.env.DEV) {
          // A broken sample is a repository bug, not a user error: tell the developer.
          console.warn('Exemples ignorés (invalides) :', report.rejected);
        }
        if (live) setStart({ status: 'ready' });
        // After the first screen is drawn, so that its storage work goes first.
        if (live && typeof Worker !== 'undefined') void prefetchScreens().catch(() => undefined);
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
          {start.status === 'ready' && (
            <Suspense fallback={<p role="status">{fr.app.loadingScreen}</p>}>
              <IntegrityBanner />
              <RouteScreen route={route} navigated={navigated} />
            </Suspense>
          )}
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
