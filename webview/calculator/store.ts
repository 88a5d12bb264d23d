/**
 * The calculator's state: what the page edits (kept with getState/setState so a reload brings
 * it back), the numbers computed from it, and the two ways a change is shown — numbers refreshed
 * in place, or the whole page rebuilt.
 */
import { saveState, startState } from '../common/api';
import { compareConventions, defaultState, evaluate, normaliseState, type CalcResults, type CalculatorState } from '../../src/core/grpo/panel';

export let state: CalculatorState = normaliseState(startState<unknown>(defaultState()));
export let results: CalcResults = evaluate(state);
/** The active group under every convention (the side-by-side table and the chart's common scale). */
export let compared = compareConventions(state);

/** Draws the page; set once by main.ts. */
const views = { page: () => {}, results: () => {} };

export function setViews(page: () => void, resultsView: () => void): void {
  views.page = page;
  views.results = resultsView;
}

/** Replaces the whole state (a preset, pasted rewards, groups from the extension). */
export function replaceState(next: CalculatorState): void {
  state = next;
}

/** Recomputes the convention comparison of the active group. */
export function compareAll(): void {
  compared = compareConventions(state);
}

export function persist(): void {
  saveState(state);
}

/** Something changed that only affects numbers: recompute and refresh the result parts in place. */
export function changed(): void {
  results = evaluate(state);
  persist();
  views.results();
}

/** Something changed the shape of the page: rebuild the editor too. */
export function rebuild(focusId?: string): void {
  results = evaluate(state);
  persist();
  views.page();
  if (focusId) (document.getElementById(focusId) as HTMLElement | null)?.focus();
}

export const group = () => state.groups[state.active];
