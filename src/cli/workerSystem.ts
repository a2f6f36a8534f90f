/**
 * What a worker thread compiles: the spec the command line loaded (a shipped
 * spec by name, or the bundle of a spec file), at the same parameters and
 * with the same reductions. Actions are closures, which cannot be sent to a
 * thread, so each thread compiles its own copy.
 */
import { pathToFileURL } from 'node:url'
import type { Spec } from '../model/spec.js'
import { compile, type TransitionSystem } from '../semantics/system.js'
import { builtinSpecs } from './load.js'
import type { SpecRef } from './runCheck.js'

export async function workerSystem(ref: SpecRef): Promise<TransitionSystem<unknown>> {
  const spec = ref.module !== undefined
    ? (ns => ns['default'] ?? ns['spec'])((await import(pathToFileURL(ref.module).href)) as Record<string, Spec>)!
    : (await builtinSpecs()).find(s => s.name === ref.name)!
  return compile(spec, ref.params as never, {
    ...(ref.variant ? { variant: ref.variant } : {}), ...(ref.symmetry ? { symmetry: true } : {}), ...(ref.por ? { por: true } : {}),
  })
}
