/** Starting an HTTP server of the `./node` entry (the signing endpoint, an agent's health endpoint). */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";

/** Makes `server` listen on `host:port` (0: a free port) and resolves its URL once it does. */
export async function listen(server: Server, host: string, port: number): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      resolve();
    });
  });
  const { address, port: bound } = server.address() as AddressInfo;
  return `http://${address.includes(":") ? `[${address}]` : address}:${bound}`;
}
