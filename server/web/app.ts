// createApp() builds the Express app without listening, so tests drive it in-process (supertest) and index.ts
// decides where it listens.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Express } from 'express';
import helmet from 'helmet';
import cookieParser from 'cookie-parser';
import type { Db } from '../db/index.js';
import type { Logger } from '../logger.js';
import type { SessionKicker } from '../services/mailserver/index.js';
import type { SessionLifetime } from '../services/auth/index.js';
import type { IngestContext } from '../services/ingestion/index.js';
import './types.js';
import { viewEngine } from './view-engine.js';
import { navFor } from './nav.js';
import { loadSession } from './middleware/session.js';
import { csrf } from './middleware/csrf.js';
import { rejectNul } from './middleware/bad-input.js';
import { errorHandler, notFound } from './middleware/errors.js';
import { healthRoutes } from './routes/health.js';
import { promMetricsRoutes } from './routes/prom-metrics.js';
import { requestLog } from './middleware/request-log.js';
import { publicFaceRoutes, DEFAULT_FACE, type PublicFace } from './routes/public-face.js';
import { authRoutes } from './routes/auth.js';
import { homeRoutes } from './routes/home.js';
import { ownMailboxRoutes } from './routes/own-mailbox.js';
import { ticketRoutes } from './routes/tickets.js';
import { mailReviewRoutes } from './routes/mail-review.js';
import { queueRoutes } from './routes/queue.js';
import { caseExportRoutes } from './routes/case-export.js';
import { ticketFileRoutes } from './routes/ticket-files.js';
import { ticketMergeRoutes } from './routes/ticket-merge.js';
import { lookupRoutes } from './routes/lookup.js';
import { hrRosterRoutes } from './routes/hr-roster.js';
import { hrMailboxRoutes } from './routes/hr-mailboxes.js';
import { hrCoverageRoutes } from './routes/hr-coverage.js';
import { hrSharedMailboxRoutes } from './routes/hr-shared-mailboxes.js';
import { adminAgencyRoutes } from './routes/admin-agencies.js';
import { adminAgencyEditRoutes } from './routes/admin-agency-edit.js';
import { metricsRoutes } from './routes/metrics.js';
import { adminHotlineRoutes } from './routes/admin-hotlines.js';
import { adminRuleRoutes } from './routes/admin-rules.js';
import { adminSlaRoutes } from './routes/admin-sla.js';
import { adminCalendarRoutes } from './routes/admin-calendar.js';
import { adminUserRoutes } from './routes/admin-users.js';
import { replyTemplateRoutes } from './routes/reply-templates.js';
import { ticketDeskRoutes } from './routes/ticket-desk.js';
import { multipartForm } from './middleware/multipart-form.js';
import { canWrite } from '../services/tickets/index.js';
import { DEFAULT_REPLY_ATTACHMENT_MAX_BYTES } from '../services/replies/index.js';

/** The one form that posts files with its fields (tickets.ts reply). */
const REPLY_FORM_PATH = /^\/tickets\/[^/]+\/reply$/;

export interface AppDeps {
  db: Db;
  log: Logger;
  secretKey: string;
  /** the public URL (BASE_URL), printed on the initial-password sheets */
  baseUrl: string;
  /** what a reply needs to go out as ours (secret, own addresses, MAIL_FROM): the composition root's */
  ingestContext(): Promise<IngestContext>;
  /** Secure on every cookie (SECURE_COOKIES); a request that arrived over https gets Secure regardless */
  secureCookies: boolean;
  /** Express's `trust proxy` (TRUST_PROXY); default: a proxy on loopback */
  trustProxy?: false | number | string;
  /** idle and absolute session lifetimes (SESSION_IDLE_MINUTES, SESSION_MAX_HOURS) */
  sessionLifetime?: SessionLifetime;
  /** Ends open IMAP/POP3 sessions after a suspend or a leaver (DOVEADM_KICK); null or absent: no kick. */
  sessionKicker?: SessionKicker | null;
  /** the province's name and emblem on the citizen's pages (PROVINCE_NAME, PROVINCE_EMBLEM); default DEFAULT_FACE */
  face?: PublicFace;
  /** login attempts per IP per 15 minutes */
  loginRateLimit?: number;
  /** operations: who may scrape /metrics/prom (METRICS_TOKEN, METRICS_ALLOW) and when an inbox is stale
   *  (INBOX_STALE_MINUTES, for /readyz and the inbox gauges); absent: the scrape refuses everyone */
  ops?: { metricsToken?: string; metricsAllow?: readonly string[]; inboxStaleMs?: number };
  /** REPLY_ATTACHMENT_MAX_MB in bytes: the files of one reply together (default 10 MB) */
  replyAttachmentMaxBytes?: number;
}

