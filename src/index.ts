/**
 * The vocabulary a spec is written in, as `import { ... } from 'sptecheck'`.
 * Nothing here runs a search; `sptecheck/engine` is the programmatic checker.
 */
export { array, bool, enumOf, int, record, showDomain } from './model/domain.js'
export type { Domain, Infer, RecordDomain, ArrayDomain, EnumDomain, IntDomain, BoolDomain } from './model/domain.js'
export { param } from './model/params.js'
export type { Param, ParamDecls, ParamsOf, ParamValues, Value, Variant } from './model/params.js'
export { actionsOf, alwaysEventually, defineSpec, eventually, leadsTo, model, range } from './model/spec.js'
export type {
  Action, ActionName, Bindings, Fairness, Footprint, GeneratedFile, Invariant, Liveness, Matrix, MatrixOutcome, MatrixRow, Model, Spec, StateOf, Step, Symmetry,
  TransitionProperty, View,
} from './model/spec.js'
