import express from 'express';
import type { Request } from 'express';
import { postJson } from '../../../simulators/kit/signed-post';
import { startServer } from '../../../simulators/kit/start-server';
import type { RunningSimulator } from '../../../simulators/kit/sim-types';

describe('postJson', () => {
  let receiver: RunningSimulator;
  const received: { headers: Request['headers']; raw: string }[] = [];

  beforeAll(async () => {
    const app = express();
    app.use(express.text({ type: '*/*' }));
    app.post('/hook', (req, res) => {
      received.push({ headers: req.headers, raw: String(req.body) });
      res.status(202).json({ ok: true });
    });
    app.post('/slow', () => {
      // never answers
    });
    receiver = await startServer('receiver', app);
  });
  afterAll(() => receiver.close());

  test('posts the exact bytes with the given headers and returns the status', async () => {
    const body = '{"b":1, "a":"é"}';
    const result = await postJson(`${receiver.url}/hook`, body, { 'X-Signature': 'abc' });
    expect(result.status).toBe(202);
    expect(JSON.parse(result.body)).toEqual({ ok: true });
    const last = received[received.length - 1]!;
    expect(last.raw).toBe(body);
    expect(last.headers['x-signature']).toBe('abc');
    expect(last.headers['content-type']).toBe('application/json');
    expect(last.headers['content-length']).toBe(String(Buffer.byteLength(body)));
  });

  test('times out with a message naming the URL', async () => {
    await expect(postJson(`${receiver.url}/slow`, '{}', {}, { timeoutMs: 100 })).rejects.toThrow(
      `webhook POST to ${receiver.url}/slow failed: timed out after 100 ms`,
    );
  });

  test('rejects bad URLs clearly', async () => {
    await expect(postJson('not a url', '{}', {})).rejects.toThrow(/not a valid URL/);
    await expect(postJson('ftp://127.0.0.1/x', '{}', {})).rejects.toThrow(/must use http or https/);
  });
});
