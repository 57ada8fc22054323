// No cycles between service folders. The lint rule sees one file at a time, so this reads every import line
// under server/services/, builds the folder graph and looks for a cycle in it.
import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SERVICES = fileURLToPath(new URL('../../../server/services/', import.meta.url));
const IMPORT_FROM = /(?:^|\n)\s*(?:import|export)\b[^'";]*?\bfrom\s*['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(p) : /\.(ts|mts|mjs|js)$/.test(e.name) ? [p] : [];
  });
}

const folderOf = (file: string): string | null => {
  const rel = path.relative(SERVICES, file);
  return rel.startsWith('..') || path.isAbsolute(rel) ? null : rel.split(path.sep)[0];
};

/** folder → folders it imports, each with one importing file as the example to print. */
function folderGraph(): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>();
  for (const file of sourceFiles(SERVICES)) {
    const from = folderOf(file)!;
    const edges = graph.get(from) ?? new Map<string, string>();
    graph.set(from, edges);
    for (const m of readFileSync(file, 'utf8').matchAll(IMPORT_FROM)) {
      const spec = m[1] ?? m[2];
      if (!spec.startsWith('.')) continue;
      const to = folderOf(path.resolve(path.dirname(file), spec));
      if (to && to !== from && !edges.has(to)) edges.set(to, path.relative(SERVICES, file));
    }
  }
  return graph;
}

/** One cycle as [a, b, …, a], or null. */
function findCycle(graph: Map<string, Map<string, string>>): string[] | null {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): string[] | null => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of [...(graph.get(node)?.keys() ?? [])].sort()) {
      if (state.get(next) === 'open') return [...stack.slice(stack.indexOf(next)), next];
      if (!state.has(next)) {
        const found = visit(next);
        if (found) return found;
      }
    }
    stack.pop();
    state.set(node, 'done');
    return null;
  };
  for (const node of [...graph.keys()].sort()) {
    if (state.has(node)) continue;
    const found = visit(node);
    if (found) return found;
  }
  return null;
}

describe('service folders', () => {
  it('import each other without a cycle', () => {
    const graph = folderGraph();
    const cycle = findCycle(graph);
    const shown = cycle?.slice(1).map((to, i) => `${cycle[i]} → ${to} (${graph.get(cycle[i])!.get(to)})`).join('\n  ');
    expect(cycle, `a cycle between service folders:\n  ${shown}`).to.equal(null);
  });

  it('finds a cycle when there is one (the check itself)', () => {
    const graph = new Map([
      ['a', new Map([['b', 'a/x.ts']])],
      ['b', new Map([['c', 'b/y.ts']])],
      ['c', new Map([['a', 'c/z.ts']])],
    ]);
    expect(findCycle(graph)).to.deep.equal(['a', 'b', 'c', 'a']);
    graph.get('c')!.delete('a');
    expect(findCycle(graph)).to.equal(null);
  });

  it('reads the folders of real imports (the graph is not empty by accident)', () => {
    const graph = folderGraph();
    expect(graph.get('tickets')?.has('sla'), 'tickets imports sla').to.equal(true);
    expect(graph.size).to.be.greaterThan(10);
  });
});
