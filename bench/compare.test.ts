import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import {
  compareTargets,
  HEAD,
  judgeCompare,
  planApps,
  vsHead,
  type CompareRef,
  type CompareReport,
} from "./compare-plan";
import { renderCompare, versusHeadLine } from "./compare-report";
import { inDir } from "./compare-worktrees";
import { benchReport, sample } from "./report-fixtures";
import { roundOrder } from "./sample-stats";

const ref = (name: string, redisMode = true, uncommitted = false): CompareRef => ({
  name,
  commit: `${name === HEAD ? "bfbe8cd" : name}0000000000000000000000000000000000`,
  subject: `Subject of ${name}`,
  uncommitted,
  redisMode,
});
const head = ref(HEAD);
const hardening = ref("1db50a4", false);
const speed = ref("9d9cc46");

describe("planApps", () => {
  it("gives each ref two ports, cookie mode first, and no Redis app to a ref without it", () => {
    const apps = planApps([head, hardening, speed]);
    assert.deepEqual(
      apps.map((app) => `${app.ref} ${app.sessions} ${app.url}`),
      [
        "HEAD cookie http://localhost:3701",
        "HEAD Redis http://localhost:3702",
        "1db50a4 cookie http://localhost:3703",
        "9d9cc46 cookie http://localhost:3705",
        "9d9cc46 Redis http://localhost:3706",
      ],
    );
  });

  it("refuses more refs than its ports hold", () => {
    assert.equal(planApps(Array.from({ length: 49 }, (_, i) => ref(`r${i}`))).length, 98);
    assert.throws(() => planApps(Array.from({ length: 50 }, (_, i) => ref(`r${i}`))), /ports/);
  });
});

describe("compareTargets", () => {
  const apps = planApps([head, hardening]).map((app) => ({
    ...app,
    cookie: `appSession=${app.port}`,
  }));

  it("loads HEAD's /api/health, then each app's token route with its own cookie", () => {
    const targets = compareTargets(apps);
    assert.deepEqual(
      targets.map((target) => `${target.origin ?? ""}${target.path} ${target.label}`),
      [
        "http://localhost:3701/api/health HEAD, trivial JSON",
        "http://localhost:3701/auth/access-token HEAD, cached token, sessions in the cookie",
        "http://localhost:3702/auth/access-token HEAD, cached token, sessions in Redis",
        "http://localhost:3703/auth/access-token 1db50a4, cached token, sessions in the cookie",
      ],
    );
    assert.equal(targets[0]?.headers, undefined);
    assert.deepEqual(targets[3]?.headers, { cookie: "appSession=3703" });
    assert.throws(() => compareTargets([]), /No app/);
  });

  it("visits every target once per round, forwards then backwards", () => {
    const order = roundOrder(compareTargets(apps), 3).map((round) =>
      round.map((target) => target.origin?.slice(-4) + target.path.slice(0, 5)),
    );
    const forwards = ["3701/api/", "3701/auth", "3702/auth", "3703/auth"];
    assert.deepEqual(order, [forwards, [...forwards].reverse(), forwards]);
  });
});

describe("judgeCompare", () => {
  const apps = planApps([head, hardening]);
  // The trivial route slowed down in round 2: the ratios follow it round by round.
  const health = sample("/api/health", 1500, 0, [2000, 1000, 2000]);
  const samples = [
    health,
    sample("/auth/access-token", 1800, 0, [1900, 950, 1800]),
    sample("/auth/access-token", 2000, 0, [2400, 1300, 2200]),
    sample("/auth/access-token", 1000, 0, [1000, 800, 1600]),
  ];

  it("divides each round by the same round's /api/health and takes the median", () => {
    const { health: base, rows } = judgeCompare(apps, samples);
    assert.deepEqual(base.roundRatios, [1, 1, 1]);
    assert.deepEqual(
      rows.map((row) => [row.ref, row.sessions, row.roundRatios, row.ratio]),
      [
        ["HEAD", "cookie", [0.95, 0.95, 0.9], 0.95],
        ["HEAD", "Redis", [1.2, 1.3, 1.1], 1.2],
        ["1db50a4", "cookie", [0.5, 0.8, 0.8], 0.8],
      ],
    );
  });

  it("refuses samples that do not match the apps", () => {
    assert.throws(() => judgeCompare(apps, samples.slice(0, 3)), /Expected 4 samples, got 3/);
    assert.throws(() => judgeCompare(apps, []), /Expected 4 samples/);
  });

  it("compares each ref's median ratio with HEAD's in the same session mode", () => {
    const { rows } = judgeCompare(apps, samples);
    assert.equal(vsHead(rows, "1db50a4", "cookie")?.toFixed(4), (0.8 / 0.95).toFixed(4));
    assert.equal(vsHead(rows, "1db50a4", "Redis"), undefined);
    assert.equal(vsHead(rows, HEAD, "Redis"), 1);
  });
});

