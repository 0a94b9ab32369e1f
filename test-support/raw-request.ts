import { request as httpRequest, type OutgoingHttpHeaders } from "node:http";
import { appPort } from "./servers";

export type RawAnswer = { status: number; headers: Record<string, string>; body: string };

/**
 * Sends one HTTP request to the e2e app with the request-target exactly as given. Playwright and
 * `fetch` parse the URL first, which resolves `%2e%2e` and `..` segments before the server sees
 * them; an attacker's client does not. Also sends a body in chunks when asked, so that no
 * `Content-Length` announces its size.
 *
 * @example
 * const answer = await rawRequest("/source/%2e%2e/package.json");
 */
export function rawRequest(
  target: string,
  options: { method?: string; headers?: OutgoingHttpHeaders; chunks?: Buffer[] } = {},
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      {
        host: "localhost",
        port: appPort,
        path: target,
        method: options.method ?? "GET",
        headers: options.headers,
      },
      (response) => {
        const parts: Buffer[] = [];
        response.on("data", (part: Buffer) => parts.push(part));
        response.on("end", () => {
          const headers: Record<string, string> = {};
          for (const [name, value] of Object.entries(response.headers)) {
            headers[name] = Array.isArray(value) ? value.join("\n") : String(value);
          }
          resolve({
            status: response.statusCode ?? 0,
            headers,
            body: Buffer.concat(parts).toString("utf8"),
          });
        });
        response.on("error", reject);
      },
    );
    request.on("error", reject);
    for (const chunk of options.chunks ?? []) request.write(chunk);
    request.end();
  });
}
