// The page sweep: every page of every role (sweep-pages.ts), at a laptop's 1366×768 and a phone's 390×844, in
// real Chromium. Each page must not scroll sideways, must have no axe-core violation of serious or critical
// impact (axe runs inside the page), must show no English sentence or raw code in Vietnamese (issue 15 item 3,
// support/vi-text-check.ts, which also refuses dates not written dd/mm/yyyy 24 h), must have none of the defects
// support/page-checks.ts names (a `hidden` element shown, chart text under 9 px, the same heading twice), and
// leaves a full-page screenshot in test/artifacts/sweep/ (git-ignored).
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { expect } from 'chai';
import type { BrowserContext, Page } from 'playwright-core';
import { startE2e, loginInBrowser, type E2e } from '../support/browser.js';
import { buildSweepWorld, type SweepRole, type SweepWorld } from '../support/sweep-fixture.js';
import { SWEEP_PAGES } from './sweep-pages.js';
import { interfaceText, viTextProblems } from '../support/vi-text-check.js';
import { pageDefects } from '../support/page-checks.js';

const AXE_PATH = createRequire(import.meta.url).resolve('axe-core');
const ARTIFACTS = path.resolve(import.meta.dirname, '../artifacts/sweep');
const VIEWPORTS = [{ width: 1366, height: 768 }, { width: 390, height: 844 }];

interface AxeViolation { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }

/** Runs axe-core in the page; returns the serious and critical violations, each with where it is. */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE_PATH });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document): Promise<{ violations: unknown[] }> } }).axe;
    return (await axe.run(document)).violations;
  }) as AxeViolation[];
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')})`);
}

describe('e2e: page sweep (every page of every role, laptop and phone)', function () {
  this.timeout(600_000);
  let e2e: E2e;
  let world: SweepWorld;
  const contexts = new Map<string, BrowserContext>();

  before(async () => {
    e2e = await startE2e();
    world = await buildSweepWorld(e2e.db);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
  });
  after(async () => {
    for (const c of contexts.values()) await c.close();
    await e2e?.stop();
  });

  /** One logged-in browser context per role and viewport, reused by that role's pages. */
  async function pageFor(role: SweepRole, viewport: { width: number; height: number }): Promise<Page> {
    const key = `${role}@${viewport.width}`;
    let context = contexts.get(key);
    if (!context) {
      // bypassCSP: the app's CSP (script-src 'self') rightly refuses the injected axe script; the pages are unchanged.
      context = await e2e.browser.newContext({ baseURL: e2e.baseUrl, viewport, bypassCSP: true });
      contexts.set(key, context);
      if (role !== 'public') {
        const user = world.users[role]!;
        await loginInBrowser(await context.newPage(), user.username, user.password);
      }
    }
    return context.pages()[0] ?? context.newPage();
  }

  for (const viewport of VIEWPORTS) {
    for (const entry of SWEEP_PAGES) {
      it(`${entry.role} ${entry.name} at ${viewport.width}×${viewport.height}`, async () => {
        const page = await pageFor(entry.role, viewport);
        const url = typeof entry.path === 'function' ? entry.path(world) : entry.path;
        const res = await page.goto(url);
        expect(res?.status(), url).to.equal(entry.status ?? 200);
        if (entry.open) await entry.open(page, world);
        await page.screenshot({ path: path.join(ARTIFACTS, `${entry.role}-${entry.name}-${viewport.width}.png`), fullPage: true });
        const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
        expect(widths.scroll, `${url} scrolls sideways`).to.be.at.most(widths.inner);
        expect(await seriousViolations(page), url).to.deep.equal([]);
        expect(await pageDefects(page), url).to.deep.equal([]);
        // The sweep's browser sends no Accept-Language, so every page is in Vietnamese, the default.
        expect(viTextProblems(await interfaceText(page)), `${url} in Vietnamese`).to.deep.equal([]);
      });
    }
  }
});
