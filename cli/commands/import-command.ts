import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { resolveFromConfig } from '../../core/config/config-loader';
import { AssetbridgeError } from '../../core/errors';
import { importFile, type ImportReport } from '../../core/ingest/file-import';
import { loadMapping } from '../../core/mapping/mapping-loader';
import type { Mapping } from '../../core/mapping/mapping-schema';
import type { CliContext } from '../cli-context';
import { EXIT } from '../cli-io';

export interface ImportCommandOptions {
  source: string;
  mapping?: string;
}

/** `assetbridge import <file> --source <name> [--mapping file]` */
export async function importCommand(
  ctx: CliContext,
  file: string,
  opts: ImportCommandOptions,
): Promise<number> {
  const mapping = mappingFor(ctx, opts);
  const input = path.resolve(ctx.io.cwd, file);
  const store = await ctx.openStore();
  try {
    const runId = randomUUID();
    const startedAt = ctx.clock().toISOString();
    await store.startRun({
      id: runId,
      kind: 'import',
      startedAt,
      summary: { file, source: opts.source },
    });
    const ingestor = ctx.ingestor(store, new Map([[opts.source, mapping]]));
    let report: ImportReport;
    try {
      report = await importFile(
        {
          file: input,
          displayName: file,
          source: opts.source,
          mapping,
          runId,
          observedAt: startedAt,
        },
        { ingestor, logger: ctx.logger.child({ runId }) },
      );
    } catch (err) {
      await store.finishRun(runId, 'failed', ctx.clock().toISOString(), { error: String(err) });
      throw err;
    }
    // Rows in a conflict count as failed even when they were applied apart: someone must decide.
    const failed = report.counts.rejected + report.counts.conflict + report.conflicts.length;
    const status = failed > 0 ? 'partial' : 'ok';
    await store.finishRun(runId, status, ctx.clock().toISOString(), {
      file,
      source: opts.source,
      counts: report.counts,
      conflicts: report.conflicts.length,
    });
    print(ctx, report);
    return failed > 0 ? EXIT.SOME_FAILED : EXIT.OK;
  } finally {
    await store.close();
  }
}

/**
 * --mapping, else the config's source of that name; without a config, the bundled
 * mappings/<source>.yaml.
 */
function mappingFor(ctx: CliContext, opts: ImportCommandOptions): Mapping {
  if (opts.mapping) {
    const file = path.resolve(ctx.io.cwd, opts.mapping);
    if (!existsSync(file))
      throw new AssetbridgeError('USAGE', `mapping file ${opts.mapping} does not exist`);
    return loadMapping(file);
  }
  const loaded = ctx.loaded;
  const source = loaded?.config.sources.find((s) => s.name === opts.source);
  if (loaded && source) {
    return (
      loaded.mappings.get(source.mapping) ??
      loadMapping(resolveFromConfig(loaded.file, source.mapping))
    );
  }
  const known = loaded?.config.sources.map((s) => s.name) ?? [];
  if (loaded) {
    // A configured store is a tenant's: a bundled example mapping is not used behind its back.
    throw new AssetbridgeError(
      'USAGE',
      `source '${opts.source}' is not in ${loaded.file}` +
        (known.length ? ` (sources: ${known.join(', ')})` : ' (it has no sources)') +
        ": add it to the config's sources, or pass --mapping <file>",
    );
  }
  const bundled = path.join(ctx.packageRoot, 'mappings', `${opts.source}.yaml`);
  if (existsSync(bundled)) return loadMapping(bundled);
  throw new AssetbridgeError(
    'USAGE',
    `no mapping for source '${opts.source}': pass --mapping <file>, add it to the config's sources` +
      (known.length ? ` (configured: ${known.join(', ')})` : '') +
      `, or use a bundled one such as 'spreadsheet'`,
  );
}

function print(ctx: CliContext, report: ImportReport): void {
  if (ctx.json) {
    ctx.io.stdout(`${JSON.stringify(report, null, 2)}\n`);
    return;
  }
  const c = report.counts;
  const lines =
    report.rows.length === 0
      ? [`No records in ${report.file}: nothing imported (run ${report.runId})`]
      : [
          `Imported ${report.file} as source '${report.source}' (run ${report.runId})`,
          `  created    ${c.created}`,
          `  updated    ${c.updated}`,
          `  unchanged  ${c.unchanged}`,
          `  conflicts  ${conflictLine(report)}`,
          `  rejected   ${c.rejected}`,
        ];
  if (report.missingColumns.length > 0) {
    lines.push(
      '',
      `Warning: the file lacks ${report.missingColumns.length} column(s) the mapping reads:`,
    );
    for (const m of report.missingColumns) {
      lines.push(
        `  ${m.column}${m.closest ? ` (the file has '${m.closest}': a renamed header?)` : ''}`,
      );
    }
  }
  if (report.unmappedColumns.length > 0) {
    lines.push(`Columns not in the mapping (ignored): ${report.unmappedColumns.join(', ')}`);
  }
  const bad = report.rows.filter((r) => r.status === 'rejected' || r.status === 'conflict');
  if (bad.length > 0) lines.push('', 'Rows not applied:');
  for (const row of bad) lines.push(`  ${row.ref}: ${row.status}: ${row.reasons.join('; ')}`);
  if (report.conflicts.length > 0) lines.push('', 'Conflicts (assetbridge conflicts):');
  for (const k of report.conflicts) {
    lines.push(`  #${k.id} ${k.kind}: ${k.summary} (${k.refs.join(', ')})`);
  }
  const inConflict = new Set(report.conflicts.flatMap((k) => k.summary));
  const warned = report.rows
    .filter((r) => r.status !== 'rejected' && r.status !== 'conflict')
    .map((r) => ({ ref: r.ref, reasons: r.reasons.filter((m) => !inConflict.has(m)) }))
    .filter((r) => r.reasons.length > 0);
  if (warned.length > 0) lines.push('', 'Warnings:');
  for (const row of warned) lines.push(`  ${row.ref}: ${row.reasons.join('; ')}`);
  ctx.io.stdout(`${lines.join('\n')}\n`);
}

/** Distinct conflicts, and how many rows they kept from being applied or applied apart. */
function conflictLine(report: ImportReport): string {
  const n = report.conflicts.length;
  if (n === 0) return '0';
  const rows = new Set(report.conflicts.flatMap((k) => k.refs)).size;
  const notApplied = report.counts.conflict;
  const apart = report.rows.filter((r) => r.status !== 'conflict' && r.conflicts.length > 0).length;
  return `${n} (${rows} rows: ${notApplied} not applied, ${apart} applied apart)`;
}
