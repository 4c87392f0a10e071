/**
 * Starts every vendor simulator on 127.0.0.1, each seeded from one generated fleet, for the demo
 * and `assetbridge sim`. Optional webhook targets make ServiceNow, Jira and Jamf deliver their
 * outbound events to the given URLs.
 */
import { generateFleet } from './fleet/fleet-generator';
import type { FleetDevice } from './fleet/fleet-device';
import type { RunningSimulator } from './kit/sim-types';
import { createIntuneSimulator } from './intune';
import { createJamfSimulator, JAMF_WEBHOOK_EVENTS, type JamfWebhookConfig } from './jamf';
import { createJiraSimulator } from './jira';
import { createServiceNowSimulator } from './servicenow';

export type SimulatorName = 'servicenow' | 'jira' | 'jamf' | 'intune';
export type WebhookSource = 'servicenow' | 'jira' | 'jamf';

export interface StartAllOptions {
  fleetSize: number;
  seed: number;
  /** Where each system's outbound webhooks go; none are sent for a missing entry. */
  webhookTargets?: Partial<Record<WebhookSource, string>>;
  /** Fixed ports; a free port for each missing entry. */
  ports?: Partial<Record<SimulatorName, number>>;
}

export interface StartedSimulators {
  simulators: RunningSimulator[];
  fleet: FleetDevice[];
  /** Closes every simulator; rejects, naming each, if some failed to close. */
  close(): Promise<void>;
}

interface Startable {
  name: SimulatorName;
  start(port?: number): Promise<RunningSimulator>;
  /** Configuration that needs the running server (Jira webhooks are set through /_sim/config). */
  afterStart?: (running: RunningSimulator) => Promise<void>;
}

export async function startAllSimulators(options: StartAllOptions): Promise<StartedSimulators> {
  const fleet = generateFleet({ size: options.fleetSize, seed: options.seed });
  const startables = createSimulators(options, fleet);
  const results = await Promise.allSettled(startables.map((sim) => startOne(sim, options)));
  const simulators = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const close = () => closeAll(simulators);
  const failed = results.flatMap((r, i) =>
    r.status === 'rejected' ? [[i, r.reason] as const] : [],
  );
  if (failed.length > 0) {
    await close().catch(() => undefined);
    const reasons = failed.map(([i, reason]) => `${startables[i]?.name}: ${describeError(reason)}`);
    throw new Error(`could not start the simulators: ${reasons.join('; ')}`);
  }
  return { simulators, fleet, close };
}

function createSimulators(options: StartAllOptions, fleet: FleetDevice[]): Startable[] {
  const targets = options.webhookTargets ?? {};
  const seed = options.seed;

  const servicenow = createServiceNowSimulator({ seed, webhookUrl: targets.servicenow ?? null });
  servicenow.seedFromFleet(fleet);

  const jira = createJiraSimulator({ seed });
  jira.seedFromFleet(fleet);

  const jamf = createJamfSimulator({ seed, config: { webhooks: jamfWebhooks(targets.jamf) } });
  jamf.seedFromFleet(fleet);

  const intune = createIntuneSimulator({ seed });
  intune.seedFromFleet(fleet);

  const jiraTarget = targets.jira;
  return [
    { name: 'servicenow', start: (port) => servicenow.start(port) },
    {
      name: 'jira',
      start: (port) => jira.start(port),
      afterStart: jiraTarget ? (running) => configureJiraWebhook(running, jiraTarget) : undefined,
    },
    { name: 'jamf', start: (port) => jamf.start(port) },
    { name: 'intune', start: (port) => intune.start(port) },
  ];
}

async function startOne(sim: Startable, options: StartAllOptions): Promise<RunningSimulator> {
  const running = await sim.start(options.ports?.[sim.name] ?? 0);
  try {
    await sim.afterStart?.(running);
  } catch (error) {
    await running.close().catch(() => undefined);
    throw error;
  }
  return running;
}

/** One Jamf webhook per event type, all to the same target. */
function jamfWebhooks(url: string | undefined): JamfWebhookConfig[] {
  if (!url) return [];
  return JAMF_WEBHOOK_EVENTS.map((event, index) => ({
    id: index + 1,
    name: `assetbridge ${event}`,
    url,
    event,
    authType: 'none',
    enabled: true,
  }));
}

async function configureJiraWebhook(running: RunningSimulator, url: string): Promise<void> {
  const res = await fetch(`${running.url}/_sim/config`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ webhooks: [{ url, events: [] }] }),
  });
  if (!res.ok) {
    throw new Error(`Jira webhook target ${url} refused (${res.status}): ${await res.text()}`);
  }
}

async function closeAll(simulators: RunningSimulator[]): Promise<void> {
  const results = await Promise.allSettled(simulators.map((sim) => sim.close()));
  const failed = results.flatMap((r, i) =>
    r.status === 'rejected' ? [`${simulators[i]?.name}: ${describeError(r.reason)}`] : [],
  );
  if (failed.length > 0) throw new Error(`could not close the simulators: ${failed.join('; ')}`);
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
