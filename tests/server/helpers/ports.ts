import type { FastifyInstance } from 'fastify';

/** This project's tests listen only on 18080–18099; take the first free one. */
export async function listenInRange(app: FastifyInstance, from = 18080, to = 18099): Promise<string> {
  for (let port = from; port <= to; port++) {
    try {
      await app.listen({ port, host: '127.0.0.1' });
      return `http://127.0.0.1:${port}`;
    } catch (error) {
      if ((error as { code?: string }).code !== 'EADDRINUSE') throw error;
    }
  }
  throw new Error(`no free port in ${from}-${to}`);
}

export async function freePortInRange(from = 18080, to = 18099): Promise<number> {
  const net = await import('node:net');
  for (let port = from; port <= to; port++) {
    const free = await new Promise<boolean>((resolve) => {
      const server = net.createServer();
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error(`no free port in ${from}-${to}`);
}
