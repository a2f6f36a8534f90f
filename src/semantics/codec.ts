/**
 * The canonical encoding of a state, derived from the declared domains.
 *
 * Every scalar in the state tree is a slot of ceil(log2(|domain|)) bits; slots
 * are packed into 32-bit words in declaration order, never straddling a word.
 * Equal states give equal words and different states different words, so the
 * words are both the seen-set key and the queue's storage.
 *
 * encode/decode are generated once per spec as straight-line code (new Function):
 * the explorer calls them for every transition, and a generic walk over the
 * domain tree was several times slower in profiles.
 *
 * A state must have exactly its declared shape: encode refuses an array of
 * another length, and a record with an undeclared field when the record is
 * not one of the reusable skeleton's own (counting fields on every successor
 * costs too much; `auditSkeleton` finds a field added to the skeleton later,
 * since it stays there). Sealing the skeleton would catch it at once, but
 * V8's sealed objects made every successor about 1.5 times slower.
 */
import { cardinality, showDomain, type Domain, type RecordDomain } from '../model/domain.js'

export interface Slot {
  /** Human path, e.g. `vcpu[1].mode`. */
  readonly path: string
  readonly domain: Domain & { kind: 'enum' | 'int' | 'bool' }
  readonly word: number
  readonly shift: number
  readonly bits: number
}

export interface Codec<S> {
  readonly words: number
  readonly slots: readonly Slot[]
  /** Total payload bits (without the padding left by word boundaries). */
  readonly bits: number
  /**
   * Writes the encoding of `s` at `out[off..]`. Returns -1 when `s` has its
   * declared shape and every value is in its domain; else the index of the
   * first slot out of its domain, or -2 for a shape error (findShapeError says
   * where). `sk` is the skeleton `s` was decoded into, if any: its own
   * containers are sealed, so only foreign ones need their fields counted.
   */
  encode(s: S, out: Uint32Array, off: number, sk?: Skeleton<S>): number
  /** Decodes into a reusable object, restoring every container it owns first. */
  decodeInto(words: Uint32Array, off: number, into: Skeleton<S>): S
  /** Decodes into two reusable objects at once (the current state and the scratch copy); returns the first. */
  decodeInto2(words: Uint32Array, off: number, a: Skeleton<S>, b: Skeleton<S>): S
  /** Decodes into freshly allocated objects. */
  decodeFresh(words: Uint32Array, off: number): S
  /** Decodes into freshly allocated, deeply frozen objects: a current state that cannot be written. */
  decodeFrozen(words: Uint32Array, off: number): S
  /** A reusable decoded state. */
  newSkeleton(): Skeleton<S>
  /** Whether every container of the skeleton still has exactly its declared fields (nothing was added). */
  auditSkeleton(sk: Skeleton<S>): boolean
  /**
   * Whether skeleton `sk`, into which words[off..] was decoded, still holds
   * exactly that state: the same containers, the same values, nothing added.
   */
  matches(words: Uint32Array, off: number, sk: Skeleton<S>): boolean
  /** Where a state breaks its declared shape, or undefined if it conforms (slow; for error messages). */
  findShapeError(s: unknown): string | undefined
  /**
   * The encoding of `next`, a successor of `cur` (whose encoding is at
   * parent[poff..]), at out[0..]: it starts from the parent's words and
   * encodes, and checks against its domain, only each scalar whose value
   * differs from `cur`'s. Returns as `encode` does. `d` receives the slots
   * that differ, and whether `next` holds a container that is not one of
   * skeleton `sk`'s own.
   */
  encodeDiff(next: S, cur: S, parent: Uint32Array, poff: number, out: Uint32Array, sk: Skeleton<S>, d: Diff): number
  /** Puts `cur`'s values back into the skeleton at the slots `d` lists (undoing a successor's changes). */
  restore(sk: Skeleton<S>, cur: S, d: Diff): void
}

/** The scalars a successor changed, as `encodeDiff` found them. */
export interface Diff {
  readonly slots: Int32Array
  count: number
  /** The successor holds a container of its own making (the skeleton must be rebuilt, not patched). */
  foreign: boolean
}

export const newDiff = (slots: number): Diff => ({ slots: new Int32Array(Math.max(1, slots)), count: 0, foreign: false })

/** The containers of one reusable decoded state; index 0 is the root. */
export type Skeleton<S> = { readonly containers: unknown[]; readonly root: S }

interface Layout { slots: Slot[]; words: number; bits: number }

