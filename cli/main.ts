import { Command, CommanderError, Option } from 'commander';
import { AssetbridgeError, type ErrorCode } from '../core/errors';
import { createContext, type GlobalOptions } from './cli-context';
import { EXIT, processIo, type CliIo } from './cli-io';
import { conflictsCommand } from './commands/conflicts-command';
import { demoCommand } from './commands/demo-command';
import {
  custodyCommand,
  disposeCommand,
  type CustodyCommandOptions,
  type DisposeCommandOptions,
} from './commands/dispose-command';
import { importCommand } from './commands/import-command';
import { runsCommand } from './commands/runs-command';
import { inboxCommand } from './commands/inbox-command';
import { linkCommand } from './commands/link-command';
import { serveCommand } from './commands/serve-command';
import { showCommand } from './commands/show-command';
import { serveHooks } from './sync-wiring';
import { simCommand } from './commands/sim-command';
import { syncCommand } from './commands/sync-command';
import { validateCommand } from './commands/validate-command';

/** Error codes that exit 2 (bad configuration, usage or input); every other error exits 1. */
const USAGE_CODES = new Set<ErrorCode>([
  'USAGE',
  'CONFIG_INVALID',
  'MAPPING_INVALID',
  'IMPORT_FILE',
  'STORE_MISSING',
  'DISPOSAL_INVALID',
]);

/** The exit codes (EXIT in cli-io.ts), as the top-level help states them. */
const EXIT_CODES_HELP = 'Exit codes: 0 ok, 1 some records failed, 2 bad config or usage';

