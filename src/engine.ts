/** The checker as a library (`sptecheck/engine`): compile a spec, search it, read the result. */
export { compile, compileModel, compileVariant, TransitionSystem } from './semantics/system.js'
export type { CompileOptions, PropertyRef } from './semantics/system.js'
export { check, explore, materialise } from './checker.js'
export { Bfs } from './explorer/bfs.js'
export type { Observer, SearchOptions } from './explorer/bfs.js'
export type { CheckResult, Stats, Trace, TraceStep, Violation } from './explorer/result.js'
export { SpecError } from './semantics/specError.js'
export { resolveParams } from './model/params.js'
