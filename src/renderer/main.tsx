/**
 * The page's entry, kept small: it starts the page session (the serve token, the event stream and the
 * first overview request) before the popover's code is loaded, then loads the popover (app.tsx), which
 * the page already fetches through a modulepreload link (vite.renderer.config.ts).
 */
import { startPageSession } from './bridge/page-session';
import { paintTotalsOnArrival } from './early-total';
import { userLocale } from './locale';
import { warmIntl } from './warm-intl';
import './styles.css';
import './alerts.css';

const session = startPageSession(window);
const root = document.getElementById('root');
// The total shows as soon as the server answers, before the popover's code has even loaded.
if (session?.firstOverview && root) void paintTotalsOnArrival(session.firstOverview, root, userLocale);

const app = import('./app');
// While the browser fetches and compiles the popover's code, in the locale the popover formats in.
warmIntl(userLocale());

app
  .then(({ startApp }) => startApp(session))
  .catch((error: unknown) => {
    if (root) root.textContent = `Spendbar could not start: ${error instanceof Error ? error.message : String(error)}`;
    throw error;
  });
