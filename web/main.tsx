// Entry point: React root with the shared query client.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App } from './app/App.tsx';
import { ApiError } from './api/client.ts';
import { signedOut } from './api/session.ts';
import './styles.css';

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
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
