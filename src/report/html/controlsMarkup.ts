/** The panel's controls, shared by the trace page and the explorer. */
import { esc } from './escape.js'
import type { TraceView } from './traceView.js'

/** The variables a state shows, in order (a variable with no value, an empty array, is left out). */
export const variablesOf = (v: TraceView): string[] => [...new Set(v.units.map(u => u.variable))]

/** First, previous, position, next, last; `more` goes at the end of the bar. */
export const navMarkup = (more = ''): string =>
  '<div class="nav"><button type="button" data-go="first" title="first step (Home)">⇤</button>' +
  '<button type="button" data-go="prev" title="previous step (k, ↑)">↑</button><span class="pos" id="pos"></span>' +
  `<button type="button" data-go="next" title="next step (j, ↓)">↓</button><button type="button" data-go="last" title="last step (End)">⇥</button>${more}</div>`

export const stateControlsMarkup = (vars: readonly string[]): string =>
  '<div class="controls"><label><input type="checkbox" id="only-changed"> changed only</label>' +
  `<details><summary>show variables</summary><span class="varlist">${vars.map(x =>
    `<label><input type="checkbox" data-var="${esc(x)}" checked> ${esc(x)}</label>`).join('')}</span></details></div>`

export const keysMarkup = (more = ''): string =>
  '<p class="keys"><kbd>j</kbd>/<kbd>↓</kbd> next step · <kbd>k</kbd>/<kbd>↑</kbd> previous · <kbd>Home</kbd> first · ' +
  `<kbd>End</kbd> last · click a row to select it${more}</p>`
