import type { Asset } from '../../core/model/asset';
import type { ExternalLinkRow } from '../../core/store/store-types';
import type { SyncReport } from '../../core/sync/sync-report';
import type { DemoWorld } from './demo-world';

/** What one service-desk flow of the demo did and what it showed in the other systems. */
export interface SceneResult {
  title: string;
  /** What happened, one line each, for people. */
  lines: string[];
  /** False when an effect the scene expects did not show; `lines` says which. */
  ok: boolean;
}

/** One service-desk flow acted out against the simulators. */
export interface Scene {
  title: string;
  play(world: DemoWorld): Promise<SceneResult>;
}

/** Collects a scene's lines and checks. */
export class SceneLog {
  readonly lines: string[] = [];
  private failed = false;

  constructor(readonly title: string) {}

  say(line: string): void {
    this.lines.push(line);
  }

  /** Records an effect the scene expects; a missing one fails the scene. */
  expect(ok: boolean, seen: string, missing: string): void {
    if (ok) this.lines.push(`ok: ${seen}`);
    else {
      this.failed = true;
      this.lines.push(`MISSING: ${missing}`);
    }
  }

  result(): SceneResult {
    return { title: this.title, lines: this.lines, ok: !this.failed };
  }
}

/** The asset an external record is bound to, with every external id of it. */
export async function assetOf(
  world: DemoWorld,
  system: string,
  externalId: string,
): Promise<{ asset: Asset; links: ExternalLinkRow[] } | null> {
  const [link] = await world.store.findByExternalIds(system, [externalId]);
  if (!link) return null;
  const assets = await world.store.getAssets([link.assetId]);
  const stored = assets.get(link.assetId);
  if (!stored) return null;
  return { asset: stored.asset, links: await world.store.externalLinksOf([link.assetId]) };
}

/** A short human name of an asset: tag, name and serial. */
export function describeAsset(asset: Asset): string {
  const parts = [asset.assetTag, asset.name ? `"${asset.name}"` : null, asset.serial];
  return parts.filter((p): p is string => Boolean(p)).join(' ');
}

/** Runs an incremental sync of everything and says what each connector wrote. */
export async function syncAndSay(world: DemoWorld, log: SceneLog): Promise<SyncReport> {
  const report = await world.engine.run({ full: false, dryRun: false });
  const wrote = report.connectors
    .filter((c) => c.writes.created + c.writes.updated > 0)
    .map((c) => `${c.connector} ${c.writes.created} created, ${c.writes.updated} updated`);
  log.say(`incremental sync: ${wrote.length > 0 ? wrote.join('; ') : 'no writes'}`);
  return report;
}

/** The first asset, in store order, that `pick` accepts; null when none does. */
export async function findAsset(
  world: DemoWorld,
  pick: (asset: Asset) => boolean,
): Promise<Asset | null> {
  let after: string | null = null;
  for (;;) {
    const page = await world.store.listAssets({ limit: 500, after });
    const found = page.assets.find(pick);
    if (found) return found;
    if (page.nextAfter === null) return null;
    after = page.nextAfter;
  }
}

/** The current (not alias) external id of an asset in one connector instance, or null. */
export function externalIdOf(asset: Asset, system: string): string | null {
  return asset.identifiers.external.find((e) => e.system === system && !e.alias)?.id ?? null;
}
