/** Starts an express app on 127.0.0.1 and returns a handle whose `close` also ends open sockets. */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Express } from 'express';
import type { RunningSimulator } from './sim-types';

export const SIM_HOST = '127.0.0.1';

export async function startServer(name: string, app: Express, port = 0): Promise<RunningSimulator> {
  const server = http.createServer(app);
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error): void => {
      reject(
        new Error(`${name} simulator could not listen on ${SIM_HOST}:${port}: ${error.message}`),
      );
    };
    server.once('error', onError);
    server.listen(port, SIM_HOST, () => {
      server.off('error', onError);
      resolve();
    });
  });

  const bound = (server.address() as AddressInfo).port;
  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      for (const socket of sockets) socket.destroy();
      sockets.clear();
    });
    return closing;
  };

  return { name, url: `http://${SIM_HOST}:${bound}`, port: bound, close };
}
