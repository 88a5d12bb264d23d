/** The group editor: which group, its prompt, the outputs table, pasting, reward columns and the overlong buffer. */
import { h } from '../common/dom';
import { button, checkbox, labelled, select, textInput } from './controls';
import { renderPaste } from './paste';
import { changed, group, persist, rebuild, results, state } from './store';
import { renderTable } from './table';

function renderGroupPicker(): HTMLElement | null {
  if (state.groups.length < 2) return null;
  const choices: Array<[string, string]> = state.groups.map((g, i) => {
    const r = results.groups[i];
    return [String(i), `${i + 1}. ${g.prompt || '(no prompt)'}${r?.zeroSignal ? ' — no signal' : ''}`];
  });
  const picker = select('group-picker', String(state.active), choices, (v) => {
    state.active = Number(v);
    rebuild('group-picker');
  });
  return h(
    'div',
    { className: 'row group-nav' },
    labelled(`Group (${state.groups.length})`, picker),
    button('Previous group', () => {
      state.active = (state.active - 1 + state.groups.length) % state.groups.length;
      rebuild('group-picker');
    }, { secondary: true, id: 'group-prev' }),
    button('Next group', () => {
      state.active = (state.active + 1) % state.groups.length;
      rebuild('group-picker');
    }, { secondary: true, id: 'group-next' }),
  );
}

function renderColumns(): HTMLElement {
  const list = h('div', { className: 'columns row' });
  state.columns.forEach((c, k) => {
    const name = textInput(`col-name-${k}`, c.name, (v) => {
      c.name = v;
      (document.getElementById(`col-head-${k}`) as HTMLElement).textContent = v || `reward ${k + 1}`;
      changed();
    }, { size: '12', 'aria-label': `Name of reward column ${k + 1}` });
    const weight = textInput(`col-weight-${k}`, c.weight, (v) => {
      c.weight = v;
      changed();
    }, { size: '5', inputmode: 'decimal', 'aria-label': `Weight of ${c.name || `reward column ${k + 1}`}` });
    list.appendChild(
      h(
        'fieldset',
        { className: 'column' },
        h('legend', { className: 'visually-hidden' }, `Reward column ${k + 1}`),
        name,
        h('span', { 'aria-hidden': 'true' }, '×'),
        weight,
        state.columns.length > 1
          ? button('Remove', () => {
              state.columns.splice(k, 1);
              for (const g of state.groups) for (const o of g.outputs) o.cells.splice(k, 1);
              rebuild('add-column');
            }, { secondary: true, 'aria-label': `Remove reward column ${c.name}` })
          : null,
      ),
    );
  });
  list.appendChild(
    button('Add reward column', () => {
      state.columns.push({ name: `reward ${state.columns.length + 1}`, weight: '1' });
      for (const g of state.groups) for (const o of g.outputs) o.cells.push('');
      rebuild(`col-name-${state.columns.length - 1}`);
    }, { secondary: true, id: 'add-column' }),
  );
  return h('div', {}, h('h3', {}, 'Reward functions and their weights'), list);
}

function renderOverlong(): HTMLElement {
  const fields = state.overlong.enabled
    ? h(
        'div',
        { className: 'row' },
        labelled('Max length', textInput('overlong-max', state.overlong.maxLength, (v) => ((state.overlong.maxLength = v), changed()), { size: '7', inputmode: 'decimal' })),
        labelled('Buffer', textInput('overlong-buffer', state.overlong.buffer, (v) => ((state.overlong.buffer = v), changed()), { size: '7', inputmode: 'decimal' })),
        labelled('Penalty factor', textInput('overlong-factor', state.overlong.factor, (v) => ((state.overlong.factor = v), changed()), { size: '4', inputmode: 'decimal' })),
      )
    : null;
  return h(
    'div',
    { className: 'overlong' },
    h('h3', {}, 'DAPO overlong buffer'),
    checkbox('overlong-enabled', state.overlong.enabled, 'Add the soft overlong penalty: 0 up to max − buffer, then down to −factor at the max length (type a length per output)', (on) => {
      state.overlong.enabled = on;
      rebuild('overlong-enabled');
    }),
    fields,
  );
}

export function renderEditor(): HTMLElement {
  const g = group();
  const prompt = textInput('prompt', g.prompt, (v) => {
    g.prompt = v;
    persist();
  }, { size: '50' });
  return h(
    'section',
    { className: 'editor', 'aria-labelledby': 'group-title' },
    h('h2', { id: 'group-title' }, 'Group'),
    renderGroupPicker(),
    labelled('Prompt', prompt),
    renderTable(),
    h(
      'div',
      { className: 'row' },
      button('Add output', () => {
        g.outputs.push({ label: `output ${g.outputs.length + 1}`, cells: state.columns.map(() => '0'), ratio: '1' });
        rebuild(`reward-${g.outputs.length - 1}-0`);
      }, { id: 'add-output' }),
    ),
    renderPaste(),
    renderColumns(),
    renderOverlong(),
  );
}
