/**
 * Makes a response end badly: the headers promise the whole body (`Content-Length`), only the first
 * half of the body is written, then the socket is closed. Clients see a premature end of body.
 */
import type { Response } from 'express';

type WriteCallback = (error?: Error | null) => void;

const FALLBACK_BODY = '{"truncated":"this body was cut short by the simulator"}';

export function truncateResponse(res: Response): void {
  const chunks: Buffer[] = [];
  const originalWrite = res.write.bind(res) as (chunk: Buffer, cb: WriteCallback) => boolean;

  const collect = (chunk: unknown, encoding?: unknown): void => {
    if (chunk === undefined || chunk === null || typeof chunk === 'function') return;
    if (Buffer.isBuffer(chunk)) chunks.push(chunk);
    else if (chunk instanceof Uint8Array) chunks.push(Buffer.from(chunk));
    else chunks.push(Buffer.from(String(chunk), bufferEncoding(encoding)));
  };

  res.write = ((chunk: unknown, encoding?: unknown) => {
    collect(chunk, encoding);
    return true;
  }) as Response['write'];

  res.end = ((chunk?: unknown, encoding?: unknown) => {
    collect(chunk, encoding);
    let body = Buffer.concat(chunks);
    if (body.length < 2) body = Buffer.from(FALLBACK_BODY, 'utf8');
    if (!res.getHeader('Content-Type')) res.setHeader('Content-Type', 'application/json');
    res.setHeader('Content-Length', String(body.length));
    res.removeHeader('Transfer-Encoding');
    originalWrite(body.subarray(0, Math.floor(body.length / 2)), () => res.socket?.destroy());
    return res;
  }) as Response['end'];
}

function bufferEncoding(encoding: unknown): BufferEncoding {
  return typeof encoding === 'string' && Buffer.isEncoding(encoding) ? encoding : 'utf8';
}
