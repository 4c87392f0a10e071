import type { Logger } from 'pino';
import { isAssetbridgeError } from '../errors';
import type { Asset } from '../model/asset';
import type { Store } from '../store/store';
import type { ConnectorWriter, WriteRequest } from './connector';
import { changesObject, desiredView, diffViews, heldView, type FieldDiff } from './outbound-view';
import type { EngineConnector, SyncOptions } from './sync-engine';
import type { ConnectorReport } from './sync-report';
import { NO_PROGRESS, type SyncProgress } from './sync-progress';
import type { Binding, SyncStateStore } from './sync-state-store';

export interface OutboundWriterDeps {
  store: Store;
  state: SyncStateStore;
  log: Logger;
  name: string;
  ec: EngineConnector;
  options: SyncOptions;
  report: ConnectorReport;
  progress?: SyncProgress;
}

/** Assets written to one connector at once (our choice). */
const WRITE_CONCURRENCY = 8;

/** Writes the core's view of changed assets to one connector: only what differs. */
export class OutboundWriter {
  constructor(private readonly d: OutboundWriterDeps) {}

  async run(touched: Map<string, Asset | null>, startedAt: string): Promise<void> {
    const { d } = this;
    const state = await d.state.state(d.name);
    const since = d.options.full ? null : state.outboundWatermark;
    const progress = d.progress ?? NO_PROGRESS;
    progress.start('write', d.name);
    for await (const assets of this.candidates(touched, since)) {
      await this.writeAssets(assets);
      progress.advance(assets.length);
    }
    progress.stop();
    if (!d.options.dryRun && d.report.writes.failed === 0) {
      await d.state.saveState({ ...(await d.state.state(d.name)), outboundWatermark: startedAt });
    }
  }

