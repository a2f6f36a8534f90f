/** The specs the command line knows, by name. */
import type { Spec } from 'sptecheck'
import { counter } from './counter/counter.js'
import { filter } from './filter/filter.js'
import { philosophers } from './philosophers/philosophers.js'
import { tdpMmu } from './tdp-mmu/tdpMmu.js'

export const specs: readonly Spec[] = [tdpMmu, filter, philosophers, counter]

export const findSpec = (name: string): Spec | undefined => specs.find(s => s.name === name)
