/**
 * A small outbound HTTP(S) POST for simulator webhooks. The caller signs `body` itself and passes
 * the exact bytes, so that the receiver can verify the signature over the raw body.
 */
import http from 'node:http';
import https from 'node:https';

export interface PostJsonOptions {
  /** Default 5,000 ms. */
  timeoutMs?: number;
}

export interface PostJsonResult {
  status: number;
  body: string;
}

export async function postJson(
  url: string,
  body: string,
  headers: Record<string, string> = {},
  options: PostJsonOptions = {},
): Promise<PostJsonResult> {
  const target = parseTarget(url);
  const client = target.protocol === 'https:' ? https : http;
  const timeoutMs = options.timeoutMs ?? 5000;
  const payload = Buffer.from(body, 'utf8');

  return new Promise<PostJsonResult>((resolve, reject) => {
    const req = client.request(
      target,
      {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          ...headers,
          'Content-Length': String(payload.length),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', (error) => reject(wrap(url, error)));
      },
    );
    req.setTimeout(timeoutMs, () => {
      req.destroy(new Error(`timed out after ${timeoutMs} ms`));
    });
    req.on('error', (error) => reject(wrap(url, error)));
    req.end(payload);
  });
}

function parseTarget(url: string): URL {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    throw new Error(`postJson: "${url}" is not a valid URL`);
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') {
    throw new Error(`postJson: "${url}" must use http or https`);
  }
  return target;
}

function wrap(url: string, error: Error): Error {
  return new Error(`webhook POST to ${url} failed: ${error.message}`, { cause: error });
}