  /** Writes the given assets only (a webhook's changes); the outbound watermark does not move. */
  async writeAssets(assets: readonly Asset[]): Promise<void> {
    const bindings = await this.d.state.bindingsOfAssets(
      this.d.name,
      assets.map((a) => a.id),
    );
    const byAsset = new Map<string, Binding>();
    for (const b of bindings) if (b.status !== 'retired') byAsset.set(b.assetId, b);
    // A few assets at a time: each write is a chain of dependent requests, and the connector's
    // limiters (not this loop) bound how many requests the vendor sees at once.
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < assets.length) {
        const asset = assets[next++]!;
        await this.writeOne(asset, byAsset.get(asset.id) ?? null);
      }
    };
    const workers = Math.min(WRITE_CONCURRENCY, assets.length);
    await Promise.all(Array.from({ length: workers }, worker));
  }

  /**
   * Assets this run matched (loaded from the store by id, or as the dry run computed them), then
   * every other asset updated since `since` (all of them without a watermark), in pages.
   */
  private async *candidates(touched: Map<string, Asset | null>, since: string | null) {
    const ids = [...touched.keys()];
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const missing = chunk.filter((id) => touched.get(id) === null);
      const loaded = await this.d.store.getAssets(missing);
      const assets = chunk
        .map((id) => touched.get(id) ?? loaded.get(id)?.asset)
        .filter((a): a is Asset => a !== undefined);
      if (assets.length > 0) yield assets;
    }
    let after: string | null = null;
    do {
      const page = await this.d.store.listAssets({ limit: 500, after });
      const batch = page.assets.filter(
        (a) => !touched.has(a.id) && (since === null || a.updatedAt >= since),
      );
      if (batch.length > 0) yield batch;
      after = page.nextAfter;
    } while (after !== null);
  }

  private async writeOne(asset: Asset, binding: Binding | null): Promise<void> {
    const { d } = this;
    const writer = d.ec.connector.writer!;
    const desired = desiredView(d.ec.mapping, asset);
    if (Object.keys(desired).length === 0) return;
    if (binding === null && !writer.create) return;
    const diffs = diffViews(desired, binding?.held ?? {});
    if (diffs.length === 0) {
      d.report.writes.unchanged += 1;
      return;
    }
    const req: WriteRequest = {
      asset,
      changes: changesObject(d.ec.mapping, diffs),
      full: changesObject(d.ec.mapping, diffViews(desired, {})),
    };
    d.report.plan.push({
      action: binding ? 'update' : 'create',
      assetId: asset.id,
      externalId: binding?.externalId ?? null,
      fields: diffs,
    });
    if (d.options.dryRun) return;
    try {
      const next = binding
        ? await this.update(writer, binding, req, diffs)
        : await this.create(writer, asset, req, desired);
      if (next) await d.state.upsertBindings([next]);
    } catch (err) {
      d.report.writes.failed += 1;
      d.report.failures.push({
        connector: d.name,
        ref: `asset ${asset.id}`,
        message: (err as Error).message,
      });
      d.log.warn(
        { connector: d.name, assetId: asset.id, code: (err as { code?: string }).code },
        'write failed',
      );
    }
  }

  private async update(
    writer: ConnectorWriter,
    binding: Binding,
    req: WriteRequest,
    diffs: FieldDiff[],
  ) {
    const result = await writer.update(binding.externalId, req);
    if (result.unchanged === true) this.d.report.writes.unchanged += 1;
    else this.d.report.writes.updated += 1;
    const written = Object.fromEntries(diffs.map((x) => [x.path, x.after]));
    return this.bound(binding.externalId, req.asset, result.record?.data, binding, {
      ...binding.held,
      ...written,
    });
  }

  /** Creates after looking the record up; a create whose outcome is unknown is looked up again. */
  private async create(
    writer: ConnectorWriter,
    asset: Asset,
    req: WriteRequest,
    desired: Record<string, unknown>,
  ): Promise<Binding | null> {
    const existing = await writer.find(req);
    if (existing) {
      const held = heldView(this.d.ec.mapping, existing.data);
      const diffs = diffViews(desired, held);
      const binding = this.bound(existing.externalId, asset, existing.data, null, held);
      if (diffs.length === 0) return binding;
      const changes = changesObject(this.d.ec.mapping, diffs);
      return this.update(writer, binding, { ...req, changes }, diffs);
    }
    try {
      const result = await writer.create!(req);
      this.d.report.writes.created += 1;
      await this.linkCreated(result.externalId, asset);
      return this.bound(result.externalId, asset, result.record?.data, null, desired);
    } catch (err) {
      if (!isAssetbridgeError(err, 'WRITE_OUTCOME_UNKNOWN')) throw err;
      const found = await writer.find(req);
      if (!found) throw err;
      this.d.report.writes.created += 1;
      await this.linkCreated(found.externalId, asset);
      return this.bound(
        found.externalId,
        asset,
        found.data,
        null,
        heldView(this.d.ec.mapping, found.data),
      );
    }
  }

  /**
   * Links a record this run created to its asset, unless the id is linked already, so that
   * reading it back resolves to the same asset even when it carries no serial (a CI created
   * from an asset known only by name and asset tag).
   */
  private async linkCreated(externalId: string, asset: Asset): Promise<void> {
    const known = await this.d.store.findByExternalIds(this.d.name, [externalId]);
    if (known.length > 0) return;
    await this.d.store.upsertExternalLink({
      system: this.d.name,
      externalId,
      assetId: asset.id,
      alias: false,
    });
  }

  private bound(
    externalId: string,
    asset: Asset,
    data: unknown,
    prev: Binding | null,
    fallback: Record<string, unknown>,
  ): Binding {
    const held = data === undefined ? fallback : heldView(this.d.ec.mapping, data, fallback);
    return {
      connector: this.d.name,
      externalId,
      assetId: asset.id,
      held,
      version: prev?.version ?? null,
      lastSeenRun: prev?.lastSeenRun ?? null,
      missingRuns: prev?.missingRuns ?? 0,
      status: 'present',
    };
  }
}
