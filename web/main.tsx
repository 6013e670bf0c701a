// Entry point: React root with the shared query client.
import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App } from './app/App.tsx';
import { ApiError } from './api/client.ts';
import { signedOut } from './api/session.ts';
import './styles.css';
import './app/panels.css';

// The voortgangsrapportage's print page (/print/vergadering/<id>) is its own small page, without the app around it.
const printPad = /^\/print\/vergadering\/(\d+)\/?$/.exec(location.pathname);
const PrintRapport = lazy(() => import('./print/PrintRapport.tsx').then((m) => ({ default: m.PrintRapport })));

const queryClient: QueryClient = new QueryClient({
  // A 401 on any request means the session ended (expired or revoked): back to the sign-in form.
  queryCache: new QueryCache({
    onError: (error) => {
      if (error instanceof ApiError && error.status === 401) signedOut(queryClient);
    },
  }),
  defaultOptions: {
    queries: {
      // Retry network trouble and server errors, never a 4xx: asking again will not help.
      retry: (failures, error) =>
        failures < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
    },
  },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      {printPad ? (
        <Suspense fallback={null}>
          <PrintRapport id={Number(printPad[1])} snapshot={Number(new URLSearchParams(location.search).get('snapshot')) || undefined} />
        </Suspense>
      ) : <App />}
    </QueryClientProvider>
  </StrictMode>,
);
