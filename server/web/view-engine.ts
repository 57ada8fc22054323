// The handlebars view engine: a layout, partials and helpers (views/README.md). express-handlebars keeps compiled
// templates under Express's view cache, but still gathers every partial anew on each render (a directory lookup
// and one template lookup per partial, each through promises), a tenth of the queue page's rendering. With the
// cache on, the partials are gathered once per process, as the templates are; without it (never in this app,
// which sets the view cache in app.ts) each render reads them again.
import { ExpressHandlebars } from 'express-handlebars';
import path from 'node:path';
import { viewHelpers } from './view-helpers.js';

type Partials = ReturnType<ExpressHandlebars['getPartials']>;
type PartialOptions = Parameters<ExpressHandlebars['getPartials']>[0];

class PartialsOnce extends ExpressHandlebars {
  private kept: Partials | undefined;

  override getPartials(options: PartialOptions = {}): Partials {
    if (!options.cache) return super.getPartials(options);
    // a failed read is not kept, so the next render tries again
    this.kept ??= super.getPartials(options).catch((e: unknown) => { this.kept = undefined; throw e; });
    return this.kept;
  }
}

/** The engine for `app.engine('hbs', …)` over the views folder. */
export function viewEngine(viewsDir: string) {
  return new PartialsOnce({
    extname: '.hbs',
    defaultLayout: 'main',
    layoutsDir: path.join(viewsDir, 'layouts'),
    partialsDir: path.join(viewsDir, 'partials'),
    helpers: viewHelpers,
  }).engine;
}