describe("renderCompare", () => {
  const refs = [ref(HEAD, true, true), hardening, speed];
  const apps = planApps(refs);
  const { health, rows } = judgeCompare(apps, [
    sample("/api/health", 2000),
    sample("/auth/access-token", 1900, 0, [1900, 1800, 2000]),
    sample("/auth/access-token", 2400),
    sample("/auth/access-token", 1520),
    sample("/auth/access-token", 1600),
    sample("/auth/access-token", 2000, 7),
  ]);
  const report: CompareReport = {
    date: "2026-01-02T03:04:05.000Z",
    totalSeconds: 700,
    machine: benchReport.machine,
    load: {
      connections: 50,
      warmupSeconds: 2,
      sliceSeconds: 4,
      rounds: 3,
      loadAverage: { before: [2.5, 2, 1.5], after: [1.25, 1, 0.5] },
    },
    refs,
    health,
    rows,
  };
  const markdown = renderCompare(report);

  it("gives one row per app under the baseline, with each round's figures", () => {
    assert.match(
      markdown,
      /\| Ref \| Sessions \| Req\/s per round \| Ratio per round \| Median ratio \|/,
    );
    assert.ok(markdown.includes("| HEAD | — (`/api/health`, baseline) | 2,000 / 2,000 / 2,000 |"));
    assert.ok(
      markdown.includes(
        "| HEAD | cookie | 1,900 / 1,800 / 2,000 | 0.95× / 0.90× / 1.00× | 0.95× |",
      ),
    );
    assert.ok(markdown.includes("| 1db50a4 | cookie | 1,520 / 1,520 / 1,520 |"));
    assert.equal(markdown.match(/^\| 9d9cc46 \|/gm)?.length, 2);
  });

  it("states the commits, the load averages and each ref against HEAD", () => {
    assert.ok(markdown.includes("`bfbe8cd` + uncommitted changes"));
    assert.ok(markdown.includes("cookie (no Redis mode at this commit)"));
    assert.ok(markdown.includes("2.50 / 2.00 / 1.50 right before the load runs"));
    assert.ok(markdown.includes("1.25 / 1.00 / 0.50 right after"));
    assert.equal(
      versusHeadLine(report, "1db50a4"),
      "- `1db50a4`: sessions in the cookie 0.80×, no Redis mode at this commit, of HEAD's median ratio",
    );
    assert.equal(
      versusHeadLine(report, "9d9cc46"),
      "- `9d9cc46`: sessions in the cookie 0.84×, in Redis 0.83×, of HEAD's median ratio",
    );
    assert.ok(markdown.includes(versusHeadLine(report, "9d9cc46")));
    assert.ok(markdown.includes("Reproduce: `npm run bench:compare -- 1db50a4 9d9cc46`"));
  });

  it("says which rows had failed requests", () => {
    assert.match(markdown, /Failed requests/);
    assert.ok(markdown.includes("- `9d9cc46` /auth/access-token (Redis): 7 non-2xx, 0 errors"));
    const clean = renderCompare({ ...report, rows: rows.map((row) => ({ ...row, non2xx: 0 })) });
    assert.ok(clean.includes("Every request was answered 2xx."));
  });
});

describe("inDir", () => {
  it("runs the command in the folder given, with its arguments as they are", () => {
    const dir = mkdtempSync(join(tmpdir(), "compare test "));
    try {
      const [command, args] = inDir(dir, "sh", ["-c", 'pwd; echo "$1"', "sh", "a  b"]);
      const { stdout } = spawnSync(command, args, { encoding: "utf8" });
      assert.equal(stdout, `${realpathSync(dir)}\na  b\n`);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });
});