function layout(vars: RecordDomain<unknown>): Layout {
  const slots: Slot[] = []
  let word = 0
  let used = 0
  let total = 0
  const walk = (d: Domain, path: string): void => {
    switch (d.kind) {
      case 'record':
        for (const [k, f] of Object.entries(d.fields)) walk(f, path === '' ? k : `${path}.${k}`)
        return
      case 'array':
        for (let i = 0; i < d.length; i++) walk(d.of, `${path}[${i}]`)
        return
      default: {
        const card = cardinality(d)
        const bits = card <= 1 ? 0 : Math.ceil(Math.log2(card))
        if (bits > 31) throw new Error(`domain of ${path} (${showDomain(d)}) is too large to encode (over 2^31 values)`)
        if (used + bits > 32) { word++; used = 0 }
        slots.push({ path, domain: d, word, shift: used, bits })
        used += bits
        total += bits
      }
    }
  }
  walk(vars, '')
  return { slots, words: slots.length === 0 ? 1 : word + 1, bits: total }
}

export function makeCodec<S>(vars: RecordDomain<S>): Codec<S> {
  const { slots, words, bits } = layout(vars as RecordDomain<unknown>)
  const enums: (readonly string[])[] = []
  const enumIndex = new Map<readonly string[], number>()
  const enumRef = (values: readonly string[]): number => {
    let i = enumIndex.get(values)
    if (i === undefined) { i = enums.length; enums.push(values); enumIndex.set(values, i) }
    return i
  }

  // Walk once more, generating code; slots come out in the same order as layout().
  // Every container gets a local (x<n> in encode, K<n> in decodeInto) so no path is walked twice.
  let slotNo = 0
  let containers = 0
  const enc: string[] = []
  const dec: string[] = []
  const dec2: string[] = []
  const same: string[] = []
  const diff: string[] = []
  const restoreCases: string[] = []
  /** How to reach each container from a root, e.g. `["thread"][1]`. */
  const pathOf: string[] = ['']
  // Expressions creating each container; 0 is the root; and how many fields each record container has.
  const containerDefs: string[] = [`{${Object.keys(vars.fields).map(k => `${JSON.stringify(k)}: undefined`).join(', ')}}`]
  const fieldCounts: number[] = [Object.keys(vars.fields).length]
  const containerIsArray: boolean[] = [false]
  /** Generates code for the value at `key` of container `parent`; returns its decodeFresh and decodeFrozen expressions. */
  const gen = (d: Domain, parent: number, key: string | number): [string, string] => {
    const at = typeof key === 'number' ? `[${key}]` : `[${JSON.stringify(key)}]`
    if (d.kind === 'record' || d.kind === 'array') {
      const id = ++containers
      containerDefs.push(d.kind === 'record'
        ? `{${Object.keys(d.fields).map(k => `${JSON.stringify(k)}: undefined`).join(', ')}}`
        : `[${Array(d.length).fill('undefined').join(', ')}]`)
      fieldCounts.push(d.kind === 'record' ? Object.keys(d.fields).length : d.length)
      containerIsArray.push(d.kind === 'array')
      enc.push(`const x${id} = x${parent}${at};`)
      enc.push(d.kind === 'array'
        ? `if (x${id}.length !== ${d.length}) return -2;`
        : `if (x${id} !== (SK === undefined ? undefined : SK[${id}]) && nkeys(x${id}) !== ${Object.keys(d.fields).length}) return -2;`)
      pathOf[id] = `${pathOf[parent]}${at}`
      diff.push(`const x${id} = x${parent}${at}; const y${id} = y${parent}${at};`)
      same.push(`const y${id} = y${parent}${at}; if (y${id} !== C[${id}]) return false;`)
      diff.push(d.kind === 'array'
        ? `if (x${id} !== SK[${id}]) F = true; if (x${id}.length !== ${d.length}) return -2;`
        : `if (x${id} !== SK[${id}]) { F = true; if (nkeys(x${id}) !== ${Object.keys(d.fields).length}) return -2; }`)
      dec.push(`const K${id} = K[${id}]; K${parent}${at} = K${id};`)
      dec2.push(`const K${id} = K[${id}]; K${parent}${at} = K${id}; const L${id} = L[${id}]; L${parent}${at} = L${id};`)
      if (d.kind === 'record') {
        const fields = Object.entries(d.fields).map(([k, f]) => [JSON.stringify(k), gen(f, id, k)] as const)
        return [`{${fields.map(([k, [e]]) => `${k}: ${e}`).join(', ')}}`, `F({${fields.map(([k, [, e]]) => `${k}: ${e}`).join(', ')}})`]
      }
      const elems = Array.from({ length: d.length }, (_, i) => gen(d.of, id, i))
      return [`[${elems.map(([e]) => e).join(', ')}]`, `F([${elems.map(([, e]) => e).join(', ')}])`]
    }
    const s = slots[slotNo++]!
    const field = s.bits === 0 ? '0' : `((W${s.word} >>> ${s.shift}) & ${(1 << s.bits) - 1})`
    const fail = `return ${slotNo - 1};`
    let value: string
    let toCode: string
    if (d.kind === 'enum') {
      const e = enumRef(d.values)
      const code = d.values.length <= 8
        ? d.values.map((v, i) => `v === ${JSON.stringify(v)} ? ${i} : `).join('') + '-1'
        : `(M${e}.get(v) ?? -1)`
      toCode = `c = ${code}; if (c < 0) ${fail}`
      value = `E${e}[${field}]`
    } else if (d.kind === 'int') {
      toCode = `c = v - ${d.min}; if (typeof v !== 'number' || !(c >= 0 && c <= ${d.max - d.min}) || (c | 0) !== c) ${fail}`
      value = d.min === 0 ? field : `(${field} + ${d.min})`
    } else {
      toCode = `c = v === true ? 1 : v === false ? 0 : -1; if (c < 0) ${fail}`
      value = `(${field} === 1)`
    }
    enc.push(`v = x${parent}${at}; ${toCode} W${s.word} |= c << ${s.shift};`)
    const clear = ~(s.bits === 0 ? 0 : (((2 ** s.bits) - 1) * 2 ** s.shift) | 0)
    diff.push(`v = x${parent}${at}; if (v !== y${parent}${at}) { ${toCode} W${s.word} = (W${s.word} & ${clear}) | (c << ${s.shift}); CH[N++] = ${slotNo - 1}; }`)
    restoreCases.push(`case ${slotNo - 1}: A${pathOf[parent]}${at} = B${pathOf[parent]}${at}; break;`)
    dec.push(`K${parent}${at} = ${value};`)
    dec2.push(`L${parent}${at} = K${parent}${at} = ${value};`)
    same.push(`if (y${parent}${at} !== ${value}) return false;`)
    return [value, value]
  }
  const top = Object.entries(vars.fields).map(([k, f]) => [JSON.stringify(k), gen(f, 0, k)] as const)
  const rootExpr = `{${top.map(([k, [e]]) => `${k}: ${e}`).join(', ')}}`
  const frozenExpr = `F({${top.map(([k, [, e]]) => `${k}: ${e}`).join(', ')}})`

  const wordDecls = Array.from({ length: words }, (_, i) => `W${i}`)
  const loadWords = wordDecls.map((w, i) => `const ${w} = words[off + ${i}];`).join('\n')
  const enumParams = enums.flatMap((_, i) => [`E${i}`, `M${i}`])
  const enumArgs = enums.flatMap(values => [values, new Map(values.map((v, i) => [v, i]))])

  const encodeSrc = `const SK = sk === undefined ? undefined : sk.containers; const x0 = o;
if (x0 !== (SK === undefined ? undefined : SK[0]) && nkeys(x0) !== ${Object.keys(vars.fields).length}) return -2;
let ${wordDecls.map(w => `${w} = 0`).join(', ')}; let v, c;\n${enc.join('\n')}\n${wordDecls.map((w, i) => `out[off + ${i}] = ${w};`).join('\n')}\nreturn -1;`
  const decodeIntoSrc = `${loadWords}\nconst K = sk.containers; const K0 = K[0];\n${dec.join('\n')}\nreturn K0;`
  const decodeInto2Src = `${loadWords}\nconst K = a.containers; const K0 = K[0]; const L = b.containers; const L0 = L[0];\n${dec2.join('\n')}\nreturn K0;`
  const decodeFreshSrc = `${loadWords}\nreturn ${rootExpr};`
  const decodeFrozenSrc = `${loadWords}\nconst F = Object.freeze;\nreturn ${frozenExpr};`
  const skeletonSrc = `const K = [${containerDefs.join(', ')}]; return { containers: K, root: K[0] };`
  // Every container still has its declared number of fields or elements (nothing was added).
  const auditSrc = `${fieldCounts.map((n, i) => `if (${containerIsArray[i] ? `C[${i}].length` : `nkeys(C[${i}])`} !== ${n}) return false;`).join('\n')}\nreturn true;`
  const sameSrc = `${loadWords}\nconst C = sk.containers; const y0 = C[0];\n${same.join('\n')}\n${auditSrc}`
  const encodeDiffSrc = `const SK = sk.containers; const x0 = o, y0 = cur; let F = false, N = 0; const CH = d.slots;
if (x0 !== SK[0]) { F = true; if (nkeys(x0) !== ${Object.keys(vars.fields).length}) return -2; }
let ${wordDecls.map((w, i) => `${w} = P[po + ${i}]`).join(', ')}; let v, c;
${diff.join('\n')}
${wordDecls.map((w, i) => `out[${i}] = ${w};`).join('\n')}
d.count = N; d.foreign = F; return -1;`
  const restoreSrc = `const A = sk.root, B = cur, CH = d.slots; for (let i = 0; i < d.count; i++) switch (CH[i]) {\n${restoreCases.join('\n')}\n}`

  // Named, so that profiles say which generated function the time goes to.
  const build = (name: string, params: string[], body: string) =>
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    new Function(...enumParams, 'nkeys', `return function ${name}(${params.join(', ')}) {\n${body}\n}`)(...enumArgs, nkeys)

  const encode = build('encode', ['o', 'out', 'off', 'sk'], encodeSrc) as Codec<S>['encode']
  const decodeInto = build('decodeInto', ['words', 'off', 'sk'], decodeIntoSrc) as Codec<S>['decodeInto']
  const matches = build('matches', ['words', 'off', 'sk'], sameSrc) as Codec<S>['matches']
  const decodeInto2 = build('decodeInto2', ['words', 'off', 'a', 'b'], decodeInto2Src) as Codec<S>['decodeInto2']
  const decodeFresh = build('decodeFresh', ['words', 'off'], decodeFreshSrc) as Codec<S>['decodeFresh']
  const decodeFrozen = build('decodeFrozen', ['words', 'off'], decodeFrozenSrc) as Codec<S>['decodeFrozen']
  const newSkeleton = build('newSkeleton', [], skeletonSrc) as () => Skeleton<S>
  const encodeDiff = build('encodeDiff', ['o', 'cur', 'P', 'po', 'out', 'sk', 'd'], encodeDiffSrc) as Codec<S>['encodeDiff']
  const restore = build('restore', ['sk', 'cur', 'd'], restoreSrc) as Codec<S>['restore']

  return {
    words, slots, bits, encode, decodeFresh, decodeFrozen, newSkeleton, encodeDiff, restore,
    auditSkeleton: build('auditSkeleton', ['sk'], `const C = sk.containers;\n${auditSrc}`) as Codec<S>['auditSkeleton'],
    decodeInto, decodeInto2, matches,
    findShapeError: s => findShapeError(vars, s, ''),
  }
}

