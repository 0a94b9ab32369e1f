import { createClient } from "redis";
import { setTimeout as sleep } from "node:timers/promises";

/** A command as `MONITOR` prints it: who ran it (a client, or a Lua script) and its name. */
export type MonitoredCommand = { scripted: boolean; command: string };

/**
 * One `MONITOR` line, e.g. `1764170000.123456 [0 127.0.0.1:50412] "hgetall" "session:ab"`; a
 * command run by a Lua script names `lua` as its client. `null` for anything else.
 *
 * @example
 * parseMonitorLine('1.5 [0 lua] "HSET" "session:ab" "data" "{}"');
 * // { scripted: true, command: "hset" }
 */
export function parseMonitorLine(line: string): MonitoredCommand | null {
  const match = /^\d+(?:\.\d+)? \[\d+ ([^\]]+)\] "([^"]+)"/.exec(line);
  if (!match?.[1] || !match[2]) return null;
  return { scripted: match[1] === "lua", command: match[2].toLowerCase() };
}

/** Commands counted by name: sent by clients, and run inside Lua scripts. */
export type CommandCounts = { sent: Record<string, number>; scripted: Record<string, number> };

const add = (counts: Record<string, number>, command: string) => {
  counts[command] = (counts[command] ?? 0) + 1;
};

/**
 * Runs `batch` while `MONITOR` on the Redis at `url` records every command it receives, and
 * counts them. Nothing else may use that Redis meanwhile: every command is counted.
 *
 * @example
 * const counts = await countRedisCommands(redis.url, async () => { await fetch(pageUrl); });
 * counts.sent.hgetall; // 1
 */
export async function countRedisCommands(
  url: string,
  batch: () => Promise<void>,
): Promise<CommandCounts> {
  const counts: CommandCounts = { sent: {}, scripted: {} };
  const client = createClient({ url });
  await client.connect();
  try {
    await client.monitor((line) => {
      const parsed = parseMonitorLine(String(line));
      if (parsed) add(parsed.scripted ? counts.scripted : counts.sent, parsed.command);
    });
    await batch();
    // MONITOR lines can trail the last answer by a moment.
    await sleep(250);
  } finally {
    client.destroy();
  }
  return counts;
}
