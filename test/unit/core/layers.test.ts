import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/**
 * The engine's folders import one another one way only: no two folders of src/core (nor a
 * folder and a top-level module) import each other, directly or round a longer loop.
 */
const core = resolve(__dirname, '../../../src/core');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

/** The part of src/core a file belongs to: its first folder, or its own name for a top-level module. */
const part = (file: string) => relative(core, file).split('/')[0].replace(/\.ts$/, '');

function importGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of files(core)) {
    const from = part(file);
    for (const m of readFileSync(file, 'utf8').matchAll(/from '(\.[^']*)'/g)) {
      const target = resolve(dirname(file), m[1]);
      if (!target.startsWith(core + '/')) continue;
      const to = part(target);
      if (to !== from) (graph.get(from) ?? graph.set(from, new Set()).get(from)!).add(to);
    }
  }
  return graph;
}

/** A loop of the graph, if there is one. */
function findLoop(graph: Map<string, Set<string>>): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (node: string): string[] | undefined => {
    if (state.get(node) === 'done') return undefined;
    if (state.get(node) === 'open') return [...path.slice(path.indexOf(node)), node];
    state.set(node, 'open');
    path.push(node);
    for (const next of graph.get(node) ?? []) {
      const loop = visit(next);
      if (loop) return loop;
    }
    path.pop();
    state.set(node, 'done');
    return undefined;
  };
  for (const node of graph.keys()) {
    const loop = visit(node);
    if (loop) return loop;
  }
  return undefined;
}

describe('src/core layers', () => {
  it('import one another one way only', () => {
    const graph = importGraph();
    assert.ok(graph.get('engine')?.has('rules'), 'the graph is read (the engine imports the rules)');
    assert.equal(findLoop(graph)?.join(' → '), undefined);
  });

  it('finds a loop when there is one', () => {
    assert.deepEqual(findLoop(new Map([['a', new Set(['b'])], ['b', new Set(['c'])], ['c', new Set(['a'])]])), ['a', 'b', 'c', 'a']);
  });
});
