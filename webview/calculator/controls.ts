/** Form controls of the calculator, and its number format. */
import { h } from '../common/dom';

export const fmt = (value: number | null | undefined, digits = 4): string => {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const r = Number(value.toFixed(digits));
  return Object.is(r, -0) ? '0' : String(r);
};

let uid = 0;
const nextId = (prefix: string) => `${prefix}-${++uid}`;

export function labelled(label: string, control: HTMLElement, hint?: string): HTMLElement {
  const id = control.id || nextId('f');
  control.id = id;
  return h('div', { className: 'field' }, h('label', { for: id }, label), control, hint ? h('span', { className: 'muted hint' }, hint) : null);
}

export function select(id: string, value: string, choices: Array<[string, string]>, onChange: (v: string) => void): HTMLSelectElement {
  const el = h('select', { id });
  for (const [v, text] of choices) el.appendChild(h('option', { value: v, selected: v === value }, text));
  el.value = value;
  el.addEventListener('change', () => onChange(el.value));
  return el;
}

export function textInput(id: string, value: string, onInput: (v: string) => void, attrs: Record<string, string> = {}): HTMLInputElement {
  const el = h('input', { id, type: 'text', value, spellcheck: 'false', autocomplete: 'off', ...attrs });
  el.value = value;
  el.addEventListener('input', () => onInput(el.value));
  return el;
}

/** A checkbox with its label beside it (`field check`), calling `onChange` with the new value. */
export function checkbox(id: string, checked: boolean, label: string, onChange: (checked: boolean) => void): HTMLElement {
  const el = h('input', { id, type: 'checkbox', checked });
  el.addEventListener('change', () => onChange(el.checked));
  return h('div', { className: 'field check' }, el, h('label', { for: id }, label));
}

export function button(text: string, onClick: () => void, attrs: Record<string, string | boolean> = {}): HTMLElement {
  const el = h('vscode-button', { ...attrs }, text);
  el.addEventListener('click', onClick);
  return el;
}