function buildProgram(
  io: CliIo,
  setCode: (code: number) => void,
  simSignal?: AbortSignal,
): Command {
  const program = new Command('assetbridge')
    .description('One trustworthy record per device, kept in agreement across CMDB, JSM and MDM')
    .option('-c, --config <file>', 'configuration file (default: ./assetbridge.yaml if present)')
    .option('--json', 'machine-readable output on stdout')
    .addOption(
      new Option('--log-level <level>', 'log level on stderr').choices([
        'fatal',
        'error',
        'warn',
        'info',
        'debug',
        'trace',
        'silent',
      ]),
    )
    .addHelpText('after', `\n${EXIT_CODES_HELP}\n`)
    .showHelpAfterError('(run assetbridge --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) });

  const ctx = () => createContext(program.opts<GlobalOptions>(), io);
  /** Commands that only read (or requeue in) the store need no connector secret. */
  const storeCtx = () => createContext(program.opts<GlobalOptions>(), io, { secrets: false });

  program
    .command('import <file>')
    .description('import a CSV or JSON export of devices through a mapping')
    .requiredOption('-s, --source <name>', 'source name recorded as provenance (picks the mapping)')
    .option(
      '-m, --mapping <file>',
      'mapping file (default: the source in the config, or mappings/<source>.yaml)',
    )
    .action(async (file: string, opts: { source: string; mapping?: string }) =>
      setCode(await importCommand(ctx(), file, opts)),
    );
  program
    .command('sync')
    .description('two-way sync of the configured connectors')
    .option('--connector <name...>', 'only these connector instances')
    .option('--full', 'read everything, not only what changed since the last watermark')
    .option('--dry-run', 'print the plan; send no mutating request and store nothing')
    .option('--read-only', 'read and store every record; write nothing to the systems')
    .action(
      async (opts: {
        connector?: string[];
        full?: boolean;
        dryRun?: boolean;
        readOnly?: boolean;
      }) => setCode(await syncCommand(ctx(), opts)),
    );
  program
    .command('link <asset> [ticket]')
    .description('link an asset (id, asset tag or serial) and a ticket (INC0010001, ITSM-42)')
    .option('--connector <name>', 'the connector instance that holds the ticket')
    .option('--backfill', 'link every ticket connected to the asset in the ticket systems')
    .action(
      async (
        asset: string,
        ticket: string | undefined,
        opts: { connector?: string; backfill?: boolean },
      ) => setCode(await linkCommand(ctx(), asset, ticket, opts)),
    );
  program
    .command('dispose <asset>')
    .description('record a disposal (wipe, custody, approval) and move the asset to disposed')
    .option('--record <file>', 'disposal record as JSON (flags given as well override it)')
    .option('--wipe-method <method>', 'nist_800_88_clear, nist_800_88_purge, crypto_erase, ...')
    .option('--wipe-proof <ref>', 'reference of the wipe certificate or report')
    .option('--wiped-at <when>', 'when the data was wiped (ISO-8601)')
    .option(
      '--custody <from|to|when|note...>',
      "chain-of-custody hand-over, repeatable: 'it-desk|Shred Co|2026-11-30T09:00Z|bag 17'",
    )
    .option('--approved-by <email>', 'email address of the person who approved the disposal')
    .option('--approved-at <when>', 'when it was approved (default: now)')
    .option('--retire', 'move the asset to retired first when it is not retired yet (checked)')
    .option('--vendor <name>', 'disposal vendor')
    .option('--certificate <ref>', 'disposal or destruction certificate reference')
    .option('--by <operator>', 'recorded as the source of the history rows', 'manual')
    .action(async (asset: string, opts: DisposeCommandOptions) =>
      setCode(await disposeCommand(ctx(), asset, opts)),
    );
  program
    .command('custody <asset>')
    .description('append a chain-of-custody hand-over to the disposal record of an asset')
    .requiredOption('--from <who>', 'who handed the device over')
    .requiredOption('--to <who>', 'who received it')
    .option('--at <when>', 'when (ISO-8601; default: now)')
    .option('--note <text>', 'a note: seal number, box, ticket')
    .option('--by <operator>', 'recorded as the source of the history rows', 'manual')
    .action(async (asset: string, opts: CustodyCommandOptions) =>
      setCode(await custodyCommand(ctx(), asset, opts)),
    );
  program
    .command('show <ref>')
    .description(
      'show an asset by id, asset tag or serial: fields, their sources, tickets, history',
    )
    .action(async (ref: string) => setCode(await showCommand(storeCtx(), ref)));
  program
    .command('conflicts')
    .description('list identity conflicts that were not merged')
    .option('--all', 'include resolved conflicts')
    .option(
      '--resolve <id...>',
      'mark open conflicts resolved (a later run that sees one opens it again)',
    )
    .action(async (opts: { all?: boolean; resolve?: string[] }) =>
      setCode(await conflictsCommand(storeCtx(), opts)),
    );
  program
    .command('runs')
    .description('list import and sync runs')
    .option('--limit <n>', 'how many runs', '20')
    .action(async (opts: { limit?: string }) => setCode(await runsCommand(storeCtx(), opts)));
  program
    .command('serve')
    .description('webhook receiver, scheduled syncs, metrics and the read API')
    .option('--port <n>', 'port to listen on', '8080')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .action(async (opts: { port?: string; host?: string }) =>
      setCode(await serveCommand(ctx(), opts, serveHooks())),
    );
  program
    .command('inbox')
    .description('list webhook events (the dead-letter list by default) and retry dead ones')
    .option('--status <status>', 'pending, processing, done, dead or all')
    .option('--retry <id|all>', 'put a dead event (or all of them) back in the queue')
    .option('--limit <n>', 'how many to list', '100')
    .action(async (opts: { status?: string; retry?: string; limit?: string }) =>
      setCode(await inboxCommand(storeCtx(), opts)),
    );
  program
    .command('demo')
    .description(
      'the simulators with a generated fleet, a full two-way sync, then service-desk flows',
    )
    .option('--fleet-size <n>', 'devices in the generated fleet', '3000')
    .option('--seed <n>', 'seed of the generated fleet', '42')
    .option('--keep', 'leave the simulators and serve running afterwards, until Ctrl-C')
    .action(async (opts: { fleetSize: string; seed: string; keep?: boolean }) =>
      setCode(
        await demoCommand(ctx(), {
          ...opts,
          // Per-record warnings of the sync would drown the demo's own report.
          logLevel:
            program.opts<GlobalOptions>().logLevel ?? io.env.ASSETBRIDGE_LOG_LEVEL ?? 'error',
          signal: simSignal,
        }),
      ),
    );
  program
    .command('sim')
    .description('run the ServiceNow, Jira/JSM, Jamf and Intune simulators with a seeded fleet')
    .option('--fleet-size <n>', 'devices in the generated fleet', '2000')
    .option('--seed <n>', 'seed of the generated fleet', '42')
    .action(async (opts: { fleetSize: string; seed: string }) =>
      setCode(await simCommand(ctx(), { ...opts, signal: simSignal })),
    );
  program
    .command('validate [files...]')
    .description(
      'check configuration files (with every mapping each names) and mapping files, each as what it is',
    )
    .action((files: string[]) => {
      const config = program.opts<GlobalOptions>().config;
      const targets = files.length > 0 ? files : config === undefined ? [] : [config];
      setCode(validateCommand(io, targets, Boolean(program.opts<GlobalOptions>().json)));
    });
  return program;
}

/** Runs the CLI; resolves to the exit code (0 ok, 1 some records failed, 2 bad config or usage). */
export async function main(
  argv: string[],
  io: CliIo = processIo(),
  options: { simSignal?: AbortSignal } = {},
): Promise<number> {
  let code: number = EXIT.OK;
  const program = buildProgram(io, (c) => (code = c), options.simSignal);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (err) {
    return reportError(err, io, argv.includes('--json'));
  }
}

function reportError(err: unknown, io: CliIo, json: boolean): number {
  if (err instanceof CommanderError) {
    return err.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
  }
  const code =
    err instanceof AssetbridgeError && USAGE_CODES.has(err.code) ? EXIT.USAGE : EXIT.SOME_FAILED;
  const message = err instanceof Error ? err.message : String(err);
  if (json) {
    const body =
      err instanceof AssetbridgeError
        ? { code: err.code, message, details: err.details }
        : { code: 'INTERNAL', message };
    io.stdout(`${JSON.stringify({ error: body }, null, 2)}\n`);
  }
  io.stderr(`assetbridge: ${message}\n`);
  const debug = ['debug', 'trace'].includes(io.env.ASSETBRIDGE_LOG_LEVEL ?? '');
  if (!(err instanceof AssetbridgeError) && err instanceof Error && err.stack) {
    io.stderr(debug ? `${err.stack}\n` : '(set ASSETBRIDGE_LOG_LEVEL=debug for details)\n');
  }
  return code;
}
