// Headless Chromium from Debian, driven by playwright-core (no browser download). The flags keep Chromium off
// the network, which this machine does not have. startE2e() is the whole e2e harness: a fresh SQLite database,
// the app on a free port, and the browser; loginInBrowser() logs in through the real form.
import type { Server } from 'node:http';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { freshDb, type TestDb } from './databases.js';
import { listenOnFreePort, testApp } from './web.js';
import type { AppDeps } from '../../server/web/app.js';

export const CHROMIUM_PATH = '/usr/bin/chromium';

export async function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', ...extraArgs],
  });
}

export interface E2e {
  db: TestDb;
  baseUrl: string;
  server: Server;
  browser: Browser;
  /** A page in its own browser context (own cookies), whose relative URLs resolve against baseUrl. */
  newPage(options?: BrowserContextOptions): Promise<Page>;
  /** Closes the browser, the server and the database; safe to call after a partial start. */
  stop(): Promise<void>;
}

/** A fresh, migrated SQLite database, the app listening on a free port, and headless Chromium. */
export async function startE2e(appOverrides: Partial<AppDeps> = {}): Promise<E2e> {
  const db = await freshDb('sqlite');
  let server: Server | undefined;
  let browser: Browser | undefined;
  const stop = async () => {
    await browser?.close();
    if (server) {
      const s = server;
      s.closeAllConnections();
      await new Promise<void>((resolve) => s.close(() => resolve()));
    }
    await db.destroy();
  };
  try {
    let baseUrl: string;
    ({ server, baseUrl } = await listenOnFreePort(testApp(db, appOverrides)));
    browser = await launchBrowser();
    const b = browser;
    return { db, baseUrl, server, browser, stop, newPage: (options = {}) => b.newPage({ baseURL: baseUrl, ...options }) };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** Opens /login (with `next` when given), fills the form and submits it; does not wait for the outcome. */
export async function submitLoginForm(page: Page, username: string, password: string, opts: { next?: string } = {}): Promise<void> {
  await page.goto(opts.next ? `/login?next=${encodeURIComponent(opts.next)}` : '/login');
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', password);
  await page.click('[data-testid=login-submit]');
}

/**
 * Logs in through the real form and waits for the page it lands on: the home page, or `waitFor` (a selector
 * on the `next` page). The page must come from E2e.newPage (relative URLs).
 */
export async function loginInBrowser(page: Page, username: string, password: string, opts: { next?: string; waitFor?: string } = {}): Promise<void> {
  await submitLoginForm(page, username, password, opts);
  await page.waitForSelector(opts.waitFor ?? '[data-testid=home-title]');
}
