/**
 * The pages' one style sheet, inlined in each page. Sober, like the kernel's
 * own documentation: a serif for prose, monospace for everything that is
 * code or state, one highlight colour for what changed and one for what
 * broke. System fonts only: a page opens offline.
 */
export const STYLE = `
:root {
  --ink: #1f2328; --muted: #58616a; --faint: #8b949c; --rule: #d7dbdf; --hair: #eceef0; --paper: #fff; --side: #fbfbfa;
  --sel: #fff5cc; --selbar: #c59b12; --chg: #ffe49a; --chg-ink: #4a3200; --say: #1f2328; --act: #2f5d80; --call: #7d98ad;
  --bad: #a3161b; --bad-bg: #fcecec; --loop: #5a7fa8; --link: #0b5a7d;
  --mono: "DejaVu Sans Mono", Menlo, Consolas, "Liberation Mono", monospace;
  --serif: Georgia, "DejaVu Serif", "Liberation Serif", serif;
}
html { font: 15px/1.45 var(--serif); color: var(--ink); background: var(--paper); }
body { margin: 0; }
a { color: var(--link); text-decoration-color: #9fbccb; }
code, .mono, kbd { font-family: var(--mono); }
header.page { padding: 14px 24px 12px; border-bottom: 1px solid var(--rule); }
header.page .crumb { font: 12px/1.4 var(--mono); color: var(--muted); margin: 0 0 3px; }
header.page h1 { font-size: 21px; font-weight: normal; margin: 0 0 3px; }
header.page h1 .mono { font-size: 19px; }
header.page p { margin: 2px 0; max-width: 62em; }
header.page .params { font: 11.5px/1.45 var(--mono); color: var(--muted); margin-top: 4px; }
.layout { display: grid; grid-template-columns: minmax(0, 1fr) minmax(320px, 31%); align-items: start; }
.chartpane { padding: 10px 16px 28px 20px; min-width: 0; overflow-x: auto; }
.panel { position: sticky; top: 0; max-height: 100vh; overflow-y: auto; box-sizing: border-box; border-left: 1px solid var(--rule);
  background: var(--side); padding: 10px 20px 28px; }
table.chart { border-collapse: collapse; width: 100%; table-layout: fixed; font: 12px/1.38 var(--mono); }
table.chart th { text-align: left; padding: 6px 8px 4px; border-bottom: 2px solid var(--ink); background: var(--paper);
  position: sticky; top: 0; z-index: 1; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
table.chart td { vertical-align: top; padding: 5px 8px 6px; border-bottom: 1px solid var(--hair); overflow-wrap: anywhere; }
table.chart .n { width: 2.6em; text-align: right; color: var(--faint); padding-right: 10px; }
tr.step { cursor: pointer; scroll-margin-top: 2.6em; }
tr.step:hover > td { background-color: #f6f7f8; }
tr.step.sel > td { background-color: var(--sel); }
tr.step.sel > td.n { color: var(--ink); font-weight: bold; box-shadow: inset 3px 0 0 var(--selbar); }
tr.step.ahead > td { opacity: .42; }
td.initcell { color: var(--muted); font-style: italic; font-family: var(--serif); }
td .say { color: var(--say); }
td .act { color: var(--act); font-size: 11.5px; }
td .say + .act { margin-top: 1px; }
table.chart td .chg { color: var(--chg-ink); }
table.chart td .chg::before { content: "\\2192\\00a0"; color: #b08a1e; }
td .src { color: var(--faint); font-size: 11px; margin-top: 2px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
tr.step.sel td .src { white-space: normal; }
td.touched { box-shadow: inset 2px 0 0 var(--call); }
td.touched.from-right { box-shadow: inset -2px 0 0 var(--call); }
td.touched .say { color: var(--muted); }
td.via, td.touched.from-left { background-image: linear-gradient(var(--call), var(--call)); background-repeat: no-repeat; background-position: 0 .95em; background-size: 100% 1px; }
td.touched.from-left { background-size: 7px 1px; }
tr.step.sel > td.via, tr.step.sel > td.touched.from-left { background-color: var(--sel); }
tr.breaks > td.actor { box-shadow: inset 3px 0 0 var(--bad); }
tr.brokenrow > td { background: var(--bad-bg); color: var(--bad); font: 13.5px/1.4 var(--serif); padding: 7px 8px; border-bottom: 1px solid #efc9c9; }
tr.brokenrow > td.n { font: bold 13px var(--mono); }
tr.brokenrow b.mono { font-size: 12.5px; }
tr.inloop > td.n { box-shadow: inset -3px 0 0 var(--loop); }
tr.loopmark > td { color: var(--loop); font: italic 13px var(--serif); padding: 4px 8px; }
tr.loopmark > td.n { font: bold 14px var(--mono); font-style: normal; }
.panel .where { font: 12px var(--mono); color: var(--muted); margin: 8px 0 2px; }
.panel .lanename { color: var(--ink); font-weight: bold; }
.panel h2 { font: bold 14.5px/1.35 var(--mono); margin: 0 0 6px; overflow-wrap: anywhere; }
.panel h2:not(.mono) { font: 18px var(--serif); }
.panel p { margin: 4px 0; }
.panel .say { font-size: 13px; }
.panel .models code { font-size: 12px; background: #eef1f3; padding: 1px 4px; border-radius: 2px; overflow-wrap: anywhere; }
.panel .about { color: var(--muted); font-size: 14px; }
.k { font-size: 12px; font-variant: small-caps; letter-spacing: .03em; color: var(--muted); margin-right: 3px; }
.broken { border-left: 4px solid var(--bad); background: var(--bad-bg); padding: 8px 12px; margin: 12px 0 6px; }
.broken h3 { color: var(--bad); font-size: 15px; margin: 0 0 4px; }
.broken p { font-size: 14px; }
.broken .why { color: #5b2a2a; }
.loopnote { color: var(--loop); font-style: italic; }
h3.sub { font-size: 13.5px; margin: 18px 0 6px; padding-bottom: 3px; border-bottom: 1px solid var(--rule); }
.nav { display: flex; gap: 4px; align-items: center; font: 12px var(--mono); color: var(--muted); }
.nav .pos { margin: 0 6px; min-width: 5em; text-align: center; }
button { font: 12.5px var(--mono); color: var(--ink); background: var(--paper); border: 1px solid #c5cacf; border-radius: 3px; padding: 2px 8px; cursor: pointer; }
button:hover { background: #f1f3f5; }
button:disabled { color: var(--faint); cursor: default; background: var(--paper); }
.controls { display: flex; flex-wrap: wrap; gap: 4px 14px; align-items: baseline; font-size: 13px; margin: 0 0 8px; color: var(--muted); }
.controls details { display: inline; }
.controls summary { cursor: pointer; }
.controls .varlist { display: block; margin: 4px 0 2px; }
.controls .varlist label { display: inline-block; margin-right: 12px; font: 12px var(--mono); color: var(--ink); }
table.state { border-collapse: collapse; width: 100%; font: 12.5px/1.45 var(--mono); }
table.state > tbody > tr > th { text-align: left; vertical-align: top; font-weight: normal; color: var(--muted); padding: 3px 12px 3px 0; white-space: nowrap; width: 1%; }
table.state > tbody > tr > td { padding: 3px 0; border-bottom: 1px solid var(--hair); }
table.state > tbody > tr > th { border-bottom: 1px solid var(--hair); }
table.state tr.var.chg > th { color: var(--ink); font-weight: bold; }
.list .item { display: inline-block; margin-right: 16px; }
.ix, .f { color: var(--faint); }
.v.chg { background: var(--chg); color: var(--chg-ink); font-weight: bold; padding: 0 3px; margin: 0 -3px; border-radius: 2px; }
table.grid { border-collapse: collapse; }
table.grid th, table.grid td { text-align: left; font-weight: normal; padding: 0 14px 0 0; }
table.grid th.f { padding-right: 14px; }
p.none { color: var(--muted); font-style: italic; font-size: 14px; }
kbd { font-size: 11px; border: 1px solid #c5cacf; border-bottom-width: 2px; border-radius: 3px; padding: 0 4px; background: var(--paper); color: var(--ink); }
footer.page { padding: 10px 24px 18px; border-top: 1px solid var(--rule); font-size: 13px; color: var(--muted); }
footer.page p { margin: 3px 0; }
.props { list-style: none; padding: 0; margin: 0; font-size: 13px; line-height: 1.35; }
.props li { padding: 3px 0 3px 1.5em; text-indent: -1.5em; border-bottom: 1px solid var(--hair); }
.props .ok { color: #2c6e3f; font-weight: bold; }
.props .no { color: var(--bad); font-weight: bold; }
.props .na { color: var(--faint); }
.props li.violated { background: var(--bad-bg); }
.props .d { color: var(--muted); }
.choices { display: grid; gap: 4px; }
.choices .lanegroup { font: bold 12px var(--mono); color: var(--muted); margin: 6px 0 1px; }
.choices button { text-align: left; padding: 4px 8px; line-height: 1.35; white-space: normal; }
.choices button .key { color: var(--faint); margin-right: 6px; }
.choices button .sayline { display: block; color: var(--muted); font-size: 11.5px; }
.choices button.bad { border-color: #e0a5a5; }
.choices button.bad .warn { color: var(--bad); display: block; font-size: 11.5px; }
.choices button.next { border-color: var(--selbar); }
.cexes { display: flex; flex-wrap: wrap; gap: 4px 8px; margin: 6px 0 0; font-size: 13px; }
.note { color: var(--muted); font-size: 13.5px; margin: 6px 0 0; }
.error { border-left: 4px solid var(--bad); background: var(--bad-bg); padding: 6px 10px; font: 12.5px var(--mono); white-space: pre-wrap; }
table.matrix { border-collapse: collapse; margin: 14px 24px 10px; font-size: 14px; }
table.matrix th { text-align: left; border-bottom: 2px solid var(--ink); padding: 4px 14px 4px 0; }
table.matrix td { border-bottom: 1px solid var(--hair); padding: 5px 14px 5px 0; vertical-align: top; }
table.matrix td.mono, table.matrix td.num, table.matrix td.status { font: 12.5px var(--mono); white-space: nowrap; }
table.matrix td.num { text-align: right; }
table.matrix .mismatch { color: var(--bad); font-weight: bold; }
table.matrix .why { color: var(--muted); font-size: 13px; max-width: 32em; }
dl.legend { margin: 6px 24px 20px; font-size: 14px; }
dl.legend dt { font: bold 12.5px var(--mono); margin-top: 6px; }
dl.legend dd { margin: 0 0 0 2em; }
@media (max-width: 900px) {
  .layout { display: block; }
  .panel { position: static; max-height: none; border-left: 0; border-top: 1px solid var(--rule); }
}
@media print {
  html { font-size: 10pt; }
  .layout { display: block; }
  .panel { position: static; max-height: none; overflow: visible; border: 0; background: none; padding: 0 20px; }
  .noprint, .nav, .controls, .choices, footer .keys { display: none !important; }
  table.chart th { position: static; }
  tr.step, tr.brokenrow { break-inside: avoid; }
  tr.step.sel > td, tr.step.sel > td.via, tr.step.sel > td.touched.from-left { background-color: transparent; }
  tr.step.sel > td.n { box-shadow: none; }
  td .src { white-space: normal; }
  .v.chg, tr.brokenrow > td, .broken, td.via, td.touched { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  a { color: inherit; text-decoration: none; }
}
`
