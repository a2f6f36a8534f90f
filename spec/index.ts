/** The specs the command line knows, by name. */
import type { Spec } from '../src/model/spec.js'
import { filter } from './filter/filter.js'
import { philosophers } from './philosophers/philosophers.js'

export const specs: readonly Spec[] = [filter, philosophers]

export const findSpec = (name: string): Spec | undefined => specs.find(s => s.name === name)