const VIEWS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../views');

export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.trustProxy ?? 'loopback');
  app.engine('hbs', viewEngine(VIEWS_DIR));
  app.set('view engine', 'hbs');
  app.set('views', VIEWS_DIR);
  // Templates and partials compiled once per process (express turns this on only under NODE_ENV=production, and
  // recompiling every partial on every page was more than half of a signed-in request's time); edits show after a restart.
  app.set('view cache', true);
  // No ETag: every page is drawn per request, so a 304 saves the server nothing, and hashing each page did cost
  // (static files keep theirs: express.static sets its own).
  app.set('etag', false);

  // Mail HTML is shown in sandboxed srcdoc frames, which inherit this policy: nothing in it may load from another
  // host (a remote image, stylesheet or font tells the sender that an officer opened the mail). Helmet's defaults
  // allow https: styles and fonts, so those are narrowed too; inline styles stay, mail layout depends on them.
  app.use(helmet({ contentSecurityPolicy: { directives: {
    'frame-src': ["'self'"], 'img-src': ["'self'", 'data:'], 'style-src': ["'self'", "'unsafe-inline'"], 'font-src': ["'self'", 'data:'],
  } } }));
  app.use('/static', express.static(path.join(VIEWS_DIR, 'static'), { maxAge: '1h' }));
  app.use(requestLog(deps.log));
  // Probes and the Prometheus scrape come before sessions and CSRF: their callers have neither.
  app.use(healthRoutes(deps), promMetricsRoutes(deps), publicFaceRoutes(deps));
  app.use(cookieParser());
  app.use(express.urlencoded({ extended: false, limit: '1mb' }));
  app.use(express.json({ limit: '1mb' }));
  app.use(loadSession(deps.db, { lifetime: deps.sessionLifetime, secureCookies: deps.secureCookies }));
  app.use(rejectNul);
  // a reply carries its official letter: parsed before the CSRF check, which reads _csrf from its fields; only
  // for those who may write to tickets (services/tickets canWrite), so a leader or HR cannot make us buffer one
  app.use(multipartForm(REPLY_FORM_PATH, deps.replyAttachmentMaxBytes ?? DEFAULT_REPLY_ATTACHMENT_MAX_BYTES, canWrite));
  app.use(csrf(deps.secretKey, deps.secureCookies));
  app.use((req, res, next) => {
    res.locals.locale = req.locale;
    res.locals.provinceName = (deps.face ?? DEFAULT_FACE).provinceName;
    res.locals.user = req.auth?.user;
    const nav = navFor(req.auth?.user, req.locale, req.path);
    res.locals.nav = nav;
    res.locals.currentPage = nav.flatMap((s) => s.links).find((l) => l.current)?.label;
    next();
  });

  // Ticket, mail review, reply template, mailbox and metrics pages hold citizen mail (addresses, subjects),
  // credentials and figures: no browser or proxy keeps a copy after sign-out (a prefix also covers each page's
  // actions and exports, and the public case lookup /tra-cuu).
  app.use(['/tickets', '/review', '/reply-templates', '/tra-cuu', '/hr/mailboxes', '/hr/shared-mailboxes', '/account/mailbox', '/metrics'], (_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });
  app.use(authRoutes(deps));
  app.use(homeRoutes(deps), ownMailboxRoutes(deps));
  app.use(queueRoutes(deps), ticketRoutes(deps), ticketDeskRoutes(deps), ticketFileRoutes(deps), ticketMergeRoutes(deps), mailReviewRoutes(deps), caseExportRoutes(deps), lookupRoutes(deps), replyTemplateRoutes(deps));
  app.use(hrRosterRoutes(deps), hrMailboxRoutes(deps), hrSharedMailboxRoutes(deps), hrCoverageRoutes(deps), adminAgencyRoutes(deps), adminAgencyEditRoutes(deps), adminUserRoutes(deps));

  app.use(metricsRoutes(deps));
  app.use(adminHotlineRoutes(deps));
  app.use(adminRuleRoutes(deps), adminSlaRoutes(deps), adminCalendarRoutes(deps));

  app.use(notFound);
  app.use(errorHandler(deps.log));
  return app;
}