/** Own enumerable fields of a container (a record with one too many is not in its domain). */
function nkeys(o: object): number {
  let n = 0
  for (const _ in o) n++
  return n
}

function findShapeError(d: Domain, v: unknown, path: string): string | undefined {
  const at = path === '' ? 'the state' : path
  switch (d.kind) {
    case 'record': {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) return `${at} is ${show(v)}, expected a record`
      for (const k of Object.keys(v)) if (!(k in d.fields)) return `${at} has an undeclared field '${k}'`
      for (const [k, f] of Object.entries(d.fields)) {
        const e = findShapeError(f, (v as Record<string, unknown>)[k], path === '' ? k : `${path}.${k}`)
        if (e) return e
      }
      return undefined
    }
    case 'array': {
      if (!Array.isArray(v)) return `${at} is ${show(v)}, expected an array of length ${d.length}`
      if (v.length !== d.length) return `${at} has length ${v.length}, expected ${d.length}`
      for (let i = 0; i < d.length; i++) {
        const e = findShapeError(d.of, v[i], `${path}[${i}]`)
        if (e) return e
      }
      return undefined
    }
    case 'enum': return d.values.includes(v as string) ? undefined : `${at} = ${show(v)} is outside its domain ${showDomain(d)}`
    case 'int': return typeof v === 'number' && Number.isInteger(v) && v >= d.min && v <= d.max ? undefined : `${at} = ${show(v)} is outside its domain ${showDomain(d)}`
    case 'bool': return typeof v === 'boolean' ? undefined : `${at} = ${show(v)} is outside its domain BOOLEAN`
  }
}

const show = (v: unknown): string =>
  v === undefined ? 'undefined' : typeof v === 'number' && !Number.isFinite(v) ? String(v) : JSON.stringify(v) ?? String(v)
