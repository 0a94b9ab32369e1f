import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import { platform } from "node:os";
import type { ServerProcess } from "./report-types";

/**
 * Resident memory of the app server, read from `/proc`: Linux only, which is where CI and the
 * developers run the benchmark. `next start` is one node process today, but a server that forks
 * workers would be measured wrongly by the pid the benchmark spawned, so the process measured
 * is the one holding the listening socket, found in the spawned process's tree.
 */

/** The parent of every process, from `/proc/<pid>/stat` (`children` files need a kernel option). */
function parents(): Map<number, number> {
  const map = new Map<number, number>();
  for (const entry of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // The command name may hold spaces and parentheses: the fields start after the last ")".
      const ppid = stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1];
      map.set(Number(entry), Number(ppid));
    } catch {
      // Exited while the list was read.
    }
  }
  return map;
}

function descendants(pid: number, parentOf: Map<number, number>): number[] {
  const children = [...parentOf].filter(([, ppid]) => ppid === pid).map(([child]) => child);
  return children.flatMap((child) => [child, ...descendants(child, parentOf)]);
}

/** Inodes of the sockets listening on `port`, IPv4 and IPv6 (state 0A is LISTEN). */
function listeningInodes(port: number): Set<string> {
  const hexPort = port.toString(16).toUpperCase().padStart(4, "0");
  const inodes = new Set<string>();
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    const rows = readFileSync(table, "utf8").trim().split("\n").slice(1);
    for (const fields of rows.map((row) => row.trim().split(/\s+/))) {
      if (fields[1]?.endsWith(`:${hexPort}`) && fields[3] === "0A" && fields[9]) {
        inodes.add(fields[9]);
      }
    }
  }
  return inodes;
}

function holdsSocket(pid: number, inodes: Set<string>): boolean {
  try {
    return readdirSync(`/proc/${pid}/fd`).some((fd) => {
      const link = readlinkSync(`/proc/${pid}/fd/${fd}`, { encoding: "utf8" });
      return inodes.has(link.replace(/^socket:\[(\d+)\]$/, "$1"));
    });
  } catch {
    return false;
  }
}

/**
 * The process that serves `port`: `rootPid` or one of its descendants, the one holding the
 * listening socket. Fails off Linux, and when no process of the tree listens there.
 *
 * @example
 * servingProcess(app.child.pid, 3501); // { pid: 4242, command: "next-server (v16…)", treePids: [4242] }
 */
export function servingProcess(rootPid: number, port: number): ServerProcess {
  if (platform() !== "linux") {
    throw new Error(
      `The bounded load section reads the server's memory from /proc, which ${platform()} ` +
        "does not have: run the benchmark on Linux (as CI does).",
    );
  }
  const treePids = [rootPid, ...descendants(rootPid, parents())];
  const inodes = listeningInodes(port);
  const pid = treePids.find((candidate) => holdsSocket(candidate, inodes));
  if (pid === undefined) {
    throw new Error(
      `No process started by the benchmark (${treePids.join(", ")}) listens on ${port}.`,
    );
  }
  const command = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ").trim();
  return { pid, command, treePids };
}

/**
 * A process's resident memory in bytes (`VmRSS` in `/proc/<pid>/status`).
 *
 * @example
 * rssBytes(process.pid); // e.g. 52_428_800
 */
export function rssBytes(pid: number): number {
  const kib = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
  if (kib === undefined) throw new Error(`/proc/${pid}/status has no VmRSS line.`);
  return Number(kib) * 1024;
}

/**
 * Samples a process's RSS every `everyMs` until stopped; `stop` gives the highest reading.
 *
 * @example
 * const sampler = sampleRss(pid, 200);
 * await runTheLoad();
 * const peak = sampler.stop();
 */
export function sampleRss(pid: number, everyMs: number): { stop: () => number } {
  let peak = rssBytes(pid);
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, rssBytes(pid));
    } catch {
      // The server is gone: the load shows it as errors and the reading after it fails.
    }
  }, everyMs);
  return {
    stop: () => {
      clearInterval(timer);
      return peak;
    },
  };
}
