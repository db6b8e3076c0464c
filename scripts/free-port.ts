import { createServer } from "node:net";

/**
 * A free loopback port, for servers that must not collide: wrangler's inspector (which otherwise
 * wants 9229 and fails when it is taken), benchmark and test servers.
 * @example const port = await freePort(); // 41873
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}
