// What `govmail metrics` loads before it runs: services/metrics' face and everything it imports statically.
// Module loading was most of the command's time, so the other services it uses (sla, provisioning, org) are
// imported where they are used, and this keeps a new top-level import from pulling them back in. Read from the
// sources (value imports only, as the compiled files keep them), not by loading them.
import { expect } from 'chai';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
// `import … from` and `export … from`, static only (a dynamic import() is loaded when called); type-only ones
// are erased by the compiler and load nothing.
const STATIC_FROM = /(?:^|\n)\s*(import|export)\s+(type\s+)?([^'";]*?)\bfrom\s*['"]([^'"]+)['"]/g;
const SIDE_EFFECT = /(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g;

/** Whether an import's clause names a value: `{ type A, type B }` alone is erased (esbuild drops the import). */
function bindsValue(clause: string): boolean {
  const named = clause.trim().match(/^\{([^}]*)\}$/);
  if (!named) return true; // a default, a namespace (`* as m`, `export *`), or a default beside named ones
  return named[1].split(',').map((s) => s.trim()).some((s) => s !== '' && !s.startsWith('type '));
}

/** Every local file and package `entry` reaches through static value imports. */
function staticClosure(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const text = readFileSync(file, 'utf8');
    const specs = [
      ...[...text.matchAll(STATIC_FROM)].filter((m) => !m[2] && bindsValue(m[3])).map((m) => m[4]),
      ...[...text.matchAll(SIDE_EFFECT)].map((m) => m[1]),
    ];
    for (const spec of specs) {
      if (!spec.startsWith('.')) {
        packages.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);
        continue;
      }
      const resolved = path.resolve(path.dirname(file), spec).replace(/\.js$/, '.ts');
      if (existsSync(resolved)) visit(resolved);
    }
  };
  visit(path.join(ROOT, entry));
  return { files, packages };
}

const serviceFolders = (files: Set<string>) =>
  new Set([...files].map((f) => path.relative(path.join(ROOT, 'server/services'), f)).filter((r) => !r.startsWith('..')).map((r) => r.split(path.sep)[0]));

describe('what govmail metrics loads', () => {
  it('services/metrics imports no other service but time at the top (the rest where used)', () => {
    const { files } = staticClosure('server/services/metrics/index.ts');
    expect([...serviceFolders(files)].sort()).to.deep.equal(['metrics', 'time']);
  });

  it('the composition root loads no logger library until a logger is made', () => {
    const { packages } = staticClosure('server/composition.ts');
    expect([...packages]).to.not.include('pino');
    expect([...packages]).to.include('sequelize'); // the check reads real imports
  });

  it('counts type-only imports as loading nothing, and value imports beside types as loading', () => {
    const { files } = staticClosure('server/services/metrics/scope.ts');
    const rel = [...files].map((f) => path.relative(ROOT, f));
    expect(rel).to.include('server/services/metrics/sla-on-demand.ts'); // import { calendarsOnDemand }
    expect(rel).to.not.include('server/services/sla/index.ts'); // import type { WorkCalendar }
  });
});
