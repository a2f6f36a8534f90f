/**
 * sptecheck's command line: argv -> command -> exit status.
 * A user's mistake prints one line and exits with the usage status; an
 * internal error says so and asks for a report; nothing else ends in a stack.
 */
import { InternalError } from '../semantics/specError.js'
import { checkCommand } from './check.js'
import { Exit } from './exitCodes.js'
import { listCommand } from './list.js'
import { installSignalHandlers } from './signals.js'
import { UsageError } from './usageError.js'

export const USAGE = `usage: sptecheck <command> [options]      (<spec> is a shipped spec's name or a spec file's path)

commands:
  list [<spec>]                      the specs, their parameters and variants
  check <spec> [options]             explore every reachable state and check the properties
      --variant NAME                 a named preset of parameters (see list)
      --set key=value                set one parameter; repeatable, applied after the variant
      --max-states N  --max-depth N  --max-seconds N
                                     limits; a search cut short is reported 'incomplete'
      --max-memory MiB               stop (incomplete) before the process uses more memory;
                                     ulimit -v and cgroup limits are honoured without it
      --no-deadlock                  do not report states with no enabled action
      --continue                     go on after a violation: every violated property, each
                                     with its own shortest trace
      --json                         one JSON object on stdout (no traces; see --out)
      --format text|chart|itf|mermaid|html
                                     how to print a counterexample (default text); with itf
                                     or html, stdout holds the document alone
      --out FILE                     also write the counterexample (format by extension:
                                     .itf.json, .md for Mermaid, .chart.txt, .html, else text)
      --out-dir DIR                  write every counterexample in every format
      --dump-dot FILE                write the reachable state graph (up to 10,000 states)
      --fingerprints                 store 64-bit fingerprints instead of whole states
      --symmetry                     one state per orbit of the spec's declared symmetries
      --por                          partial-order reduction from the actions' footprints
      --workers N                    worker threads (default: every core)
      --liveness                     also check the liveness properties under the spec's
                                     fairness; violations are lassos
      --executor fast|immer          successor engine (immer is the reference semantics)
  lint <spec> [--variant NAME] [--set key=value ...] [--rows] [--max-states N]
                                     everything a spec author can get wrong, checked
                                     thoroughly at a small bound (--rows: every matrix
                                     row's configuration too)
  simulate <spec> [--variant NAME] [--set k=v] [--seed S] [--runs N] [--depth D]
          [--workers N] [--max-seconds N] [--json] [--format F] [--out FILE]
                                     random walks, every step checked; reproducible from the
                                     seed printed (whatever --workers: run r is the same walk
                                     on any thread); a violation is real, then shortened
                                     (0 means none found, which proves nothing)
  explore <spec> [--variant NAME] [--set key=value ...] [--out FILE] [--traces DIR] [--check]
                                     write the state explorer: one page to step through
                                     the model by choosing actions, and jump to the stored
                                     counterexamples of this configuration (--check: search
                                     for them now); default FILE <spec>[-<variant>].explore.html
  replay <file.itf.json>             re-check a saved trace step by step against its spec
  matrix [<spec>] [--only ROW] [--skip-large] [--no-traces] [--traces DIR]
                                     a spec's verdict matrix (npm start: the TDP MMU's)
  traces [<spec>] [--traces DIR]     regenerate the traces folder from the matrix
  docs [<spec>] [--docs DIR]         regenerate the spec's generated documents
  help                               this text

exit status: 0 verified, 1 violated, 2 deadlock, 3 incomplete, 64 usage error,
             65 bad trace file, 70 spec error, 71 internal error`

type Command = (argv: readonly string[]) => Promise<number>

const commands: Record<string, Command> = {
  list: listCommand,
  check: checkCommand,
  lint: argv => import('./lint.js').then(m => m.lintCommand(argv)),
  simulate: argv => import('./simulate.js').then(m => m.simulateCommand(argv)),
  replay: argv => import('./replay.js').then(m => m.replayCommand(argv)),
  explore: argv => import('./explore.js').then(m => m.exploreCommand(argv)),
  matrix: argv => import('./matrix.js').then(m => m.matrixCommand(argv)),
  traces: argv => import('./generate.js').then(m => m.tracesCommand(argv)),
  docs: argv => import('./generate.js').then(m => m.docsCommand(argv)),
}

async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv
  if (name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(`${USAGE}\n`)
    return Exit.verified
  }
  if (name === undefined) throw new UsageError("no command; try 'sptecheck help'")
  const command = commands[name]
  if (command === undefined) throw new UsageError(`unknown command '${name}'; the commands are: ${Object.keys(commands).join(', ')}, help`)
  return command(rest)
}

installSignalHandlers()
main(process.argv.slice(2)).then(
  code => { process.exitCode = code },
  (e: unknown) => {
    if (e instanceof UsageError) {
      process.stderr.write(`sptecheck: ${e.message}\n`)
      process.exitCode = e.exit
    } else if (e instanceof InternalError) {
      process.stderr.write(`sptecheck: internal error (please report it): ${e.message}\n`)
      process.exitCode = Exit.internal
    } else {
      process.stderr.write(`sptecheck: internal error (please report it): ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`)
      process.exitCode = Exit.internal
    }
  },
)
