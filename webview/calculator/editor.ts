/** The group editor: which group, its prompt, the outputs table, pasting, reward columns and the overlong buffer. */
import { h } from '../common/dom';
import { button, checkbox, labelled, select, textInput } from './controls';
import { renderPaste } from './paste';
import { changed, group, persist, rebuild, results, state } from './store';
import { renderTable } from './table';
import { S, format } from './l10n';

function renderGroupPicker(): HTMLElement | null {
  if (state.groups.length < 2) return null;
  const choices: Array<[string, string]> = state.groups.map((g, i) => {
    const r = results.groups[i];
    return [String(i), format(r?.zeroSignal ? S.groupChoiceNoSignal : S.groupChoice, i + 1, g.prompt || S.noPrompt)];
  });
  const picker = select('group-picker', String(state.active), choices, (v) => {
    state.active = Number(v);
    rebuild('group-picker');
  });
  return h(
    'div',
    { className: 'row group-nav' },
    labelled(format(S.groupCount, state.groups.length), picker),
    button(S.previousGroup, () => {
      state.active = (state.active - 1 + state.groups.length) % state.groups.length;
      rebuild('group-picker');
    }, { secondary: true, id: 'group-prev' }),
    button(S.nextGroup, () => {
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
      const head = document.getElementById(`col-head-${k}`) as HTMLElement;
      head.textContent = v || format(S.defaultColumnName, k + 1);
      // A name typed in is the reader's own (data); the default one is a label.
      if (v) head.setAttribute('translate', 'no');
      else head.removeAttribute('translate');
      changed();
    }, { size: '12', 'aria-label': format(S.columnName, k + 1) });
    const weight = textInput(`col-weight-${k}`, c.weight, (v) => {
      c.weight = v;
      changed();
    }, { size: '5', inputmode: 'decimal', 'aria-label': format(S.columnWeight, c.name || format(S.defaultColumnName, k + 1)) });
    list.appendChild(
      h(
        'fieldset',
        { className: 'column' },
        h('legend', { className: 'visually-hidden' }, format(S.columnLegend, k + 1)),
        name,
        h('span', { 'aria-hidden': 'true' }, '×'),
        weight,
        state.columns.length > 1
          ? button(S.remove, () => {
              state.columns.splice(k, 1);
              for (const g of state.groups) for (const o of g.outputs) o.cells.splice(k, 1);
              rebuild('add-column');
            }, { secondary: true, 'aria-label': format(S.removeColumn, c.name || format(S.defaultColumnName, k + 1)) })
          : null,
      ),
    );
  });
  list.appendChild(
    button(S.addColumn, () => {
      state.columns.push({ name: format(S.defaultColumnName, state.columns.length + 1), weight: '1' });
      for (const g of state.groups) for (const o of g.outputs) o.cells.push('');
      rebuild(`col-name-${state.columns.length - 1}`);
    }, { secondary: true, id: 'add-column' }),
  );
  return h('div', {}, h('h3', {}, S.columnsHeading), list);
}

function renderOverlong(): HTMLElement {
  const fields = state.overlong.enabled
    ? h(
        'div',
        { className: 'row' },
        labelled(S.maxLength, textInput('overlong-max', state.overlong.maxLength, (v) => ((state.overlong.maxLength = v), changed()), { size: '7', inputmode: 'decimal' })),
        labelled(S.buffer, textInput('overlong-buffer', state.overlong.buffer, (v) => ((state.overlong.buffer = v), changed()), { size: '7', inputmode: 'decimal' })),
        labelled(S.penaltyFactor, textInput('overlong-factor', state.overlong.factor, (v) => ((state.overlong.factor = v), changed()), { size: '4', inputmode: 'decimal' })),
      )
    : null;
  return h(
    'div',
    { className: 'overlong' },
    h('h3', {}, S.overlongHeading),
    checkbox('overlong-enabled', state.overlong.enabled, S.overlongEnable, (on) => {
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
    h('h2', { id: 'group-title' }, S.groupHeading),
    renderGroupPicker(),
    labelled(S.prompt, prompt),
    renderTable(),
    h(
      'div',
      { className: 'row' },
      button(S.addOutput, () => {
        g.outputs.push({ label: format(S.defaultOutputLabel, g.outputs.length + 1), cells: state.columns.map(() => '0'), ratio: '1' });
        rebuild(`reward-${g.outputs.length - 1}-0`);
      }, { id: 'add-output' }),
    ),
    renderPaste(),
    renderColumns(),
    renderOverlong(),
  );
}
