/**
 * One self-contained HTML document: the style sheet, the data and the
 * script inline, and a Content-Security-Policy that forbids every fetch, so
 * a page provably needs no network and opens from file:// offline.
 */
import { esc, scriptJson } from './escape.js'
import { STYLE } from './style.js'

export interface Document {
  readonly title: string
  readonly body: string
  /** JSON the script reads, in `<script type="application/json" id=...>`. */
  readonly data?: { readonly id: string; readonly value: unknown }
  readonly script?: string
  /** The explorer's engine generates its codec with `new Function`. */
  readonly allowEval?: boolean
}

export function htmlDocument(d: Document): string {
  const csp = `default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'${d.allowEval ? " 'unsafe-eval'" : ''}; img-src data:`
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="generator" content="sptecheck">',
    `<title>${esc(d.title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    d.body,
    ...(d.data ? [`<script type="application/json" id="${d.data.id}">${scriptJson(d.data.value)}</script>`] : []),
    // A bundle may contain the text "</script" inside a string; it must not end the element.
    ...(d.script ? [`<script>${d.script.replace(/<\/(script)/gi, '<\\/$1')}</script>`] : []),
    '</body>',
    '</html>',
    '',
  ].join('\n')
}
