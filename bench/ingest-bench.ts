import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { makeSerialPolicy } from '../core/identity/normalize';
import type { Observation } from '../core/identity/observation';
import { AssetIngestor } from '../core/ingest/asset-ingestor';
import { silentLogger } from '../core/logging/logger';
import { EQUAL_AUTHORITY } from '../core/reconcile/authority';
import { createStore } from '../core/store/create-store';
import { generateFleet } from '../simulators/fleet/fleet-generator';
import type { FleetDevice } from '../simulators/fleet/fleet-device';

export interface IngestFigures {
  devices: number;
  fullSeconds: number;
  fullPerSecond: number;
  incrementalChanged: number;
  incrementalSeconds: number;
  secondRunChanged: number;
}

function observation(d: FleetDevice, at: string, source: string): Observation {
  return {
    source,
    externalId: d.key,
    observedAt: at,
    ref: d.key,
    values: {
      serial: d.serial,
      name: d.name,
      manufacturer: d.manufacturer,
      model: d.model,
      'os.name': d.osName,
      'os.version': d.osVersion,
      'identifiers.udid': d.udid,
      'identifiers.macAddresses': d.macAddress ? [d.macAddress] : null,
      'identifiers.imeis': d.imei ? [d.imei] : null,
      'assignment.userEmail': d.userEmail,
      'lastSeen.at': d.lastSeenAt,
    },
  };
}

async function ingestAll(ingestor: AssetIngestor, list: Observation[]): Promise<number> {
  let changed = 0;
  for (let i = 0; i < list.length; i += 500) {
    const outcomes = await ingestor.ingest(list.slice(i, i + 500), 'bench');
    changed += outcomes.filter((o) => o.status === 'created' || o.status === 'updated').length;
  }
  return changed;
}

/**
 * The core path every connector feeds: identity resolution, reconciliation and the store, for a
 * fleet of `size` devices on SQLite: a full load, an unchanged second pass, and a pass where 1 % of
 * the devices changed (only those are sent, as an incremental read would).
 */
export async function benchIngest(size: number): Promise<IngestFigures> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'assetbridge-bench-'));
  const store = await createStore({ kind: 'sqlite', file: path.join(dir, 'bench.db') });
  await store.migrate();
  const ingestor = new AssetIngestor({
    store,
    authority: EQUAL_AUTHORITY,
    serialPolicy: makeSerialPolicy(),
    clock: () => new Date(),
    newId: randomUUID,
    logger: silentLogger(),
  });
  try {
    const fleet = generateFleet({ size, seed: 1 });
    const first = fleet.map((d) => observation(d, '2026-11-01T00:00:00.000Z', 'mdm'));
    let t = process.hrtime.bigint();
    await ingestAll(ingestor, first);
    const fullSeconds = Number(process.hrtime.bigint() - t) / 1e9;
    const secondRunChanged = await ingestAll(ingestor, first);
    const changedDevices = fleet.filter((_, i) => i % 100 === 0);
    const changes = changedDevices.map((d) => ({
      ...observation(d, '2026-11-02T00:00:00.000Z', 'mdm'),
      values: { ...observation(d, '', 'mdm').values, 'os.version': `${d.osVersion}.1` },
    }));
    t = process.hrtime.bigint();
    const incrementalChanged = await ingestAll(ingestor, changes);
    const incrementalSeconds = Number(process.hrtime.bigint() - t) / 1e9;
    return {
      devices: size,
      fullSeconds,
      fullPerSecond: Math.round(size / fullSeconds),
      incrementalChanged,
      incrementalSeconds,
      secondRunChanged,
    };
  } finally {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
