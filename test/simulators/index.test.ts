import { startAllSimulators, type StartedSimulators } from '../../simulators/index';

describe('startAllSimulators', () => {
  let started: StartedSimulators;

  beforeAll(async () => {
    started = await startAllSimulators({
      fleetSize: 300,
      seed: 42,
      webhookTargets: {
        servicenow: 'http://127.0.0.1:9/servicenow',
        jira: 'http://127.0.0.1:9/jira',
        jamf: 'http://127.0.0.1:9/jamf',
      },
    });
  });
  afterAll(() => started?.close());

  test('starts the four vendors on distinct 127.0.0.1 ports with the generated fleet', async () => {
    expect(started.fleet).toHaveLength(300);
    const names = started.simulators.map((s) => s.name).sort();
    expect(names).toEqual(['intune', 'jamf', 'jira', 'servicenow']);
    const ports = new Set(started.simulators.map((s) => s.port));
    expect(ports.size).toBe(4);
    for (const sim of started.simulators) {
      expect(sim.url).toBe(`http://127.0.0.1:${sim.port}`);
      const res = await fetch(`${sim.url}/_sim/stats`);
      expect(res.status).toBe(200);
    }
  });

  test('webhook targets reach each vendor configuration', async () => {
    const url = (name: string) => started.simulators.find((s) => s.name === name)!.url;
    const jira = JSON.stringify(await (await fetch(`${url('jira')}/_sim/config`)).json());
    expect(jira).toContain('http://127.0.0.1:9/jira');
    const jamf = JSON.stringify(await (await fetch(`${url('jamf')}/_sim/config`)).json());
    expect(jamf).toContain('http://127.0.0.1:9/jamf');
    const servicenow = JSON.stringify(
      await (await fetch(`${url('servicenow')}/_sim/config`)).json(),
    );
    expect(servicenow).toContain('http://127.0.0.1:9/servicenow');
  });

  test('the same seed gives the same fleet', async () => {
    const again = await startAllSimulators({ fleetSize: 300, seed: 42 });
    try {
      expect(again.fleet).toEqual(started.fleet);
    } finally {
      await again.close();
    }
  });

  test('close() stops every simulator', async () => {
    const other = await startAllSimulators({ fleetSize: 10, seed: 1 });
    await other.close();
    for (const sim of other.simulators) {
      await expect(fetch(`${sim.url}/_sim/stats`)).rejects.toThrow();
    }
  });

  test('a port that is taken fails the start and closes the others', async () => {
    const taken = started.simulators[0]!.port;
    await expect(
      startAllSimulators({ fleetSize: 5, seed: 1, ports: { intune: taken } }),
    ).rejects.toThrow(new RegExp(`intune: .*127\\.0\\.0\\.1:${taken}`));
  });
});
