// Every icon a template or the sidebar names exists in the vendored sprite (views/static/icons.svg), so a typo
// never renders an empty square.
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { NAV_ENTRIES } from '../../../server/web/nav.js';

const VIEWS = path.resolve(import.meta.dirname, '../../../views');
const templates = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true })
  .flatMap((e) => (e.isDirectory() ? templates(path.join(dir, e.name)) : e.name.endsWith('.hbs') ? [path.join(dir, e.name)] : []));

describe('icon sprite', () => {
  const sprite = fs.readFileSync(path.join(VIEWS, 'static/icons.svg'), 'utf8');
  const symbols = new Set([...sprite.matchAll(/<symbol id="([a-z0-9-]+)"/g)].map((m) => m[1]!));

  it('has every icon named by a template ({{> icon icon="…"}}) and by the sidebar', () => {
    const named = new Set<string>(NAV_ENTRIES.map((e) => e.icon));
    for (const file of templates(VIEWS)) {
      for (const m of fs.readFileSync(file, 'utf8').matchAll(/icon(?:=| icon=)"([a-z0-9-]+)"/g)) named.add(m[1]!);
    }
    expect(named.size).to.be.greaterThan(20);
    expect([...named].filter((n) => !symbols.has(n))).to.deep.equal([]);
  });

  it('ships the Lucide licence beside the sprite', () => {
    expect(sprite).to.contain('lucide-static');
    expect(fs.readFileSync(path.join(VIEWS, 'static/icons.LICENSE'), 'utf8')).to.contain('ISC License');
  });
});
