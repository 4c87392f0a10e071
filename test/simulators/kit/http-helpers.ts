/** Raw node:http helpers for kit tests that need to see broken answers (drops, short bodies). */
import http from 'node:http';

export interface RawAnswer {
  status: number | null;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** How the exchange ended: complete, the socket closed early, or an error before any answer. */
  outcome: 'complete' | 'aborted' | 'error';
  error?: string;
}

export function rawRequest(url: string, method = 'GET', body?: string): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const req = http.request(
      url,
      {
        method,
        agent: false,
        headers: body ? { 'Content-Type': 'application/json' } : {},
      },
      (res) => {
        const chunks: Buffer[] = [];
        const answer = (outcome: RawAnswer['outcome']): void =>
          resolve({
            status: res.statusCode ?? null,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
            outcome,
          });
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => answer(res.complete ? 'complete' : 'aborted'));
        res.on('aborted', () => answer('aborted'));
        res.on('error', () => answer('aborted'));
      },
    );
    req.on('error', (error) =>
      resolve({ status: null, headers: {}, body: '', outcome: 'error', error: error.message }),
    );
    req.end(body);
  });
}
