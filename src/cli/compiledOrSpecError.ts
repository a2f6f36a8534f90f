import type { Spec } from '../model/spec.js'
import type { ParamValues } from '../model/params.js'
import { SpecError } from '../semantics/specError.js'
import { compile, type CompileOptions, type TransitionSystem } from '../semantics/system.js'

/**
 * The compiled system, or undefined after a spec error found while building
 * it has been printed (one report on stdout, by default `<spec>: Spec error: ...`).
 */
export function compiledOrSpecError<S>(spec: Spec<S>, params: ParamValues, opts: CompileOptions & { variant?: string },
  report: (message: string) => string = m => `${spec.name}: Spec error: ${m}\n`): TransitionSystem<S> | undefined {
  try {
    return compile(spec, params, opts)
  } catch (e) {
    if (!(e instanceof SpecError)) throw e
    process.stdout.write(report(e.message))
    return undefined
  }
}
