import { AssetbridgeError } from '../../core/errors';
import { InboxStore } from '../../core/runtime/inbox-store';
import { INBOX_STATUSES, type InboxEntry, type InboxStatus } from '../../core/runtime/inbox-types';
import { KyselyStore } from '../../core/store/kysely-store';
import type { CliContext } from '../cli-context';
import { EXIT } from '../cli-io';
import { wholeNumberOption } from '../whole-number-option';

export interface InboxCommandOptions {
  /** `pending`, `processing`, `done`, `dead` (default) or `all`. */
  status?: string;
  /** An event id, or `all` for every dead event. */
  retry?: string;
  limit?: string;
}

/** `assetbridge inbox [--status s] [--retry <id|all>] [--limit n]`: the webhook dead-letter list. */
export async function inboxCommand(ctx: CliContext, opts: InboxCommandOptions): Promise<number> {
  const status = parseStatus(opts.status);
  const limit = wholeNumberOption('--limit', opts.limit ?? '100');
  const target = opts.retry === undefined ? null : parseRetry(opts.retry);
  const store = await ctx.openStore({ mustExist: true });
  try {
    if (!(store instanceof KyselyStore)) {
      throw new AssetbridgeError('STORE', 'the webhook inbox needs the SQL store');
    }
    const inbox = new InboxStore(store);
    if (target !== null) return await retry(ctx, inbox, target);
    const entries = await inbox.list({ ...(status === 'all' ? {} : { status }), limit });
    if (ctx.json) ctx.io.stdout(`${JSON.stringify(entries, null, 2)}\n`);
    else ctx.io.stdout(render(entries, status));
    return EXIT.OK;
  } finally {
    await store.close();
  }
}

async function retry(
  ctx: CliContext,
  inbox: InboxStore,
  target: number | 'all-dead',
): Promise<number> {
  const count = await inbox.retry(target, ctx.clock());
  if (target !== 'all-dead' && count === 0) {
    const entry = await inbox.get(target);
    const why = entry === null ? 'does not exist' : `is ${entry.status}, not dead`;
    throw new AssetbridgeError('STORE_NOT_FOUND', `inbox event ${target} ${why}; nothing retried`);
  }
  if (ctx.json) ctx.io.stdout(`${JSON.stringify({ retried: count })}\n`);
  else {
    ctx.io.stdout(
      `${count} dead event(s) put back in the queue with a fresh set of ${inbox.maxAttempts} ` +
        `attempts; a running \`assetbridge serve\` processes them.\n`,
    );
  }
  return EXIT.OK;
}

function parseStatus(value: string | undefined): InboxStatus | 'all' {
  if (value === undefined) return 'dead';
  if (value === 'all') return value;
  const found = INBOX_STATUSES.find((s) => s === value);
  if (found === undefined) {
    throw new AssetbridgeError(
      'USAGE',
      `--status must be one of ${[...INBOX_STATUSES, 'all'].join(', ')}; got "${value}"`,
    );
  }
  return found;
}

function parseRetry(value: string): number | 'all-dead' {
  if (value === 'all') return 'all-dead';
  if (/^\s*\d+\s*$/.test(value)) return wholeNumberOption('--retry', value);
  throw new AssetbridgeError('USAGE', `--retry takes an event id or "all"; got "${value}"`);
}

function render(entries: InboxEntry[], status: InboxStatus | 'all'): string {
  const what = status === 'all' ? '' : `${status} `;
  if (entries.length === 0) return `No ${what}events in the webhook inbox.\n`;
  const lines = [`${entries.length} ${what}event(s):`];
  for (const e of entries) {
    lines.push(
      `#${e.id} ${e.connector} delivery ${e.deliveryId} [${e.status}] ` +
        `${e.attempts} attempt(s), received ${e.receivedAt}, ${e.events.length} event(s)`,
    );
    if (e.lastError !== null) lines.push(`   last error: ${e.lastError}`);
  }
  return `${lines.join('\n')}\n`;
}
