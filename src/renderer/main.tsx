/**
 * The page's entry, kept small: it starts the page session (the serve token, the event stream and the
 * first overview request), paints the month-to-date total from that first answer (early-total.ts), and
 * only then loads the popover (app.tsx), whose evaluation and first render would otherwise hold the
 * total's frame back.
 */
import { startPageSession } from './bridge/page-session';
import { paintTotalsOnArrival } from './early-total';
import { nextFrame } from './first-paint';
import { userLocale } from './locale';
import { warmIntl } from './warm-intl';
import './styles.css';
import './alerts.css';

/** How long the popover's code waits for the early total before it loads anyway. */
const EARLY_PAINT_WAIT_MS = 300;

const session = startPageSession(window);
const root = document.getElementById('root');
// While the server builds the overview, in the locale the popover formats in.
warmIntl(userLocale());

// The total shows as soon as the server answers. The popover's code is fetched and run only once that
// total is on screen: evaluating React and the contract's schemas and rendering the popover take the
// main thread for over 100 ms, and no frame can be drawn until they are done (a modulepreload of it,
// compiled while the page waited for the answer, measured slower). Inside Electron there is no early
// total and it runs at once; after an answer it cannot use, as soon as that answer is in.
const earlyPaint = session?.firstOverview && root ? paintTotalsOnArrival(session.firstOverview, root, userLocale) : Promise.resolve(false);

// A slow answer (serve busy with its start-up poll) does not hold the popover back for long: it then
// loads anyway and shows its loading state; the total is painted by whichever comes first.
Promise.race([earlyPaint.then((painted) => (painted ? nextFrame() : undefined)), delay(EARLY_PAINT_WAIT_MS)])
  .then(() => import('./app'))
  .then(({ startApp }) => startApp(session))
  .catch((error: unknown) => {
    if (root) root.textContent = `Spendbar could not start: ${error instanceof Error ? error.message : String(error)}`;
    throw error;
  });

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
