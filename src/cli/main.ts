/**
 * sptecheck's command line: argv -> command -> exit status.
 * User mistakes print one line and exit with the usage status; no stack traces.
 */
import { commands } from './commands.js'
import { Exit } from './exitCodes.js'
import { UsageError } from './usageError.js'

export const USAGE = `usage: sptecheck <command> [options]

commands:
  list                               the specs, their parameters and variants
  check <spec> [options]             explore every reachable state and check the properties
      --variant NAME                 a named preset of parameters (see list)
      --set key=value                set one parameter; repeatable, applied after the variant
      --max-states N  --max-depth N  --max-seconds N
                                     limits; a search cut short is reported 'incomplete'
      --no-deadlock                  do not report states with no enabled action
      --json                         one JSON object on stdout
      --format text|chart|itf|mermaid  how to print a counterexample (default text)
      --out FILE                     also write the counterexample (format by extension:
                                     .itf.json, .md for Mermaid, .chart.txt, else text)
      --dump-dot FILE                write the reachable state graph as Graphviz dot
      --executor fast|immer          successor engine (immer is the reference semantics)
  replay <file.itf.json>             re-check a saved trace step by step against its spec
  matrix [--only VARIANT]            the TDP MMU verdict matrix (what npm start runs)
  traces                             regenerate traces/ from the matrix's counterexamples
  docs                               regenerate docs/invariants.md and docs/variants.md
  help                               this text

exit status: 0 verified, 1 violated, 2 deadlock, 3 incomplete, 64 usage error,
             65 bad trace file, 70 spec error`

async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(`${USAGE}\n`)
    return name === undefined ? Exit.usage : Exit.verified
  }
  const command = commands[name]
  if (command === undefined) throw new UsageError(`unknown command '${name}'; the commands are: ${Object.keys(commands).join(', ')}, help`)
  return command(rest)
}

main(process.argv.slice(2)).then(
  code => { process.exitCode = code },
  (e: unknown) => {
    if (e instanceof UsageError) {
      process.stderr.write(`sptecheck: ${e.message}\nRun 'sptecheck help' for usage.\n`)
      process.exitCode = e.exit
      return
    }
    throw e
  },
)

