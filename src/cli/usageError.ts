import { Exit } from './exitCodes.js'

/** A mistake in what the user asked for: printed as one line, never with a stack. */
export class UsageError extends Error {
  constructor(message: string, readonly exit: number = Exit.usage) {
    super(message)
    this.name = 'UsageError'
  }
}

export const orUsage = <A>(x: { _tag: 'Left'; left: string } | { _tag: 'Right'; right: A }): A => {
  if (x._tag === 'Left') throw new UsageError(x.left)
  return x.right
}
